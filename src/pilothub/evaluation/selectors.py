"""Reads of the evaluation app, each object type behind one permission gate."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from pilothub.accounts.models import User
from pilothub.accounts.scoping import reviewer_scope_q, user_governs_path
from pilothub.core.errors import not_found
from pilothub.platforms.models import Platform

from .models import (
    CertificationApplication,
    CertificationCall,
    CertifiedTier,
    ConsequenceProposal,
    EvaluationDeclaration,
    EvaluationResult,
    EvaluationRound,
    ExpertReviewer,
    IndicatorValue,
    RoundState,
)
from .services.certification import expert_has_conflict


def is_reviewer(user: User) -> bool:
    return bool(user.is_authenticated and (user.is_reviewer or user.is_system_admin))


# --- certification ---------------------------------------------------------------------------


def platform_current_certification(platform: Platform, *, day: datetime.date | None = None) -> CertifiedTier | None:
    """The certification in force on `day` (today by default): tier and validity for the directory."""
    day = day or timezone.localdate()
    return (CertifiedTier.objects.filter(platform=platform, revoked_on__isnull=True, valid_from__lte=day,
                                         valid_until__gte=day).order_by("-valid_from", "-pk").first())


def call_list_for_user(*, user: User) -> QuerySet[CertificationCall]:
    """Calls are public notices: anyone logged in sees them; reviewers see only their region's."""
    queryset = CertificationCall.objects.select_related("region")
    if is_reviewer(user):
        queryset = queryset.filter(reviewer_scope_q(user))
    return queryset


def call_get_for_user(*, call_id: int, user: User) -> CertificationCall:
    call = call_list_for_user(user=user).filter(pk=call_id).first() if user.is_authenticated else None
    if call is None:
        raise not_found("申报通知", "Call")
    return call


def application_list_for_user(*, user: User) -> QuerySet[CertificationApplication]:
    queryset = CertificationApplication.objects.select_related("call__region", "platform__region", "platform__operator")
    if is_reviewer(user):
        return queryset.filter(reviewer_scope_q(user, region_field="call__region"))
    if user.is_authenticated and user.organisation_id:
        return queryset.filter(platform__operator_id=user.organisation_id)
    return queryset.none()


def application_get_for_user(*, application_id: int, user: User) -> CertificationApplication:
    """The one gate for an application: its operator's members, reviewers of the call's region, admins."""
    application = application_list_for_user(user=user).filter(pk=application_id).first()
    if application is None:
        raise not_found("认定申报", "Application")
    return application


def expert_list_for_region(*, user: User) -> QuerySet[ExpertReviewer]:
    return ExpertReviewer.objects.select_related("region", "organisation", "user").filter(reviewer_scope_q(user))


def eligible_experts(*, application: CertificationApplication) -> list[ExpertReviewer]:
    """Active experts of the call's region or above, minus those who must recuse themselves."""
    path = application.call.region.path
    ancestors = [code for code in path.strip("/").split("/")]
    experts = ExpertReviewer.objects.select_related("organisation", "user").filter(
        region_id__in=ancestors, is_active=True)
    return [e for e in experts if not expert_has_conflict(expert=e, application=application)]


def excluded_experts(*, application: CertificationApplication) -> list[ExpertReviewer]:
    ancestors = application.call.region.path.strip("/").split("/")
    experts = ExpertReviewer.objects.select_related("organisation", "user").filter(
        region_id__in=ancestors, is_active=True)
    return [e for e in experts if expert_has_conflict(expert=e, application=application)]


def operator_platforms(*, user: User) -> QuerySet[Platform]:
    if not (user.is_authenticated and user.organisation_id):
        return Platform.objects.none()
    return Platform.objects.select_related("region").filter(operator_id=user.organisation_id)


# --- evaluation ------------------------------------------------------------------------------


def round_list_for_user(*, user: User) -> QuerySet[EvaluationRound]:
    """Reviewers: their region's rounds. Operators: rounds covering one of their platforms."""
    queryset = EvaluationRound.objects.select_related("region")
    if is_reviewer(user):
        return queryset.filter(reviewer_scope_q(user))
    paths = list(operator_platforms(user=user).values_list("region__path", flat=True))
    if not paths:
        return queryset.none()
    codes = {code for path in paths for code in path.strip("/").split("/")}
    return queryset.filter(region_id__in=codes)


def round_get_for_user(*, round_id: int, user: User) -> EvaluationRound:
    round_ = round_list_for_user(user=user).filter(pk=round_id).first()
    if round_ is None:
        raise not_found("年度评估", "Evaluation round")
    return round_


def declaration_get_for_user(*, declaration_id: int, user: User) -> EvaluationDeclaration:
    declaration = EvaluationDeclaration.objects.select_related(
        "round__region", "platform__region", "platform__operator").filter(pk=declaration_id).first()
    if declaration is None or not (
            user_governs_path(user, declaration.round.region.path)
            or (user.is_authenticated and user.organisation_id == declaration.platform.operator_id)):
        raise not_found("评估申报", "Declaration")
    return declaration


def indicator_value_get_for_user(*, value_id: int, user: User) -> IndicatorValue:
    value = IndicatorValue.objects.select_related("declaration__round__region", "declaration__platform").filter(
        pk=value_id).first()
    if value is None or not user_governs_path(user, value.declaration.round.region.path):
        raise not_found("指标数值", "Indicator value")
    return value


def result_get_for_user(*, result_id: int, user: User) -> EvaluationResult:
    """Reviewers of the round's region; the platform's operator once the round is published."""
    result = EvaluationResult.objects.select_related(
        "round__region", "platform__region", "platform__operator", "declaration").filter(pk=result_id).first()
    if result is None:
        raise not_found("评估结果", "Result")
    if user_governs_path(user, result.round.region.path):
        return result
    if (user.is_authenticated and user.organisation_id == result.platform.operator_id
            and result.round.state == RoundState.PUBLISHED):
        return result
    raise not_found("评估结果", "Result")


def round_results(*, round_: EvaluationRound) -> QuerySet[EvaluationResult]:
    return round_.results.select_related("platform__region", "reward").order_by("rank_in_region", "platform__name")


def previous_result(*, result: EvaluationResult) -> EvaluationResult | None:
    return (EvaluationResult.objects.filter(platform=result.platform, round__year=result.round.year - 1)
            .select_related("round").first())


def proposal_list_for_user(*, user: User, pending_only: bool = True) -> QuerySet[ConsequenceProposal]:
    queryset = ConsequenceProposal.objects.select_related("platform__region", "result__round__region").filter(
        reviewer_scope_q(user, region_field="result__round__region"))
    if pending_only:
        queryset = queryset.filter(state="proposed")
    return queryset


def proposal_get_for_user(*, proposal_id: int, user: User) -> ConsequenceProposal:
    proposal = proposal_list_for_user(user=user, pending_only=False).filter(pk=proposal_id).first() \
        if is_reviewer(user) else None
    if proposal is None:
        raise not_found("处理建议", "Proposal")
    return proposal


def declarations_for_operator(*, user: User) -> QuerySet[EvaluationDeclaration]:
    if not (user.is_authenticated and user.organisation_id):
        return EvaluationDeclaration.objects.none()
    return EvaluationDeclaration.objects.select_related("round__region", "platform").filter(
        platform__operator_id=user.organisation_id)


def platform_on_warning(*, platform: Platform) -> bool:
    latest = (ConsequenceProposal.objects.filter(platform=platform, state="applied")
              .order_by("-result__round__year", "-pk").first())
    return bool(latest and latest.kind == "warning")



