from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "pilothub.evaluation"
    label = "evaluation"
    verbose_name = "认定与评估 Evaluation"
