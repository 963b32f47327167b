"""Pages: role-aware home, bad input re-rendered with nothing changed, gates, report PDF, summary."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pilothub.evaluation import services
from pilothub.evaluation.models import CertificationApplication, CertificationCall, IndicatorValue
from pilothub.testing.factories import EquipmentFactory, PlatformFactory, operator, region, reviewer

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    op = operator("330402")
    platform = PlatformFactory(name="南湖中试平台", operator=op.organisation, region=region("330402"))
    return {"operator": op, "platform": platform, "reviewer": reviewer("330400"), "call": f.call("330400")}


def test_home_is_role_aware_and_bounded_in_queries(client, world, django_assert_max_num_queries):
    for n in range(5):
        other = PlatformFactory(operator=world["operator"].organisation, region=region("330402"), name=f"平台{n}")
        services.application_create(actor=world["operator"], call=world["call"], platform=other, summary="x",
                                    self_assessment=f.self_assessment())
    client.force_login(world["operator"])
    with django_assert_max_num_queries(15):
        response = client.get(reverse("evaluation:home"))
    body = response.content.decode()
    assert response.status_code == 200 and "我的认定申报" in body and "平台4" in body
    client.force_login(world["reviewer"])
    with django_assert_max_num_queries(15):
        response = client.get(reverse("evaluation:home"))
    assert "发布认定申报通知" in response.content.decode()


def test_bad_self_assessment_rerenders_with_the_field_error_and_creates_nothing(client, world):
    client.force_login(world["operator"])
    response = client.post(reverse("evaluation:application_create", args=[world["call"].pk]), {
        "platform": world["platform"].pk, "summary": "说明", "self_capability": 99, "self_openness": 10,
        "self_management": 10})
    assert response.status_code == 400
    assert "“中试能力”的自评分应在 0 到 40 之间" in response.content.decode()
    assert not CertificationApplication.objects.exists()


def test_call_form_rejects_a_closing_date_before_opening(client, world):
    client.force_login(world["reviewer"])
    response = client.post(reverse("evaluation:call_create"), {
        "region": "330400", "title": "测试通知", "target_tier": "municipal", "opens_on": "2026-05-01",
        "closes_on": "2026-04-01", "criteria": "a|能力|50\nb|开放|50", "required_attachments": "form|申报书",
        "pass_score": 60, "min_experts": 3, "publicity_days": 7, "validity_years": 3})
    assert response.status_code == 400 and "申报截止日期不能早于开始日期" in response.content.decode()
    assert CertificationCall.objects.count() == 1


def test_other_regions_reviewers_get_404_and_attachments_go_through_the_gate(client, world):
    application = services.application_create(actor=world["operator"], call=world["call"], platform=world["platform"],
                                              summary="x", self_assessment=f.self_assessment())
    attachment = services.application_attachment_add(actor=world["operator"], application=application,
                                                     kind="application_form", upload=f.pdf_upload())
    client.force_login(reviewer("110000"))
    assert client.get(reverse("evaluation:application_detail", args=[application.pk])).status_code == 404
    assert client.get(reverse("evaluation:attachment_download", args=["application", attachment.pk])).status_code == 404
    client.force_login(world["reviewer"])
    response = client.get(reverse("evaluation:attachment_download", args=["application", attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")


def test_upload_of_a_disguised_file_is_refused_in_the_page(client, world):
    application = services.application_create(actor=world["operator"], call=world["call"], platform=world["platform"],
                                              summary="x", self_assessment=f.self_assessment())
    client.force_login(world["operator"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("evaluation:application_attachment", args=[application.pk]), {
        "kind": "application_form", "file": SimpleUploadedFile("申报书.pdf", b"<script>alert(1)</script>")})
    assert response.status_code == 400 and "文件格式不受支持" in response.content.decode()
    assert not application.attachments.exists()


def _scored_round(world):
    EquipmentFactory(platform=world["platform"], original_value=15_000_000)
    round_ = services.round_create(actor=world["reviewer"], region_code="330400", year=2025,
                                   declaration_deadline=timezone.localdate() + datetime.timedelta(days=5))
    system = services.system_for_round(round_)
    values = {i.code: (True if i.rule["type"] == "boolean" else 5) for i in services.declarable_indicators(system)}
    declaration = services.declaration_save(actor=world["operator"], round_=round_, platform=world["platform"],
                                            values=values)
    services.declaration_submit(actor=world["operator"], declaration=declaration)
    services.round_score(actor=world["reviewer"], round_=round_)
    return round_, declaration


def test_reviewer_adjustment_needs_a_reason_in_the_page(client, world):
    _round, declaration = _scored_round(world)
    value = IndicatorValue.objects.get(declaration=declaration, indicator="patents")
    client.force_login(world["reviewer"])
    response = client.post(reverse("evaluation:value_adjust", args=[value.pk]), {"value": "9", "reason": ""})
    assert response.status_code == 400 and "请填写理由" in response.content.decode()
    value.refresh_from_db()
    assert value.value == 5 and not value.adjusted
    response = client.post(reverse("evaluation:value_adjust", args=[value.pk]), {"value": "9", "reason": "核减"})
    assert response.status_code == 302
    value.refresh_from_db()
    assert (value.value, value.original_value, value.adjusted) == (9, 5, True)


def test_report_pdf_and_region_summary(client, world, django_assert_max_num_queries):
    round_, declaration = _scored_round(world)
    result = declaration.result
    client.force_login(world["operator"])
    # Not published yet: the operator cannot see the result.
    assert client.get(reverse("evaluation:result_report", args=[result.pk])).status_code == 404
    client.force_login(world["reviewer"])
    page = client.get(reverse("evaluation:result_report", args=[result.pk])).content.decode()
    assert "<svg" in page and "中试能力" in page and "polygon" in page
    response = client.get(reverse("evaluation:result_report_pdf", args=[result.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    with django_assert_max_num_queries(12):
        summary = client.get(reverse("evaluation:region_summary", args=[round_.pk]))
    assert summary.status_code == 200 and "南湖中试平台" in summary.content.decode()
    assert 'id="chart-data"' in summary.content.decode()
