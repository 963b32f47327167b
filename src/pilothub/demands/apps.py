from django.apps import AppConfig


class DemandsConfig(AppConfig):
    name = "pilothub.demands"
    label = "demands"
    verbose_name = "需求与揭榜挂帅 Demands"
