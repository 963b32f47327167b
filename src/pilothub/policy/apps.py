from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "pilothub.policy"
    label = "policy"
    verbose_name = "政策与申报 Policy"
