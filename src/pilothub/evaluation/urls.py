from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "evaluation"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("calls/new/", views.call_create, name="call_create"),
    path("calls/<int:call_id>/", views.call_detail, name="call_detail"),
    path("calls/<int:call_id>/apply/", views.application_create, name="application_create"),
    path("applications/<int:application_id>/", views.application_detail, name="application_detail"),
    path("applications/<int:application_id>/attachments/", views.application_attachment,
         name="application_attachment"),
    path("applications/<int:application_id>/transition/", views.application_transition,
         name="application_transition"),
    path("applications/<int:application_id>/score/", views.expert_score, name="expert_score"),
    path("applications/<int:application_id>/objections/", views.objection_record, name="objection_record"),
    path("objections/<int:objection_id>/resolve/", views.objection_resolve, name="objection_resolve"),
    path("files/<str:kind>/<int:attachment_id>/", views.attachment_download, name="attachment_download"),
    path("experts/", views.experts, name="experts"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:round_id>/", views.round_detail, name="round_detail"),
    path("rounds/<int:round_id>/summary/", views.region_summary, name="region_summary"),
    path("rounds/<int:round_id>/<str:action>/", views.round_action, name="round_action"),
    path("rounds/<int:round_id>/declare/<int:platform_id>/", views.declaration_edit, name="declaration_edit"),
    path("declarations/<int:declaration_id>/", views.declaration_detail, name="declaration_detail"),
    path("declarations/<int:declaration_id>/evidence/", views.declaration_evidence, name="declaration_evidence"),
    path("declarations/<int:declaration_id>/submit/", views.declaration_submit, name="declaration_submit"),
    path("values/<int:value_id>/adjust/", views.value_adjust, name="value_adjust"),
    path("results/<int:result_id>/", views.result_report, name="result_report"),
    path("results/<int:result_id>/report.pdf", views.result_report_pdf_view, name="result_report_pdf"),
    path("proposals/", views.proposals, name="proposals"),
    path("proposals/<int:proposal_id>/decide/", views.proposal_decide, name="proposal_decide"),
    path("rewards/<int:reward_id>/decide/", views.reward_decide, name="reward_decide"),
]
