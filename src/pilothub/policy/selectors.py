"""Reads of the policy app: engine evaluations with the database's region table, applications,
budgets and the non-duplication groups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from pilothub.accounts.scoping import reviewer_scope_q, user_governs_path
from pilothub.core.errors import DomainError, not_found
from pilothub.core.models import AuditEvent
from pilothub.regions.models import Region
from pilothub.regions.selectors import region_ancestor_codes

from . import engine
from .engine.inputs import parse_date, validate_request
from .models import COMMITTED_STATUSES, ApplicationStatus, Budget, SubsidyApplication

DATA_DIR = Path(__file__).resolve().parent / "data"


def domain_error_from_engine(error: engine.PolicyInputError) -> DomainError:
    """The engine's input error as the app's error type, keeping its field path and code."""
    return DomainError(error.code, error.message_zh, error.message_en, field=error.field)


def _region_chain(code: str) -> list[str]:
    # The chain comes from the Region table, so a region added to the database (a 街道 under
    # 怀柔区, a new district) inherits the measures of every region above it.
    if not Region.objects.filter(code=code).exists():
        raise DomainError("unknown_region", f"未知的行政区划代码：{code!r}", f"Unknown region code: {code!r}",
                          field="region")
    return region_ancestor_codes(code=code)


def policy_evaluate(*, request: Any) -> dict[str, Any]:
    """The engine's response for one request, or a DomainError naming the bad field."""
    try:
        # Validate first so field errors come in the engine's order, then resolve the region.
        clean = validate_request(request)
        return engine.evaluate(request, _region_chain(clean["region"]))
    except engine.PolicyInputError as error:
        raise domain_error_from_engine(error)


def _documents_regions() -> list[str]:
    return sorted({doc.region for doc in engine.default_rulebook().documents})


def policy_measures(*, region: str | None, as_of: str | dt.date | None = None) -> dict[str, Any]:
    """Every measure (computable or not) visible from `region`; all measures when it is empty."""
    try:
        day = parse_date(as_of or timezone.localdate())
        if region:
            measures = engine.list_measures(_region_chain(region), day)
        else:
            measures = [m for code in _documents_regions() for m in engine.list_measures([code], day)]
    except engine.PolicyInputError as error:
        raise domain_error_from_engine(error)
    return {"region": region or None, "as_of": day.isoformat(), "count": len(measures), "items": measures}


def non_computable_measures(*, region: str, as_of: dt.date) -> list[dict[str, Any]]:
    return [m for m in policy_measures(region=region, as_of=as_of)["items"] if not m["computable"]]


# --- non-duplication groups (docs/decisions/0152) ---


@dataclass(frozen=True)
class SimilarityGroup:
    id: str
    name: str
    reason: str
    measures: frozenset[str]


@dataclass(frozen=True)
class SimilarityRules:
    rule: str
    citation: str
    groups: tuple[SimilarityGroup, ...]

    def groups_of(self, measure: str) -> list[SimilarityGroup]:
        return [group for group in self.groups if measure in group.measures]


@lru_cache(maxsize=1)
def similarity_rules() -> SimilarityRules:
    data = yaml.safe_load((DATA_DIR / "non_duplication.yaml").read_text(encoding="utf-8"))
    groups = tuple(SimilarityGroup(id=g["id"], name=g["name"], reason=g["reason"], measures=frozenset(g["measures"]))
                   for g in data["groups"])
    return SimilarityRules(rule=data["rule"], citation=data["citation"], groups=groups)


# --- applications ---


def application_get_for_user(*, application_id: int, user) -> SubsidyApplication:
    """The one permission gate for applications: the applicant's members, reviewers of the issuing
    region or above, administrators. Anyone else gets a 404, as if it did not exist."""
    application = (SubsidyApplication.objects.select_related("applicant", "issuing_region", "project_region",
                                                             "submitted_by", "first_reviewed_by",
                                                             "second_reviewed_by")
                   .filter(pk=application_id).first())
    if application is None or not user.is_authenticated:
        raise not_found("申报", "Application")
    if user.is_system_admin or user_governs_path(user, application.issuing_region.path):
        return application
    if user.organisation_id is not None and user.organisation_id == application.applicant_id:
        return application
    raise not_found("申报", "Application")


def user_may_review(*, user, application: SubsidyApplication) -> bool:
    return bool(user.is_authenticated and (user.is_system_admin
                                           or user_governs_path(user, application.issuing_region.path)))


def application_list_for_applicant(*, user) -> QuerySet[SubsidyApplication]:
    if not user.is_authenticated or user.organisation_id is None:
        return SubsidyApplication.objects.none()
    return (SubsidyApplication.objects.filter(applicant_id=user.organisation_id)
            .select_related("issuing_region", "project_region"))


REVIEW_STAGES = [ApplicationStatus.SUBMITTED, ApplicationStatus.FIRST_PASSED, ApplicationStatus.SECOND_PASSED,
                 ApplicationStatus.PUBLICISED, ApplicationStatus.PAID, ApplicationStatus.RETURNED,
                 ApplicationStatus.REJECTED]


def application_queue_for_reviewer(*, user, stage: str) -> tuple[QuerySet[SubsidyApplication], dict[str, int]]:
    """Applications of one stage in the reviewer's scope (by issuing region), and counts per stage."""
    scope = reviewer_scope_q(user, region_field="issuing_region")
    if stage not in ApplicationStatus.values:
        stage = ApplicationStatus.SUBMITTED
    base = SubsidyApplication.objects.filter(scope)
    counts = dict(base.values_list("status").annotate(n=Count("id")).order_by())
    queue = (base.filter(status=stage).select_related("applicant", "issuing_region", "project_region")
             .order_by("submitted_at", "id"))
    return queue, {value: counts.get(value, 0) for value in ApplicationStatus.values}


def application_history(*, application: SubsidyApplication) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type=application._meta.label_lower,
                                     object_id=str(application.pk)).order_by("id")


def application_recompute(*, application: SubsidyApplication) -> dict[str, Any]:
    """Re-run the stored trace; the caller compares amount and trace with what was stored."""
    return engine.recompute(application.trace)


def live_applications_in_group(*, applicant_id: int, measures: frozenset[str],
                               exclude_id: int | None = None) -> QuerySet[SubsidyApplication]:
    from .models import LIVE_STATUSES

    queryset = SubsidyApplication.objects.filter(applicant_id=applicant_id, measure__in=measures,
                                                 status__in=LIVE_STATUSES)
    return queryset.exclude(pk=exclude_id) if exclude_id else queryset


def last_paid_reward_year(*, applicant_id: int, measures: list[str]) -> int | None:
    """The latest evaluation year for which this applicant was paid one of these reward measures."""
    requests = SubsidyApplication.objects.filter(applicant_id=applicant_id, measure__in=measures,
                                                 status=ApplicationStatus.PAID).values_list("request", flat=True)
    years = [req["project"].get("evaluation_year") for req in requests]
    return max((year for year in years if isinstance(year, int)), default=None)


# --- budgets (docs/decisions/0153) ---


@dataclass(frozen=True)
class BudgetStatus:
    budget: Budget | None
    committed: int
    amount: int  # the application's amount being considered (0 for a plain read)

    @property
    def total(self) -> int | None:
        return self.budget.amount if self.budget else None

    @property
    def remaining(self) -> int | None:
        return None if self.budget is None else self.budget.amount - self.committed

    @property
    def after(self) -> int:
        return self.committed + self.amount

    @property
    def would_exceed(self) -> bool:
        return self.budget is None or self.after > self.budget.amount

    @property
    def near_limit(self) -> bool:
        # Warn when approving would use more than 90% of the year's budget.
        return self.budget is not None and not self.would_exceed and self.after * 10 > self.budget.amount * 9


def budget_committed(*, measure: str, region_id: str, year: int, exclude_id: int | None = None) -> int:
    queryset = SubsidyApplication.objects.filter(measure=measure, issuing_region_id=region_id, budget_year=year,
                                                 status__in=COMMITTED_STATUSES)
    if exclude_id:
        queryset = queryset.exclude(pk=exclude_id)
    return int(queryset.aggregate(total=Sum("amount"))["total"] or 0)


def budget_status_for(*, application: SubsidyApplication) -> BudgetStatus:
    """The measure's budget as it would stand if this application were (or is) approved."""
    budget = Budget.objects.filter(measure=application.measure, region_id=application.issuing_region_id,
                                   year=application.budget_year).first()
    committed = budget_committed(measure=application.measure, region_id=application.issuing_region_id,
                                 year=application.budget_year, exclude_id=application.pk)
    return BudgetStatus(budget=budget, committed=committed, amount=application.amount)


def budget_list_for_reviewer(*, user, year: int) -> list[dict[str, Any]]:
    scope = reviewer_scope_q(user, region_field="region")
    budgets = list(Budget.objects.filter(scope, year=year).select_related("region"))
    committed = dict(
        ((row["measure"], row["issuing_region_id"]), row["total"])
        for row in SubsidyApplication.objects.filter(budget_year=year, status__in=COMMITTED_STATUSES)
        .filter(Q(issuing_region_id__in=[b.region_id for b in budgets]))
        .values("measure", "issuing_region_id").annotate(total=Sum("amount")).order_by()
    )
    return [{"budget": b, "committed": int(committed.get((b.measure, b.region_id), 0) or 0),
             "remaining": b.amount - int(committed.get((b.measure, b.region_id), 0) or 0)} for b in budgets]
