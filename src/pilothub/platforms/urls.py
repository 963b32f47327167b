from django.urls import URLPattern, URLResolver

app_name = "platforms"
urlpatterns: list[URLPattern | URLResolver] = []
