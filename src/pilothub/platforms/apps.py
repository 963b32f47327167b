from django.apps import AppConfig


class PlatformsConfig(AppConfig):
    name = "pilothub.platforms"
    label = "platforms"
    verbose_name = "中试平台 Platforms"

    def ready(self) -> None:
        from . import search

        search.connect_signals()
