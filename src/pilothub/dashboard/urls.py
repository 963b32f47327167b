from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "dashboard"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("public/<str:code>/", views.public, name="public"),
    path("<str:code>/", views.region, name="region"),
    path("<str:code>/refresh/", views.refresh, name="refresh"),
    path("<str:code>/export.xlsx", views.export, name="export"),
]
