from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "pilothub.content"
    label = "content"
    verbose_name = "资讯与案例 Content"
