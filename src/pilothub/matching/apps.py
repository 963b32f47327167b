from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "pilothub.matching"
    label = "matching"
    verbose_name = "供需匹配 Matching"
