from django.urls import URLPattern, URLResolver, include, path

app_name = "platforms"
urlpatterns: list[URLPattern | URLResolver] = [
    # The editing workflow (operators, reviewers): platforms/urls_manage.py
    path("manage/", include("pilothub.platforms.urls_manage")),
]
