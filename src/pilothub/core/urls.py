from django.urls import path

from . import views, views_notifications

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_log, name="audit"),
    path("notifications/", views_notifications.notification_list, name="notifications"),
    path("notifications/read-all/", views_notifications.notification_read_all, name="notifications_read_all"),
]
