"""Pages of the registry's editing workflow, included by platforms/urls.py under manage/."""

from django.urls import URLPattern, URLResolver, path

from . import views_capabilities as capabilities
from . import views_manage as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.my_platforms, name="manage_list"),
    path("new/", views.platform_new, name="manage_new"),
    path("review/", views.review_queue, name="review_queue"),
    path("requests/<int:change_request_id>/", views.change_request_detail, name="change_request"),
    path("requests/<int:change_request_id>/review/", views.change_request_review, name="change_request_review"),
    path("requests/<int:change_request_id>/withdraw/", views.change_request_withdraw_view,
         name="change_request_withdraw"),
    path("<int:pk>/", views.platform_manage, name="manage"),
    path("<int:pk>/edit/", views.platform_edit_view, name="manage_edit"),
    path("<int:pk>/publish/", views.platform_publish_view, name="manage_publish"),
    path("<int:pk>/history/", views.platform_history_view, name="history"),
    # Capabilities (decision 0307); before the generic child patterns, which would take "lines/1/edit/".
    path("<int:pk>/lines/", capabilities.lines, name="manage_lines"),
    path("<int:pk>/lines/<int:record_id>/edit/", capabilities.line_edit, name="manage_lines_edit"),
    path("<int:pk>/lines/<int:record_id>/delete/", capabilities.line_delete, name="manage_lines_delete"),
    path("<int:pk>/permits/", capabilities.permits, name="manage_permits"),
    path("<int:pk>/permits/<int:record_id>/edit/", capabilities.permit_edit, name="manage_permits_edit"),
    path("<int:pk>/permits/<int:record_id>/expire/", capabilities.permit_expire, name="manage_permits_expire"),
    path("<int:pk>/permits/<int:record_id>/delete/", capabilities.permit_delete, name="manage_permits_delete"),
    path("<int:pk>/scope/", capabilities.scope, name="manage_scope"),
    path("<int:pk>/scope/<int:record_id>/edit/", capabilities.scope_edit, name="manage_scope_edit"),
    path("<int:pk>/scope/<int:record_id>/delete/", capabilities.scope_delete, name="manage_scope_delete"),
    path("<int:pk>/<slug:kind>/new/", views.child_new, name="child_new"),
    path("<int:pk>/<slug:kind>/<int:child_id>/edit/", views.child_edit, name="child_edit"),
    path("<int:pk>/<slug:kind>/<int:child_id>/delete/", views.child_delete, name="child_delete"),
]
