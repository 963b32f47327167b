from django.apps import AppConfig


class PlatformsConfig(AppConfig):
    name = "pilothub.platforms"
    label = "platforms"
    verbose_name = "中试平台 Platforms"
