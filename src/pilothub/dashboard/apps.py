from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "pilothub.dashboard"
    label = "dashboard"
    verbose_name = "数据看板 Dashboard"
