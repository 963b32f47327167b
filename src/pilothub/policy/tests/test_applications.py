"""Subsidy applications: submission with a stored, recomputable trace; review by region; the
non-duplication rule; budgets; the evaluation reward link."""

from __future__ import annotations

import pytest
from django.utils import timezone

from pilothub.accounts.models import OrganisationStatus
from pilothub.core.errors import Conflict, DomainError, PermissionDeniedError
from pilothub.core.models import AuditEvent, Notification
from pilothub.policy import engine
from pilothub.policy.models import ApplicationStatus, SubsidyApplication
from pilothub.policy.selectors import budget_status_for
from pilothub.policy.services import (
    application_decide,
    application_resubmit,
    application_submit,
    policy_check_evaluation_reward,
)
from pilothub.testing.factories import OrganisationFactory, UserFactory, region, reviewer

from .factories import budget, contract_request, enterprise_user, new_platform_request, upgrade_request

pytestmark = pytest.mark.django_db

HR_CONTRACT = "huairou_draft.test_contract"


@pytest.fixture
def applicant():
    return enterprise_user("110116")


@pytest.fixture
def reviewers():
    return {"hr": reviewer("110116"), "hr2": reviewer("110116"), "bj": reviewer("110000"),
            "jx": reviewer("330400")}


def submit(user, measure=HR_CONTRACT, request=None, name="传感器测试验证项目"):
    return application_submit(user=user, measure=measure, request=request or contract_request(), project_name=name)


def walk(application, *steps):
    for reviewer_user, action in steps:
        application = application_decide(application=application, reviewer=reviewer_user, action=action,
                                         note="同意" if action not in ("return", "reject") else "材料不全")
    return application


def test_submission_recomputes_on_today_and_stores_a_recomputable_trace(applicant, reviewers):
    # The client's date and any amount it claims are ignored: the server recomputes on today.
    request = contract_request(contract_amount=1_000_000, as_of="2026-01-03")
    request["amount"] = 99_999_999
    application = submit(applicant, request=request)
    assert application.amount == 300_000
    assert application.trace["as_of"] == timezone.localdate().isoformat()
    assert application.issuing_region_id == "110116" and application.project_region_id == "110116"
    assert application.draft is True
    assert application.rule_version == f"{engine.ENGINE_VERSION}+{engine.default_rulebook().digest}"
    again = engine.recompute(application.trace)
    assert again["amount"] == application.amount
    assert again["trace"] == application.trace
    stored = SubsidyApplication.objects.get(pk=application.pk)
    assert engine.recompute(stored.trace)["trace"] == stored.trace
    assert AuditEvent.objects.filter(object_id=str(application.pk), action="submit").count() == 1
    assert list(Notification.objects.filter(recipient__in=[reviewers["hr"], reviewers["hr2"]])
                .values_list("recipient", flat=True).order_by("recipient")) == sorted(
        [reviewers["hr"].pk, reviewers["hr2"].pk])
    assert not Notification.objects.filter(recipient=reviewers["bj"]).exists()
    assert Notification.objects.filter(recipient=applicant).count() == 1


def test_beijing_measure_is_issued_by_beijing(applicant):
    application = submit(applicant, measure="beijing_2026_1.new_platform", request=new_platform_request())
    assert (application.issuing_region_id, application.amount) == ("110000", 7_000_000)


@pytest.mark.parametrize(("measure", "request_factory", "code"), [
    ("beijing_2026_1.rent", contract_request, "measure_not_applicable"),
    (HR_CONTRACT, lambda: contract_request(contract_amount=0), "not_eligible"),
    (HR_CONTRACT, lambda: {**contract_request(), "region": "999999"}, "unknown_region"),
])
def test_bad_submissions_create_nothing(applicant, measure, request_factory, code):
    with pytest.raises(DomainError) as caught:
        submit(applicant, measure=measure, request=request_factory())
    assert caught.value.code == code
    assert not SubsidyApplication.objects.exists()
    assert not AuditEvent.objects.filter(object_type="policy.subsidyapplication").exists()


def test_only_approved_enterprises_apply(reviewers):
    pending = UserFactory(organisation=OrganisationFactory(status=OrganisationStatus.PENDING))
    for user in (pending, reviewers["hr"]):
        with pytest.raises(PermissionDeniedError):
            submit(user)
    assert not SubsidyApplication.objects.exists()


def test_full_workflow_with_four_eyes_and_audit(applicant, reviewers):
    budget(HR_CONTRACT, "110116", 1_000_000)
    application = submit(applicant)
    application = walk(application, (reviewers["hr"], "first_approve"))
    with pytest.raises(Conflict) as caught:
        application_decide(application=application, reviewer=reviewers["hr"], action="second_approve")
    assert caught.value.code == "same_reviewer"
    # A reviewer of the region above (Beijing) may act on a Huairou measure.
    application = walk(application, (reviewers["bj"], "second_approve"), (reviewers["hr2"], "publicise"),
                       (reviewers["hr"], "pay"))
    assert application.status == ApplicationStatus.PAID
    assert (application.first_reviewed_by, application.second_reviewed_by) == (reviewers["hr"], reviewers["bj"])
    assert application.publicised_at and application.paid_at
    actions = list(AuditEvent.objects.filter(object_id=str(application.pk), object_type="policy.subsidyapplication")
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["submit", "policy_first_review", "policy_second_review", "policy_publicise", "policy_pay"]
    # One confirmation plus one message per step.
    assert Notification.objects.filter(recipient=applicant).count() == 5


def test_invalid_transitions_and_missing_reasons_change_nothing(applicant, reviewers):
    application = submit(applicant)
    with pytest.raises(Conflict):
        application_decide(application=application, reviewer=reviewers["hr"], action="pay")
    with pytest.raises(DomainError) as caught:
        application_decide(application=application, reviewer=reviewers["hr"], action="return", note="  ")
    assert caught.value.field == "note"
    with pytest.raises(DomainError):
        application_decide(application=application, reviewer=reviewers["hr"], action="approve_everything")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert AuditEvent.objects.filter(object_id=str(application.pk)).count() == 1


def test_return_resubmit_and_reject(applicant, reviewers):
    application = walk(submit(applicant), (reviewers["hr"], "return"))
    assert (application.status, application.note) == (ApplicationStatus.RETURNED, "材料不全")
    application = application_resubmit(application=application, user=applicant)
    assert application.status == ApplicationStatus.SUBMITTED and application.first_reviewed_by is None
    assert engine.recompute(application.trace)["amount"] == application.amount == 240_000
    application = walk(application, (reviewers["hr"], "reject"))
    assert application.status == ApplicationStatus.REJECTED
    with pytest.raises(Conflict):
        application_resubmit(application=application, user=applicant)


def test_reviewers_of_other_regions_cannot_act(applicant, reviewers):
    beijing = submit(applicant, measure="beijing_2026_1.new_platform", request=new_platform_request())
    for outsider in (reviewers["jx"], reviewers["hr"]):  # Huairou reviewers do not decide Beijing measures
        with pytest.raises(PermissionDeniedError):
            application_decide(application=beijing, reviewer=outsider, action="first_approve")
    beijing.refresh_from_db()
    assert beijing.status == ApplicationStatus.SUBMITTED


# --- non-duplication (docs/decisions/0152) ---


def test_same_group_is_refused_across_applications(applicant, reviewers):
    first = submit(applicant, measure="huairou_draft.digital_upgrade", request=upgrade_request("digital_upgrade"))
    with pytest.raises(Conflict) as caught:
        submit(applicant, measure="huairou_draft.ai_application",
               request={"region": "110116", "as_of": "2026-03-01", "applicant": {},
                        "project": {"type": "ai_application"}})
    assert caught.value.code == "non_duplication"
    assert "数智化改造与人工智能应用" in caught.value.message_zh
    assert SubsidyApplication.objects.count() == 1
    # A green upgrade is another direction, and municipal measures are outside the Huairou rule.
    submit(applicant, measure="huairou_draft.green_upgrade", request=upgrade_request("green_upgrade"))
    submit(applicant, measure="beijing_2026_1.digital_upgrade", request=upgrade_request("digital_upgrade"))
    # Once the first is not supported, the group is free again.
    walk(first, (reviewers["hr"], "reject"))
    submit(applicant, measure="huairou_draft.ai_application",
           request={"region": "110116", "as_of": "2026-03-01", "applicant": {}, "project": {"type": "ai_application"}})
    assert SubsidyApplication.objects.count() == 4


def test_non_duplication_is_per_applicant_and_not_for_per_contract_measures(applicant):
    submit(applicant, measure="huairou_draft.new_platform", request=new_platform_request())
    with pytest.raises(Conflict):
        submit(applicant, measure="huairou_draft.new_platform", request=new_platform_request())
    submit(enterprise_user("110116"), measure="huairou_draft.new_platform", request=new_platform_request())
    submit(applicant)
    submit(applicant)  # 第4条 is per test contract: not a group
    assert SubsidyApplication.objects.count() == 4


def test_resubmission_checks_non_duplication_too(applicant, reviewers):
    returned = walk(submit(applicant, measure="huairou_draft.rent", request={
        "region": "110116", "as_of": "2026-03-01", "applicant": {},
        "project": {"type": "rent", "rent_area_m2": 2000, "rent_months": 12, "monthly_rent": 100_000}}),
        (reviewers["hr"], "return"))
    submit(applicant, measure="huairou_draft.rent", request={
        "region": "110116", "as_of": "2026-03-01", "applicant": {},
        "project": {"type": "rent", "rent_area_m2": 1000, "rent_months": 12, "monthly_rent": 50_000}})
    with pytest.raises(Conflict):
        application_resubmit(application=returned, user=applicant)
    returned.refresh_from_db()
    assert returned.status == ApplicationStatus.RETURNED


# --- budgets (docs/decisions/0153) ---


def test_second_review_needs_a_budget_that_fits(applicant, reviewers):
    a = walk(submit(applicant), (reviewers["hr"], "first_approve"))  # 240,000 each
    b = walk(submit(applicant), (reviewers["hr"], "first_approve"))
    with pytest.raises(Conflict) as caught:
        application_decide(application=a, reviewer=reviewers["bj"], action="second_approve")
    assert caught.value.code == "no_budget"
    budget(HR_CONTRACT, "110116", 400_000)
    budget(HR_CONTRACT, "110116", 10_000_000, year=timezone.localdate().year - 1)  # another year: irrelevant
    walk(a, (reviewers["bj"], "second_approve"))
    assert budget_status_for(application=b).committed == 240_000
    with pytest.raises(Conflict) as caught:
        application_decide(application=b, reviewer=reviewers["bj"], action="second_approve")
    assert caught.value.code == "over_budget"
    b.refresh_from_db()
    assert b.status == ApplicationStatus.FIRST_PASSED
    # Returning the approved one frees its share; the other then fits exactly within 480,000.
    walk(a, (reviewers["hr"], "return"))
    walk(b, (reviewers["bj"], "second_approve"))


def test_committed_counts_approved_and_paid_only(applicant, reviewers):
    budget(HR_CONTRACT, "110116", 1_000_000)
    paid = walk(submit(applicant), (reviewers["hr"], "first_approve"), (reviewers["bj"], "second_approve"),
                (reviewers["hr"], "publicise"), (reviewers["hr"], "pay"))
    walk(submit(applicant), (reviewers["hr"], "first_approve"), (reviewers["bj"], "second_approve"),
         (reviewers["hr"], "publicise"))
    walk(submit(applicant), (reviewers["hr"], "first_approve"))
    walk(submit(applicant), (reviewers["hr"], "reject"))
    pending = submit(applicant)
    status = budget_status_for(application=pending)
    assert (status.committed, status.remaining, status.after) == (480_000, 520_000, 720_000)
    assert not status.would_exceed and not status.near_limit
    assert budget_status_for(application=paid).committed == 240_000


# --- Jiaxing yearly reward (docs/decisions/0154) ---


def test_evaluation_reward_uses_paid_applications_for_the_last_reward_year():
    operator_user = enterprise_user("330402")
    jx1, jx2 = reviewer("330400"), reviewer("330000")
    budget("jiaxing_2025_47.evaluation_reward", "330400", 5_000_000)
    operator = operator_user.organisation

    items = policy_check_evaluation_reward(platform_operator=operator, evaluation_year=2025, grade="优秀",
                                           region_code="330402")
    assert [(i["measure"], i["amount"], i["eligible"]) for i in items] == [
        ("jiaxing_2025_47.evaluation_reward", 1_000_000, True)]

    reward = {"region": "330402", "as_of": "2026-03-01", "applicant": {},
              "project": {"type": "evaluation_reward", "evaluation_year": 2025, "evaluation_grade": "优秀"}}
    application = submit(operator_user, measure="jiaxing_2025_47.evaluation_reward", request=reward, name="2025年度考核")
    # Not paid yet: the window is not used.
    assert policy_check_evaluation_reward(platform_operator=operator, evaluation_year=2026, grade="优秀",
                                          region_code="330402")[0]["amount"] == 1_000_000
    walk(application, (jx1, "first_approve"), (jx2, "second_approve"), (jx1, "publicise"), (jx1, "pay"))
    blocked = policy_check_evaluation_reward(platform_operator=operator, evaluation_year=2027, grade="优秀",
                                             region_code="330402")
    assert (blocked[0]["amount"], blocked[0]["eligible"]) == (0, False)
    assert blocked[0]["trace"]["request"]["project"]["last_reward_year"] == 2025
    assert policy_check_evaluation_reward(platform_operator=operator, evaluation_year=2028, grade="优秀",
                                          region_code="330402")[0]["amount"] == 1_000_000
    # The applicant cannot hide the earlier reward by leaving last_reward_year empty.
    reward["project"].update(evaluation_year=2026, last_reward_year=None)
    with pytest.raises(DomainError) as caught:
        submit(operator_user, measure="jiaxing_2025_47.evaluation_reward", request=reward, name="2026年度考核")
    assert caught.value.code == "not_eligible"
    with pytest.raises(DomainError) as caught:
        policy_check_evaluation_reward(platform_operator=operator, evaluation_year=2026, grade="卓越",
                                       region_code="330402")
    assert caught.value.field == "project.evaluation_grade"
    assert region("330402").name == "南湖区"
