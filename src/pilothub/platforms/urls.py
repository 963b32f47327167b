from django.urls import URLPattern, URLResolver, include, path

from . import views, views_io
from .views_reports import urlpatterns as report_urlpatterns
from .views_trust import trust_urlpatterns

app_name = "platforms"
urlpatterns: list[URLPattern | URLResolver] = [
    # The public registry: directory, map, detail (views.py)
    path("", views.directory, name="directory"),
    path("map/", views.map_page, name="map"),
    path("map/data/", views.map_data, name="map_data"),
    path("<int:pk>/", views.detail, name="detail"),
    # The editing workflow (operators, reviewers): platforms/urls_manage.py
    path("manage/", include("pilothub.platforms.urls_manage")),
]
# Trust layer (freshness confirmation, pilot lines): issue 11.
urlpatterns += trust_urlpatterns

# --- import/export and supply lists (views_io) ---
urlpatterns += [
    path("io/", views_io.io_home, name="io"),
    path("io/template.<str:fmt>", views_io.io_template, name="io_template"),
    path("io/import/", views_io.io_import, name="io_import"),
    path("io/export/", views_io.io_export, name="io_export"),
    path("io/jobs/<int:job_id>/", views_io.io_job, name="io_job"),
    path("io/jobs/<int:job_id>/progress/", views_io.io_job_progress, name="io_job_progress"),
    path("supply-lists/", views_io.supply_lists, name="supply_lists"),
    path("supply-lists/publish/", views_io.supply_list_publish, name="supply_list_publish"),
    path("supply-lists/<int:release_id>/", views_io.supply_list_detail, name="supply_list_detail"),
    path("supply-lists/<int:release_id>.<str:fmt>", views_io.supply_list_download, name="supply_list_download"),
]
# --- end import/export and supply lists ---
urlpatterns += report_urlpatterns  # wrong-listing reports (信息纠错)
