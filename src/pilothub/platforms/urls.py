from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "platforms"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.directory, name="directory"),
    path("map/", views.map_page, name="map"),
    path("map/data/", views.map_data, name="map_data"),
    path("<int:pk>/", views.detail, name="detail"),
]
