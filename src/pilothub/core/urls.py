from django.urls import path

from . import views, views_jobs, views_notifications

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_log, name="audit"),
    path("notifications/", views_notifications.notification_list, name="notifications"),
    path("notifications/read-all/", views_notifications.notification_read_all, name="notifications_read_all"),
    path("jobs/", views_jobs.job_list, name="jobs"),
    path("jobs/start/<str:kind>/", views_jobs.job_start, name="job_start"),
    path("jobs/<int:job_id>/", views_jobs.job_detail, name="job_detail"),
    path("jobs/<int:job_id>/progress/", views_jobs.job_progress, name="job_progress"),
    path("jobs/<int:job_id>/download", views_jobs.job_download, name="job_download"),
    path("maintenance/", views_jobs.maintenance, name="maintenance"),
]
