"""Writes of the policy app: subsidy applications and their review, plus the check the evaluation
app calls for Jiaxing's yearly reward.

Workflow (docs/decisions/0151): 申报 → 初审 → 复审 → 公示 → 拨付, with 退回 (back to the applicant,
who may resubmit) and 不予支持 (final) at any stage before payment. The amount is recomputed by
the engine at submission and stored with its trace and rule version.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from pilothub.accounts.models import Organisation, Role, User
from pilothub.core.audit import AuditAction, audit_record, model_snapshot
from pilothub.core.errors import Conflict, DomainError, forbidden
from pilothub.core.notifications import notify
from pilothub.regions.models import Region

from .models import ApplicationStatus, Budget, SubsidyApplication
from .selectors import (
    budget_committed,
    last_paid_reward_year,
    live_applications_in_group,
    policy_evaluate,
    policy_measures,
    similarity_rules,
    user_may_review,
)

EVALUATION_REWARD_TYPE = "evaluation_reward"


class PolicyAuditAction(AuditAction):
    RESUBMIT = "policy_resubmit"
    FIRST_REVIEW = "policy_first_review"
    SECOND_REVIEW = "policy_second_review"
    PUBLICISE = "policy_publicise"
    PAY = "policy_pay"


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    audit_action: str
    label_zh: str
    label_en: str
    needs_note: bool = False


_OPEN = (ApplicationStatus.SUBMITTED, ApplicationStatus.FIRST_PASSED, ApplicationStatus.SECOND_PASSED,
         ApplicationStatus.PUBLICISED)

TRANSITIONS: dict[str, Transition] = {
    "first_approve": Transition((ApplicationStatus.SUBMITTED,), ApplicationStatus.FIRST_PASSED,
                                PolicyAuditAction.FIRST_REVIEW, "初审通过", "pass the first review"),
    "second_approve": Transition((ApplicationStatus.FIRST_PASSED,), ApplicationStatus.SECOND_PASSED,
                                 PolicyAuditAction.SECOND_REVIEW, "复审通过", "pass the second review"),
    "publicise": Transition((ApplicationStatus.SECOND_PASSED,), ApplicationStatus.PUBLICISED,
                            PolicyAuditAction.PUBLICISE, "公示", "publicise"),
    "pay": Transition((ApplicationStatus.PUBLICISED,), ApplicationStatus.PAID, PolicyAuditAction.PAY,
                      "拨付", "pay"),
    "return": Transition(_OPEN, ApplicationStatus.RETURNED, AuditAction.RETURN, "退回", "return", needs_note=True),
    "reject": Transition(_OPEN, ApplicationStatus.REJECTED, AuditAction.REJECT, "不予支持", "reject",
                         needs_note=True),
}


def transitions_for(application: SubsidyApplication) -> list[tuple[str, Transition]]:
    return [(name, t) for name, t in TRANSITIONS.items() if application.status in t.sources]


# --- evaluation reward link (called by the evaluation app) ---


def _reward_measures(region_code: str, as_of: dt.date) -> list[str]:
    return [m["measure"] for m in policy_measures(region=region_code, as_of=as_of)["items"]
            if EVALUATION_REWARD_TYPE in m["project_types"]]


def policy_check_evaluation_reward(*, platform_operator: Organisation, evaluation_year: int, grade: str,
                                   region_code: str, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """The engine items for a yearly evaluation result (嘉经信技装〔2025〕47号 年度考核优秀奖励).

    Read-only. The last reward year is taken from this app's *paid* applications of the same
    measure by the same operator, never from the caller, so the "3年内最多奖励一次" rule cannot be
    bypassed (docs/decisions/0154). Raises DomainError on bad input (e.g. an unknown grade).
    """
    day = as_of or timezone.localdate()
    last = last_paid_reward_year(applicant_id=platform_operator.pk, measures=_reward_measures(region_code, day))
    request = {"region": region_code, "as_of": day.isoformat(), "applicant": {},
               "project": {"type": EVALUATION_REWARD_TYPE, "evaluation_year": evaluation_year,
                           "evaluation_grade": grade, "last_reward_year": last}}
    return policy_evaluate(request=request)["items"]


# --- applications ---


def _applicant_of(user: User) -> Organisation:
    if not (user.is_authenticated and user.role in (Role.ENTERPRISE, Role.OPERATOR) and user.organisation):
        raise forbidden("申报政策支持（仅企业和平台运营方账号可以申报）", "apply for support (enterprise accounts only)")
    if not user.can_publish:
        raise forbidden("申报政策支持：单位注册尚未通过审核", "apply before the organisation is approved")
    return user.organisation


def _computed_item(*, request: dict[str, Any], measure: str, applicant: Organisation,
                   today: dt.date) -> tuple[dict[str, Any], dict[str, Any]]:
    """Recompute with the engine on the submission date; only the server's figure is stored."""
    if not isinstance(request, dict):
        raise DomainError("invalid_type", "申报数据应为对象", "request must be an object", field="request")
    request = copy.deepcopy(request)
    request["as_of"] = today.isoformat()
    project = request.get("project")
    if isinstance(project, dict) and project.get("type") == EVALUATION_REWARD_TYPE and isinstance(
            request.get("region"), str):
        # The 3-year window is this platform's record, not something the applicant types in.
        project["last_reward_year"] = last_paid_reward_year(
            applicant_id=applicant.pk, measures=_reward_measures(request["region"], today))
    result = policy_evaluate(request=request)
    item = next((i for i in result["items"] if i["measure"] == measure), None)
    if item is None:
        raise DomainError("measure_not_applicable", f"所选措施 {measure} 不适用于该项目类型或地区",
                          f"Measure {measure} does not apply to this project type and region", field="measure")
    if not item["in_force"]:
        raise DomainError("not_in_force", f"该措施在申报日未施行：{item['explanation']}",
                          f"Measure {measure} is not in force on {today.isoformat()}", field="measure")
    if not item["eligible"] or item["amount"] <= 0:
        raise DomainError("not_eligible", f"按申报数据不符合支持条件：{item['explanation']}",
                          f"The project does not qualify for {measure}", field="measure")
    return request, item


def _check_non_duplication(*, applicant: Organisation, measure: str, exclude_id: int | None = None) -> None:
    rules = similarity_rules()
    for group in rules.groups_of(measure):
        existing = live_applications_in_group(applicant_id=applicant.pk, measures=group.measures,
                                              exclude_id=exclude_id).first()
        if existing is not None:
            raise Conflict("non_duplication",
                           f"不能重复享受实质类似的政策（{rules.citation}）：本单位已有同属「{group.name}」的申报"
                           f"“{existing.project_name}”（{existing.measure_name}，{existing.get_status_display()}）。",
                           f"Non-duplication rule: this organisation already has an application in the "
                           f"group {group.id} (#{existing.pk}).", field="measure")


def _fill(application: SubsidyApplication, request: dict[str, Any], item: dict[str, Any], today: dt.date) -> None:
    application.request = item["trace"]["request"]
    application.project_type = request["project"]["type"]
    application.project_region = Region.objects.get(code=request["region"])
    application.issuing_region = Region.objects.get(code=item["region"])
    application.measure = item["measure"]
    application.measure_name = item["name"]
    application.citation = item["citation"]
    application.amount = item["amount"]
    application.explanation = item["explanation"]
    application.trace = item["trace"]
    application.engine_version = item["trace"]["engine_version"]
    application.rules_digest = item["trace"]["rules_digest"]
    application.draft = item["draft"]
    application.estimate = item["estimate"]
    application.budget_year = today.year
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = timezone.now()


def _url(application: SubsidyApplication) -> str:
    return reverse("policy:application_detail", args=[application.pk])


def _notify_reviewers(application: SubsidyApplication, title: str) -> None:
    reviewers = User.objects.filter(role=Role.REVIEWER, region=application.issuing_region, is_active=True)
    notify(recipients=reviewers, title=title, body=f"{application.applicant.name}：{application}", url=_url(application))


def _notify_applicant(application: SubsidyApplication, title: str, body: str) -> None:
    members = application.applicant.members.filter(is_active=True)
    notify(recipients=members, title=title, body=body, url=_url(application))


@transaction.atomic
def application_submit(*, user: User, measure: str, request: dict[str, Any], project_name: str) -> SubsidyApplication:
    """An enterprise applies for one measure; the amount is recomputed on today's date."""
    applicant = _applicant_of(user)
    if not project_name.strip():
        raise DomainError("required", "请填写项目名称", "project_name is required", field="project_name")
    # Serialise this applicant's submissions so two concurrent ones cannot both pass the
    # non-duplication check.
    applicant = Organisation.objects.select_for_update().get(pk=applicant.pk)
    today = timezone.localdate()
    clean, item = _computed_item(request=request, measure=measure, applicant=applicant, today=today)
    _check_non_duplication(applicant=applicant, measure=measure)
    application = SubsidyApplication(applicant=applicant, submitted_by=user, project_name=project_name.strip()[:200])
    _fill(application, clean, item, today)
    application.save()
    audit_record(actor=user, action=AuditAction.SUBMIT, obj=application, region_path=application.issuing_region.path,
                 after=model_snapshot(application, exclude=("trace", "request")), note=item["explanation"])
    _notify_reviewers(application, f"新的政策申报待初审：{application.measure_name}")
    _notify_applicant(application, f"申报已提交：{application.project_name}",
                      f"{application.measure_name}，测算金额 {application.amount:,} 元，等待初审。")
    return application


@transaction.atomic
def application_resubmit(*, application: SubsidyApplication, user: User) -> SubsidyApplication:
    """After 退回 the applicant submits again; the amount is recomputed on the new date."""
    applicant = _applicant_of(user)
    application = SubsidyApplication.objects.select_for_update().get(pk=application.pk)
    if application.applicant_id != applicant.pk:
        raise forbidden("重新提交其他单位的申报", "resubmit another organisation's application")
    if application.status != ApplicationStatus.RETURNED:
        raise Conflict("invalid_state", "只有被退回的申报可以重新提交", "Only a returned application can be resubmitted",
                       field="status")
    Organisation.objects.select_for_update().get(pk=applicant.pk)
    before = model_snapshot(application, exclude=("trace", "request"))
    today = timezone.localdate()
    clean, item = _computed_item(request=application.request, measure=application.measure, applicant=applicant,
                                 today=today)
    _check_non_duplication(applicant=applicant, measure=application.measure, exclude_id=application.pk)
    _fill(application, clean, item, today)
    application.submitted_by = user
    application.first_reviewed_by = application.second_reviewed_by = None
    application.save()
    audit_record(actor=user, action=PolicyAuditAction.RESUBMIT, obj=application,
                 region_path=application.issuing_region.path, before=before,
                 after=model_snapshot(application, exclude=("trace", "request")), note=item["explanation"])
    _notify_reviewers(application, f"政策申报重新提交，待初审：{application.measure_name}")
    return application


def _check_budget(application: SubsidyApplication) -> None:
    # Lock the budget row: two reviewers approving at once must not both fit in the remainder.
    budget = (Budget.objects.select_for_update()
              .filter(measure=application.measure, region_id=application.issuing_region_id,
                      year=application.budget_year).first())
    if budget is None:
        raise Conflict("no_budget", f"{application.issuing_region.name}尚未设定该措施 {application.budget_year} 年度预算，"
                                    "不能复审通过", "No budget is set for this measure and year", field="budget")
    committed = budget_committed(measure=application.measure, region_id=application.issuing_region_id,
                                 year=application.budget_year, exclude_id=application.pk)
    if committed + application.amount > budget.amount:
        raise Conflict("over_budget",
                       f"超出预算：该措施 {budget.year} 年度预算 {budget.amount:,} 元，已承诺 {committed:,} 元，"
                       f"剩余 {budget.amount - committed:,} 元，不足本申请的 {application.amount:,} 元",
                       f"Over budget: {budget.amount - committed} yuan left, {application.amount} needed",
                       field="budget")


@transaction.atomic
def application_decide(*, application: SubsidyApplication, reviewer: User, action: str,
                       note: str = "") -> SubsidyApplication:
    """A reviewer of the issuing region (or above) moves the application one step."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise DomainError("invalid_choice", "请选择审核操作", f"Unknown action {action!r}", field="action")
    application = (SubsidyApplication.objects.select_for_update().select_related("issuing_region", "applicant")
                   .get(pk=application.pk))
    if not user_may_review(user=reviewer, application=application):
        raise forbidden("审核该申报", "review this application")
    if application.status not in transition.sources:
        raise Conflict("invalid_state", f"当前状态为「{application.get_status_display()}」，不能{transition.label_zh}",
                       f"Cannot {transition.label_en} an application in state {application.status}", field="action")
    note = note.strip()
    if transition.needs_note and not note:
        raise DomainError("reason_required", f"{transition.label_zh}时必须填写理由",
                          f"A reason is required to {transition.label_en}", field="note")
    if action == "second_approve":
        # Four-eyes: the second review is done by someone other than the first reviewer.
        if application.first_reviewed_by_id == reviewer.pk:
            raise Conflict("same_reviewer", "复审须由初审以外的审核人员进行", "The second review needs another reviewer",
                           field="action")
        _check_budget(application)
    before = model_snapshot(application, exclude=("trace", "request"))
    application.status = transition.target
    if note or transition.needs_note:
        application.note = note
    now = timezone.now()
    if action == "first_approve":
        application.first_reviewed_by = reviewer
    elif action == "second_approve":
        application.second_reviewed_by = reviewer
    elif action == "publicise":
        application.publicised_at = now
    elif action == "pay":
        application.paid_at = now
    application.save()
    audit_record(actor=reviewer, action=transition.audit_action, obj=application,
                 region_path=application.issuing_region.path, before=before,
                 after=model_snapshot(application, exclude=("trace", "request")), note=note)
    body = f"{application.measure_name}：{application.get_status_display()}。"
    if note:
        body += f"审核意见：{note}"
    _notify_applicant(application, f"申报{transition.label_zh}：{application.project_name}", body)
    return application
