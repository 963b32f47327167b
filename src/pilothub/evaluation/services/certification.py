"""Writes for certification: calls, the expert roster, applications and their review stages.

Allowed transitions are one explicit table (TRANSITIONS); every transition needs a reason, writes a
ReviewStep and an audit event in the same transaction. 认定 writes a CertifiedTier and updates
Platform.tier through `platform_tier_set`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from pilothub.accounts.models import Organisation, User
from pilothub.accounts.scoping import user_governs_path
from pilothub.core.audit import audit_record, model_snapshot
from pilothub.core.errors import Conflict, DomainError, forbidden
from pilothub.core.notifications import notify
from pilothub.core.validation import raise_first_validation_error
from pilothub.platforms.models import Platform, Tier
from pilothub.regions.selectors import region_get

from ..models import (
    ApplicationAttachment,
    ApplicationState,
    CertificationApplication,
    CertificationCall,
    CertifiedTier,
    ExpertReviewer,
    ExpertScore,
    Objection,
    ReviewStep,
)
from .attachments import attachment_check

S = ApplicationState
OTHER_ATTACHMENT = "other"


class EvaluationAction:
    """Audit event types of this app."""

    CALL_CREATE = "certification_call_create"
    EXPERT_ADD = "expert_reviewer_add"
    APPLICATION_CREATE = "certification_application_create"
    APPLICATION_UPDATE = "certification_application_update"
    ATTACHMENT_ADD = "certification_attachment_add"
    TRANSITION = "certification_transition"
    EXPERT_SCORE = "certification_expert_score"
    OBJECTION_RECORD = "certification_objection_record"
    OBJECTION_RESOLVE = "certification_objection_resolve"
    CERTIFY = "certification_certify"
    TIER_SET = "platform_tier_set"
    ROUND_CREATE = "evaluation_round_create"
    DECLARATION_SAVE = "evaluation_declaration_save"
    DECLARATION_SUBMIT = "evaluation_declaration_submit"
    EVIDENCE_ADD = "evaluation_evidence_add"
    VALUE_ADJUST = "evaluation_value_adjust"
    ROUND_SCORE = "evaluation_round_score"
    ROUND_PUBLISH = "evaluation_round_publish"
    PROPOSAL_CREATE = "evaluation_proposal_create"
    PROPOSAL_DECIDE = "evaluation_proposal_decide"
    REWARD_RECOMMEND = "evaluation_reward_recommend"
    REWARD_DECIDE = "evaluation_reward_decide"


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    by: str  # "applicant" or "reviewer"
    label: str


TRANSITIONS: dict[str, Transition] = {
    "submit": Transition(frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, "applicant", "提交申报"),
    "withdraw": Transition(frozenset({S.DRAFT, S.RETURNED, S.SUBMITTED}), S.WITHDRAWN, "applicant", "撤回申报"),
    "formal_pass": Transition(frozenset({S.SUBMITTED}), S.EXPERT_REVIEW, "reviewer", "形式审查通过"),
    "formal_return": Transition(frozenset({S.SUBMITTED}), S.RETURNED, "reviewer", "形式审查退回补正"),
    "formal_reject": Transition(frozenset({S.SUBMITTED}), S.REJECTED, "reviewer", "形式审查不通过"),
    "expert_pass": Transition(frozenset({S.EXPERT_REVIEW}), S.PUBLICITY, "reviewer", "专家评审通过，进入公示"),
    "expert_reject": Transition(frozenset({S.EXPERT_REVIEW}), S.REJECTED, "reviewer", "专家评审未通过"),
    "certify": Transition(frozenset({S.PUBLICITY}), S.CERTIFIED, "reviewer", "认定"),
    "publicity_reject": Transition(frozenset({S.PUBLICITY}), S.REJECTED, "reviewer", "公示异议成立，不予认定"),
}

TIER_ORDER = [Tier.CULTIVATING, Tier.MUNICIPAL, Tier.PROVINCIAL, Tier.NATIONAL]


def allowed_actions(application: CertificationApplication) -> list[str]:
    return [name for name, t in TRANSITIONS.items() if application.state in t.sources]


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap target year
        return day.replace(year=day.year + years, day=28)


def _today() -> datetime.date:
    return timezone.localdate()


def _require_governs(actor: User, path: str, what_zh: str, what_en: str) -> None:
    if not user_governs_path(actor, path):
        raise forbidden(what_zh, what_en)


def _require_operator_of(actor: User, platform: Platform) -> None:
    if not (actor.is_authenticated and actor.organisation_id == platform.operator_id and actor.can_publish):
        raise forbidden("以该平台名义申报", "apply on behalf of this platform")


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("reason_required", "请填写理由", "A reason is required", field="reason")
    return reason


# --- calls and experts -----------------------------------------------------------------------


def _clean_items(items: Any, *, field: str, need_score: bool) -> list[dict[str, Any]]:
    if not isinstance(items, list) or not items:
        raise DomainError("required", "请至少填写一项", "At least one item is required", field=field)
    cleaned, codes = [], set()
    for item in items:
        code, name = str(item.get("code", "")).strip(), str(item.get("name", "")).strip()
        if not code or not name or code in codes:
            raise DomainError("invalid", "每一项需有唯一的代码和名称", "Each item needs a unique code and a name",
                              field=field)
        codes.add(code)
        entry: dict[str, Any] = {"code": code, "name": name}
        if need_score:
            try:
                entry["max_score"] = int(item.get("max_score"))
            except (TypeError, ValueError):
                entry["max_score"] = 0
            if entry["max_score"] <= 0:
                raise DomainError("invalid", f"评审标准“{name}”的满分须为正整数",
                                  f"Criterion {code} needs a positive max_score", field=field)
            entry["description"] = str(item.get("description", ""))
        cleaned.append(entry)
    return cleaned


@transaction.atomic
def call_create(*, actor: User, region_code: str, title: str, target_tier: str, opens_on: datetime.date,
                closes_on: datetime.date, criteria: list[dict[str, Any]], required_attachments: list[dict[str, Any]],
                pass_score: int = 60, min_experts: int = 3, publicity_days: int = 7, validity_years: int = 3,
                citation: str = "", is_demo: bool = False) -> CertificationCall:
    region = region_get(code=region_code)
    _require_governs(actor, region.path, "为该地区发布认定申报通知", "open a call for this region")
    if closes_on < opens_on:
        raise DomainError("invalid_dates", "申报截止日期不能早于开始日期", "The closing date is before the opening date",
                          field="closes_on")
    call = CertificationCall(
        region=region, title=title.strip(), target_tier=target_tier, opens_on=opens_on, closes_on=closes_on,
        criteria=_clean_items(criteria, field="criteria", need_score=True),
        required_attachments=_clean_items(required_attachments, field="required_attachments", need_score=False),
        pass_score=pass_score, min_experts=min_experts, publicity_days=publicity_days,
        validity_years=validity_years, citation=citation, created_by=actor, is_demo=is_demo)
    if call.pass_score > call.max_total:
        raise DomainError("invalid", "通过分不能高于评审标准满分合计", "pass_score exceeds the rubric's total",
                          field="pass_score")
    raise_first_validation_error(call)
    call.save()
    audit_record(actor=actor, action=EvaluationAction.CALL_CREATE, obj=call, region_path=region.path,
                 after=model_snapshot(call))
    return call


@transaction.atomic
def expert_add(*, actor: User, region_code: str, name: str, organisation: Organisation | None = None,
               organisation_name: str = "", user: User | None = None, title: str = "",
               field: str = "") -> ExpertReviewer:
    region = region_get(code=region_code)
    _require_governs(actor, region.path, "管理该地区的评审专家库", "manage this region's expert roster")
    if organisation is None and user is not None:
        organisation = user.organisation
    expert = ExpertReviewer(region=region, user=user, name=name.strip(), organisation=organisation,
                            organisation_name=(organisation_name or (organisation.name if organisation else "")).strip(),
                            title=title, field=field)
    if not expert.organisation_name:
        raise DomainError("required", "请填写专家所在单位", "The expert's organisation is required",
                          field="organisation_name")
    raise_first_validation_error(expert)
    expert.save()
    audit_record(actor=actor, action=EvaluationAction.EXPERT_ADD, obj=expert, region_path=region.path,
                 after=model_snapshot(expert))
    return expert


def expert_has_conflict(*, expert: ExpertReviewer, application: CertificationApplication) -> bool:
    """An expert from the applicant's own organisation may not review it (回避)."""
    operator = application.platform.operator
    if expert.organisation_id_effective == operator.pk:
        return True
    # External experts recorded by name only: the same organisation name is the same organisation.
    return bool(expert.organisation_name and expert.organisation_name.strip() == operator.name.strip())


# --- applications ----------------------------------------------------------------------------


def _clean_self_assessment(call: CertificationCall, raw: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for criterion in call.criteria:
        entry = raw.get(criterion["code"]) or {}
        try:
            points = int(entry.get("score", ""))
        except (TypeError, ValueError):
            raise DomainError("self_assessment", f"请为“{criterion['name']}”填写自评分",
                              f"Self-assessment score missing for {criterion['code']}",
                              field=f"self_{criterion['code']}")
        if not 0 <= points <= int(criterion["max_score"]):
            raise DomainError("self_assessment", f"“{criterion['name']}”的自评分应在 0 到 {criterion['max_score']} 之间",
                              f"Score for {criterion['code']} must be 0..{criterion['max_score']}",
                              field=f"self_{criterion['code']}")
        cleaned[criterion["code"]] = {"score": points, "note": str(entry.get("note", "")).strip()}
    return cleaned


@transaction.atomic
def application_create(*, actor: User, call: CertificationCall, platform: Platform, summary: str,
                       self_assessment: dict[str, Any]) -> CertificationApplication:
    _require_operator_of(actor, platform)
    if not call.is_open_on(_today()):
        raise DomainError("call_closed", "该通知不在申报期内", "The call is not open for applications", field="call")
    if not platform.region.path.startswith(call.region.path):
        raise DomainError("wrong_region", "平台不在该通知的组织地区内", "The platform is outside the call's region",
                          field="platform")
    if not summary.strip():
        raise DomainError("required", "请填写申报说明", "A summary is required", field="summary")
    application = CertificationApplication(call=call, platform=platform, applicant=actor, summary=summary.strip(),
                                           self_assessment=_clean_self_assessment(call, self_assessment))
    if CertificationApplication.objects.filter(call=call, platform=platform).exists():
        raise Conflict("duplicate", "该平台已申报本通知", "This platform already applied to this call", field="platform")
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise Conflict("duplicate", "该平台已申报本通知", "This platform already applied to this call", field="platform")
    audit_record(actor=actor, action=EvaluationAction.APPLICATION_CREATE, obj=application,
                 region_path=platform.region.path, after=model_snapshot(application))
    return application


@transaction.atomic
def application_update(*, actor: User, application: CertificationApplication, summary: str,
                       self_assessment: dict[str, Any]) -> CertificationApplication:
    application = CertificationApplication.objects.select_for_update().get(pk=application.pk)
    _require_operator_of(actor, application.platform)
    if application.state not in (S.DRAFT, S.RETURNED):
        raise DomainError("not_editable", "申报已提交，不能修改", "The application can no longer be edited")
    if not summary.strip():
        raise DomainError("required", "请填写申报说明", "A summary is required", field="summary")
    before = model_snapshot(application)
    application.summary = summary.strip()
    application.self_assessment = _clean_self_assessment(application.call, self_assessment)
    application.save()
    audit_record(actor=actor, action=EvaluationAction.APPLICATION_UPDATE, obj=application,
                 region_path=application.platform.region.path, before=before, after=model_snapshot(application))
    return application


@transaction.atomic
def application_attachment_add(*, actor: User, application: CertificationApplication, kind: str,
                               upload) -> ApplicationAttachment:
    _require_operator_of(actor, application.platform)
    if application.state not in (S.DRAFT, S.RETURNED):
        raise DomainError("not_editable", "申报已提交，不能再上传附件", "The application can no longer be edited")
    kinds = {item["code"] for item in application.call.required_attachments} | {OTHER_ATTACHMENT}
    if kind not in kinds:
        raise DomainError("invalid", "请选择附件类型", "Choose an attachment kind", field="kind")
    sniffed = attachment_check(upload=upload)
    attachment = ApplicationAttachment(application=application, kind=kind, file=sniffed.content,
                                       original_name=sniffed.original_name, content_type=sniffed.content_type,
                                       size=sniffed.size, sha256=sniffed.sha256, uploaded_by=actor)
    attachment.save()
    audit_record(actor=actor, action=EvaluationAction.ATTACHMENT_ADD, obj=attachment,
                 region_path=application.platform.region.path,
                 after={"application": application.pk, "kind": kind, "name": sniffed.original_name,
                        "sha256": sniffed.sha256, "size": sniffed.size, "stored": attachment.file.name})
    return attachment


def missing_attachments(application: CertificationApplication) -> list[dict[str, Any]]:
    present = set(application.attachments.values_list("kind", flat=True))
    return [item for item in application.call.required_attachments if item["code"] not in present]


def _check_transition(application: CertificationApplication, action: str, actor: User) -> Transition:
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise DomainError("unknown_action", "未知的操作", f"Unknown action {action}", field="action")
    if transition.by == "applicant":
        _require_operator_of(actor, application.platform)
    else:
        _require_governs(actor, application.call.region.path, "审查该申报", "review this application")
    if application.state not in transition.sources:
        raise Conflict("invalid_transition",
                       f"当前状态“{application.get_state_display()}”不能执行“{transition.label}”",
                       f"Cannot {action} an application in state {application.state}", field="action")
    return transition


def _average(application: CertificationApplication) -> Decimal | None:
    totals = list(application.expert_scores.values_list("total", flat=True))
    if not totals:
        return None
    return (Decimal(sum(totals)) / len(totals)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def application_transition(*, actor: User, application: CertificationApplication, action: str,
                           reason: str) -> CertificationApplication:
    """Move an application one step along TRANSITIONS, with the step's own preconditions."""
    application = CertificationApplication.objects.select_for_update().select_related(
        "call__region", "platform__region", "platform__operator").get(pk=application.pk)
    transition = _check_transition(application, action, actor)
    reason = _reason(reason) if transition.by == "reviewer" or action == "withdraw" else (reason or "").strip()
    today = _today()
    before = model_snapshot(application)
    if action == "submit":
        if application.state == S.DRAFT and not application.call.is_open_on(today):
            raise DomainError("call_closed", "该通知不在申报期内", "The call is not open", field="call")
        missing = missing_attachments(application)
        if missing:
            raise DomainError("attachments_missing", f"缺少必备附件：{'、'.join(m['name'] for m in missing)}",
                              f"Missing attachments: {', '.join(m['code'] for m in missing)}", field="attachments")
        application.submitted_at = timezone.now()
        reason = reason or "提交申报"
    elif action == "expert_pass":
        average = _average(application)
        count = application.expert_scores.count()
        if count < application.call.min_experts:
            raise DomainError("experts_missing", f"至少需要 {application.call.min_experts} 位专家评分，目前 {count} 位",
                              f"{application.call.min_experts} expert scores needed, {count} recorded")
        if average is None or average < application.call.pass_score:
            raise DomainError("below_pass_score", f"专家平均分 {average} 低于通过分 {application.call.pass_score}",
                              f"Average {average} is below the pass score {application.call.pass_score}")
        application.expert_average = average
        application.publicity_starts_on = today
        application.publicity_ends_on = today + datetime.timedelta(days=application.call.publicity_days)
    elif action == "expert_reject":
        application.expert_average = _average(application)
    elif action == "certify":
        if application.publicity_ends_on and today < application.publicity_ends_on:
            raise DomainError("publicity_running", f"公示期至 {application.publicity_ends_on} 结束，期满后方可认定",
                              f"The publicity period runs until {application.publicity_ends_on}")
        objections = list(application.objections.all())
        if any(not o.is_resolved for o in objections):
            raise DomainError("objections_open", "尚有未处理的公示异议", "Objections are still open")
        if any(o.upheld for o in objections):
            raise DomainError("objection_upheld", "有成立的公示异议，不能认定", "An objection was upheld")
    if transition.target in (S.CERTIFIED, S.REJECTED):
        application.decided_at = timezone.now()
    from_state = application.state
    application.state = transition.target
    application.save()
    ReviewStep.objects.create(application=application, action=action, from_state=from_state,
                              to_state=transition.target, actor=actor, reason=reason)
    audit_record(actor=actor, action=EvaluationAction.TRANSITION, obj=application,
                 region_path=application.platform.region.path, before=before, after=model_snapshot(application),
                 note=f"{transition.label}：{reason}")
    if action == "certify":
        _certify(actor=actor, application=application, reason=reason)
    if transition.by == "reviewer":
        notify(recipients=application.platform.operator.members.all(),
               title=f"认定申报：{transition.label}", body=f"{application.platform.name}：{reason}")
    return application


def _certify(*, actor: User, application: CertificationApplication, reason: str) -> CertifiedTier:
    today = _today()
    call = application.call
    valid_until = add_years(today, call.validity_years) - datetime.timedelta(days=1)
    current = CertifiedTier.objects.filter(platform=application.platform, revoked_on__isnull=True,
                                           valid_until__gte=today)
    for old in current:
        old.revoked_on = today
        old.revoke_reason = f"被新的认定取代（申报 #{application.pk}）"
        old.save(update_fields=["revoked_on", "revoke_reason"])
    certified = CertifiedTier.objects.create(platform=application.platform, tier=call.target_tier, valid_from=today,
                                             valid_until=valid_until, application=application, decided_by=actor)
    audit_record(actor=actor, action=EvaluationAction.CERTIFY, obj=certified,
                 region_path=application.platform.region.path, after=model_snapshot(certified), note=reason)
    platform_tier_set(actor=actor, platform=application.platform, tier=call.target_tier,
                      note=f"认定：{call.title}")
    return certified


@transaction.atomic
def platform_tier_set(*, actor: User, platform: Platform, tier: str, note: str) -> Platform:
    """The one write of Platform.tier from certification and evaluation decisions (audited)."""
    if tier not in Tier.values:
        raise DomainError("invalid", "未知的平台层级", "Unknown tier", field="tier")
    platform = Platform.objects.select_for_update().get(pk=platform.pk)
    before = {"tier": platform.tier}
    if platform.tier != tier:
        platform.tier = tier
        platform.save(update_fields=["tier", "updated_at"])
    audit_record(actor=actor, action=EvaluationAction.TIER_SET, obj=platform, region_path=platform.region.path,
                 before=before, after={"tier": tier}, note=note)
    return platform


# --- experts' scores and objections -------------------------------------------------------


@transaction.atomic
def expert_score_record(*, actor: User, application: CertificationApplication, expert: ExpertReviewer,
                        scores: dict[str, Any], comment: str) -> ExpertScore:
    application = CertificationApplication.objects.select_for_update().select_related(
        "call__region", "platform__operator", "platform__region").get(pk=application.pk)
    _require_governs(actor, application.call.region.path, "录入专家评分", "record expert scores")
    if application.state != S.EXPERT_REVIEW:
        raise Conflict("invalid_state", "申报不在专家评审阶段", "The application is not in expert review")
    if not (expert.is_active and application.call.region.path.startswith(expert.region.path)):
        raise DomainError("expert_not_in_roster", "该专家不在本地区专家库中", "The expert is not in this region's roster",
                          field="expert")
    if expert_has_conflict(expert=expert, application=application):
        raise DomainError("expert_conflict", "该专家与申报单位存在关联，须回避", "The expert belongs to the applicant",
                          field="expert")
    cleaned: dict[str, int] = {}
    for criterion in application.call.criteria:
        try:
            points = int(scores.get(criterion["code"], ""))
        except (TypeError, ValueError):
            raise DomainError("score_required", f"请填写“{criterion['name']}”的评分",
                              f"Score missing for {criterion['code']}", field=f"score_{criterion['code']}")
        if not 0 <= points <= int(criterion["max_score"]):
            raise DomainError("score_range", f"“{criterion['name']}”的评分应在 0 到 {criterion['max_score']} 之间",
                              f"Score for {criterion['code']} must be 0..{criterion['max_score']}",
                              field=f"score_{criterion['code']}")
        cleaned[criterion["code"]] = points
    if not comment.strip():
        raise DomainError("required", "请填写评审意见", "A comment is required", field="comment")
    existing = ExpertScore.objects.filter(application=application, expert=expert).first()
    before = model_snapshot(existing) if existing else None
    record, _created = ExpertScore.objects.update_or_create(
        application=application, expert=expert,
        defaults={"scores": cleaned, "total": sum(cleaned.values()), "comment": comment.strip(),
                  "recorded_by": actor, "recorded_at": timezone.now()})
    audit_record(actor=actor, action=EvaluationAction.EXPERT_SCORE, obj=record,
                 region_path=application.platform.region.path, before=before, after=model_snapshot(record))
    return record


@transaction.atomic
def objection_record(*, actor: User, application: CertificationApplication, objector: str, content: str,
                     received_on: datetime.date) -> Objection:
    application = CertificationApplication.objects.select_for_update().select_related(
        "call__region", "platform__region").get(pk=application.pk)
    _require_governs(actor, application.call.region.path, "登记公示异议", "record objections")
    if application.state != S.PUBLICITY:
        raise Conflict("invalid_state", "申报不在公示期", "The application is not in publicity")
    if not objector.strip() or not content.strip():
        raise DomainError("required", "请填写异议人和异议内容", "Objector and content are required", field="content")
    objection = Objection.objects.create(application=application, objector=objector.strip(), content=content.strip(),
                                         received_on=received_on, recorded_by=actor)
    audit_record(actor=actor, action=EvaluationAction.OBJECTION_RECORD, obj=objection,
                 region_path=application.platform.region.path, after=model_snapshot(objection))
    return objection


@transaction.atomic
def objection_resolve(*, actor: User, objection: Objection, upheld: bool, resolution: str) -> Objection:
    objection = Objection.objects.select_for_update().select_related("application__call__region").get(pk=objection.pk)
    _require_governs(actor, objection.application.call.region.path, "处理公示异议", "resolve objections")
    if objection.is_resolved:
        raise Conflict("already_resolved", "该异议已处理", "The objection is already resolved")
    before = model_snapshot(objection)
    objection.upheld = upheld
    objection.resolution = _reason(resolution)
    objection.resolved_by = actor
    objection.resolved_at = timezone.now()
    objection.save()
    audit_record(actor=actor, action=EvaluationAction.OBJECTION_RESOLVE, obj=objection,
                 region_path=objection.application.call.region.path, before=before, after=model_snapshot(objection))
    return objection
