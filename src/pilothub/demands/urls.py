from django.urls import path

from . import views, views_challenges

app_name = "demands"
urlpatterns = [
    path("", views.demand_list, name="list"),
    path("new/", views.demand_create, name="create"),
    path("mine/", views.my_demands, name="mine"),
    path("recommended/", views.recommended, name="recommended"),
    path("moderation/", views.moderation, name="moderation"),
    path("<int:demand_id>/", views.demand_detail, name="detail"),
    path("<int:demand_id>/close/", views.demand_close_view, name="close"),
    path("<int:demand_id>/interest/", views.demand_interest, name="interest"),
    path("<int:demand_id>/quote/", views.quote_new, name="quote"),
    path("<int:demand_id>/quotes/", views.quote_compare, name="quotes"),
    path("<int:demand_id>/messages/<int:platform_id>/", views.thread, name="thread"),
    path("<int:demand_id>/hide/", views.moderate, {"action": "hide"}, name="hide"),
    path("<int:demand_id>/restore/", views.moderate, {"action": "restore"}, name="restore"),
    path("quotes/<int:quote_id>/accept/", views.quote_accept_view, name="quote_accept"),
    path("challenges/", views_challenges.challenges, name="challenges"),
    path("challenges/new/", views_challenges.challenge_new, name="challenge_new"),
    path("challenges/<int:challenge_id>/", views_challenges.challenge_detail, name="challenge_detail"),
    path("challenges/<int:challenge_id>/close/", views_challenges.challenge_action, {"action": "close"},
         name="challenge_close"),
    path("challenges/<int:challenge_id>/publish/", views_challenges.challenge_action, {"action": "publish"},
         name="challenge_publish"),
    path("challenges/<int:challenge_id>/milestones/", views_challenges.challenge_action, {"action": "milestone"},
         name="milestone_add"),
    path("challenges/applications/<int:application_id>/score/", views_challenges.application_score,
         name="application_score"),
    path("challenges/applications/<int:application_id>/attachment/", views_challenges.application_attachment,
         name="application_attachment"),
    path("challenges/milestones/<int:milestone_id>/submit/", views_challenges.milestone_action,
         {"action": "submit"}, name="milestone_submit"),
    path("challenges/milestones/<int:milestone_id>/confirm/", views_challenges.milestone_action,
         {"action": "confirm"}, name="milestone_confirm"),
]
