from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "policy"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.calculator, name="calculator"),
    path("applications/", views.my_applications, name="my_applications"),
    path("applications/new/", views.application_create, name="application_create"),
    path("applications/<int:application_id>/", views.application_detail, name="application_detail"),
    path("applications/<int:application_id>/decision/", views.application_decision, name="application_decision"),
    path("applications/<int:application_id>/resubmit/", views.application_resubmit_view,
         name="application_resubmit"),
    path("review/", views.review_queue, name="review_queue"),
]
