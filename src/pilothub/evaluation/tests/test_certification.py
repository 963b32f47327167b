"""Certification: applications, attachments, the review stages, expert recusal and 认定."""

import datetime

import pytest
from django.utils import timezone

from pilothub.core.errors import Conflict, DomainError, PermissionDeniedError
from pilothub.core.models import AuditEvent
from pilothub.evaluation import services
from pilothub.evaluation.models import (
    ApplicationAttachment,
    ApplicationState,
    CertificationApplication,
    CertifiedTier,
    ExpertScore,
    ReviewStep,
)
from pilothub.evaluation.selectors import (
    application_get_for_user,
    eligible_experts,
    excluded_experts,
    platform_current_certification,
)
from pilothub.testing.factories import (
    OrganisationFactory,
    PlatformFactory,
    UserFactory,
    operator,
    region,
    reviewer,
)

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    op = operator("330402")
    platform = PlatformFactory(operator=op.organisation, region=region("330402"))
    return {"operator": op, "platform": platform, "call": f.call("330400"), "reviewer": reviewer("330400")}


def _apply(s):
    application = services.application_create(actor=s["operator"], call=s["call"], platform=s["platform"],
                                              summary="平台具备 500L 发酵放大能力", self_assessment=f.self_assessment())
    services.application_attachment_add(actor=s["operator"], application=application, kind="application_form",
                                        upload=f.pdf_upload())
    services.application_attachment_add(actor=s["operator"], application=application, kind="licence",
                                        upload=f.png_upload())
    return application


def _to_expert_review(s):
    application = _apply(s)
    services.application_transition(actor=s["operator"], application=application, action="submit", reason="")
    return services.application_transition(actor=s["reviewer"], application=application, action="formal_pass",
                                           reason="材料齐全")


def test_attachments_are_checked_by_content_and_stored_under_random_names(setup):
    application = services.application_create(actor=setup["operator"], call=setup["call"],
                                              platform=setup["platform"], summary="说明",
                                              self_assessment=f.self_assessment())
    fake = f.pdf_upload("病毒.pdf")
    fake.file.write(b"")
    fake.file.seek(0)
    fake.file.truncate()
    fake.file.write(b"MZ\x90\x00 not a pdf")
    fake.size = 15
    with pytest.raises(DomainError) as error:
        services.application_attachment_add(actor=setup["operator"], application=application,
                                            kind="application_form", upload=fake)
    assert error.value.code == "file_type"
    big = f.pdf_upload(size=20 * 1024 * 1024)
    with pytest.raises(DomainError) as error:
        services.application_attachment_add(actor=setup["operator"], application=application,
                                            kind="application_form", upload=big)
    assert error.value.code == "file_too_large"
    assert ApplicationAttachment.objects.count() == 0

    attachment = services.application_attachment_add(actor=setup["operator"], application=application,
                                                     kind="other", upload=f.docx_upload("../../etc/说明.docx"))
    assert attachment.original_name == "说明.docx"
    assert attachment.file.name.startswith("evaluation/") and attachment.file.name.endswith(".docx")
    assert "说明" not in attachment.file.name and ".." not in attachment.file.name
    assert attachment.content_type.endswith("wordprocessingml.document")


def test_submit_needs_every_required_attachment_and_nothing_changes(setup):
    application = services.application_create(actor=setup["operator"], call=setup["call"],
                                              platform=setup["platform"], summary="说明",
                                              self_assessment=f.self_assessment())
    with pytest.raises(DomainError) as error:
        services.application_transition(actor=setup["operator"], application=application, action="submit", reason="")
    assert error.value.code == "attachments_missing"
    assert "申报书、营业执照" in error.value.message_zh
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT and not ReviewStep.objects.exists()


def test_self_assessment_above_the_criterion_maximum_is_refused(setup):
    with pytest.raises(DomainError) as error:
        services.application_create(actor=setup["operator"], call=setup["call"], platform=setup["platform"],
                                    summary="说明", self_assessment=f.self_assessment((41, 20, 20)))
    assert error.value.field == "self_capability"
    assert not CertificationApplication.objects.exists()


def test_only_the_operator_applies_and_only_in_the_window_and_region(setup):
    stranger = UserFactory(role="operator")
    with pytest.raises(PermissionDeniedError):
        services.application_create(actor=stranger, call=setup["call"], platform=setup["platform"], summary="x",
                                    self_assessment=f.self_assessment())
    closed = f.call("330400", opens_on=timezone.localdate() - datetime.timedelta(days=30),
                    closes_on=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(DomainError) as error:
        services.application_create(actor=setup["operator"], call=closed, platform=setup["platform"], summary="x",
                                    self_assessment=f.self_assessment())
    assert error.value.code == "call_closed"
    beijing_call = f.call("110000")
    with pytest.raises(DomainError) as error:
        services.application_create(actor=setup["operator"], call=beijing_call, platform=setup["platform"],
                                    summary="x", self_assessment=f.self_assessment())
    assert error.value.code == "wrong_region"
    _apply(setup)
    with pytest.raises(Conflict):
        _apply(setup)
    assert CertificationApplication.objects.count() == 1


def test_reviewers_of_another_region_can_neither_see_nor_decide(setup):
    application = _apply(setup)
    services.application_transition(actor=setup["operator"], application=application, action="submit", reason="")
    beijing = reviewer("110000")
    with pytest.raises(DomainError) as error:
        application_get_for_user(application_id=application.pk, user=beijing)
    assert error.value.status_code == 404
    with pytest.raises(PermissionDeniedError):
        services.application_transition(actor=beijing, application=application, action="formal_pass", reason="ok")
    assert application_get_for_user(application_id=application.pk, user=setup["reviewer"]) == application


def test_transitions_follow_the_table_and_need_a_reason(setup):
    application = _apply(setup)
    with pytest.raises(Conflict):
        services.application_transition(actor=setup["reviewer"], application=application, action="certify",
                                        reason="直接认定")
    services.application_transition(actor=setup["operator"], application=application, action="submit", reason="")
    with pytest.raises(DomainError) as error:
        services.application_transition(actor=setup["reviewer"], application=application, action="formal_return",
                                        reason="  ")
    assert error.value.code == "reason_required"
    services.application_transition(actor=setup["reviewer"], application=application, action="formal_return",
                                    reason="营业执照不清晰，请重新上传")
    application.refresh_from_db()
    assert application.state == ApplicationState.RETURNED
    assert services.allowed_actions(application) == ["submit", "withdraw"]


def test_experts_of_the_applicant_organisation_are_excluded(setup):
    application = _to_expert_review(setup)
    colleague = f.expert(organisation=setup["platform"].operator, name="本单位专家")
    by_name = f.expert(name="同名单位专家")
    by_name.organisation = None
    by_name.organisation_name = setup["platform"].operator.name
    by_name.save()
    account_expert = f.expert(name="账号专家")
    account_expert.organisation = None
    account_expert.user = UserFactory(organisation=setup["platform"].operator)
    account_expert.organisation_name = "（随账号）"
    account_expert.save()
    independent = f.expert(name="独立专家")
    assert eligible_experts(application=application) == [independent]
    assert set(excluded_experts(application=application)) == {colleague, by_name, account_expert}
    with pytest.raises(DomainError) as error:
        services.expert_score_record(actor=setup["reviewer"], application=application, expert=colleague,
                                     scores={"capability": 30, "openness": 20, "management": 20}, comment="好")
    assert error.value.code == "expert_conflict"
    assert not ExpertScore.objects.exists()


def test_the_whole_certification_path_certifies_and_sets_the_tier(setup):
    application = _to_expert_review(setup)
    experts = [f.expert(name=f"专家{i}") for i in range(2)]
    services.expert_score_record(actor=setup["reviewer"], application=application, expert=experts[0],
                                 scores={"capability": 35, "openness": 25, "management": 20}, comment="能力突出")
    with pytest.raises(DomainError) as error:
        services.application_transition(actor=setup["reviewer"], application=application, action="expert_pass",
                                        reason="通过")
    assert error.value.code == "experts_missing"
    services.expert_score_record(actor=setup["reviewer"], application=application, expert=experts[1],
                                 scores={"capability": 30, "openness": 20, "management": 15}, comment="基本符合")
    application = services.application_transition(actor=setup["reviewer"], application=application,
                                                  action="expert_pass", reason="专家平均分达到通过分")
    assert application.expert_average == 72 or str(application.expert_average) == "72.50"
    assert str(application.expert_average) == "72.50"
    assert application.state == ApplicationState.PUBLICITY
    assert application.publicity_ends_on == timezone.localdate() + datetime.timedelta(days=7)

    objection = services.objection_record(actor=setup["reviewer"], application=application, objector="某企业",
                                          content="设备数量不实", received_on=timezone.localdate())
    with pytest.raises(DomainError) as error:
        services.application_transition(actor=setup["reviewer"], application=application, action="certify",
                                        reason="公示期满")
    assert error.value.code == "publicity_running"
    CertificationApplication.objects.filter(pk=application.pk).update(
        publicity_ends_on=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(DomainError) as error:
        services.application_transition(actor=setup["reviewer"], application=application, action="certify",
                                        reason="公示期满")
    assert error.value.code == "objections_open"
    services.objection_resolve(actor=setup["reviewer"], objection=objection, upheld=False,
                               resolution="经核查设备台账属实，异议不成立")
    services.application_transition(actor=setup["reviewer"], application=application, action="certify",
                                    reason="公示期满无成立异议，予以认定")
    setup["platform"].refresh_from_db()
    assert setup["platform"].tier == "municipal"
    current = platform_current_certification(setup["platform"])
    assert current is not None and current.tier == "municipal" and current.application == application
    today = timezone.localdate()
    assert current.valid_from == today
    assert current.valid_until == today.replace(year=today.year + 3) - datetime.timedelta(days=1)
    assert list(ReviewStep.objects.filter(application=application).values_list("action", flat=True)) == [
        "submit", "formal_pass", "expert_pass", "certify"]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"certification_transition", "certification_certify", "platform_tier_set",
            "certification_objection_resolve", "certification_expert_score"} <= actions


def test_an_upheld_objection_blocks_certification(setup):
    application = _to_expert_review(setup)
    for i in range(2):
        services.expert_score_record(actor=setup["reviewer"], application=application, expert=f.expert(name=f"专家{i}"),
                                     scores={"capability": 35, "openness": 25, "management": 20}, comment="好")
    services.application_transition(actor=setup["reviewer"], application=application, action="expert_pass", reason="过")
    objection = services.objection_record(actor=setup["reviewer"], application=application, objector="匿名",
                                          content="存在安全事故", received_on=timezone.localdate())
    services.objection_resolve(actor=setup["reviewer"], objection=objection, upheld=True, resolution="经核实属实")
    CertificationApplication.objects.filter(pk=application.pk).update(publicity_ends_on=timezone.localdate())
    with pytest.raises(DomainError) as error:
        services.application_transition(actor=setup["reviewer"], application=application, action="certify", reason="认定")
    assert error.value.code == "objection_upheld"
    services.application_transition(actor=setup["reviewer"], application=application, action="publicity_reject",
                                    reason="异议成立")
    assert not CertifiedTier.objects.exists()
    setup["platform"].refresh_from_db()
    assert setup["platform"].tier == "cultivating"


def test_reviewer_of_another_region_cannot_add_experts_to_jiaxing():
    with pytest.raises(PermissionDeniedError):
        services.expert_add(actor=reviewer("442000"), region_code="330400", name="李工",
                            organisation=OrganisationFactory())
