"""Reads for demands, quotes, message threads and challenges, each behind one permission gate.

`demand_visibility_q` is the single statement of who may see a demand; the gate
`demand_get_for_user` and every list use it, so a page and the API can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from pilothub.accounts.models import OrganisationStatus, Role, User
from pilothub.core.errors import not_found
from pilothub.core.text import tokens
from pilothub.platforms.models import Platform, PlatformStatus
from pilothub.regions.selectors import region_get

from .models import (
    ACTIVE_STATUSES,
    Challenge,
    ChallengeApplication,
    ChallengeRegionPolicy,
    Demand,
    DemandMessage,
    DemandStatus,
    DemandVisibility,
    Quote,
)

# --- who is who -----------------------------------------------------------------------------


def is_demand_owner(user, demand: Demand) -> bool:
    return bool(user.is_authenticated and user.organisation_id and user.organisation_id == demand.enterprise_id)


def operator_platforms(user) -> QuerySet[Platform]:
    """Published platforms run by the user's organisation (operators of approved organisations only)."""
    if not (user.is_authenticated and user.is_active and user.role == Role.OPERATOR and user.organisation_id):
        return Platform.objects.none()
    return Platform.objects.filter(operator_id=user.organisation_id, status=PlatformStatus.PUBLISHED,
                                   operator__status=OrganisationStatus.APPROVED).select_related("region")


def _is_listed_operator(user) -> bool:
    return operator_platforms(user).exists()


# --- demands --------------------------------------------------------------------------------


def demand_visibility_q(user) -> Q:
    """Demands the user may see.

    public → anyone; platforms only → operators of approved organisations with a published
    platform; invited → operators of an invited platform. The owner's organisation, reviewers of
    the demand's region and administrators see everything of theirs, hidden or draft included.
    """
    if user.is_authenticated and user.is_system_admin:
        return Q()
    listed = Q(is_hidden=False) & ~Q(status=DemandStatus.DRAFT)
    visible = listed & Q(visibility=DemandVisibility.PUBLIC)
    if not user.is_authenticated:
        return visible
    if user.organisation_id:
        visible |= Q(enterprise_id=user.organisation_id)
    if user.is_reviewer:
        visible |= Q(region__path__startswith=user.region.path)
    if user.role == Role.OPERATOR and user.is_active and user.organisation_id:
        if _is_listed_operator(user):
            visible |= listed & Q(visibility=DemandVisibility.PLATFORMS)
        invited = Demand.invited_platforms.through.objects.filter(
            demand_id=OuterRef("pk"), platform__operator_id=user.organisation_id)
        visible |= listed & Q(visibility=DemandVisibility.INVITED) & Q(Exists(invited))
    return visible


def _with_effective_status(queryset: QuerySet[Demand]) -> QuerySet[Demand]:
    today = timezone.localdate()
    return queryset.annotate(effective=Case(
        When(status__in=ACTIVE_STATUSES, deadline__lt=today, then=Value(DemandStatus.EXPIRED.value)),
        default=F("status"), output_field=CharField()))


def demand_get_for_user(*, demand_id: int, user) -> Demand:
    """The one gate for reading a demand (pages and API alike); not visible → 404."""
    demand = (Demand.objects.select_related("enterprise", "region", "region_preference", "industry", "hidden_by")
              .filter(demand_visibility_q(user)).filter(pk=demand_id).first())
    if demand is None:
        raise not_found("需求", "Demand")
    return demand


def demand_is_visible_to(*, demand: Demand, user) -> bool:
    return Demand.objects.filter(demand_visibility_q(user)).filter(pk=demand.pk).exists()


def demand_list_for_user(*, user, q: str = "", industry: str = "", service_type: str = "", region: str = "",
                         status: str = "", mine: bool = False) -> QuerySet[Demand]:
    """Demands the user may see, filtered. `region` matches the demand's region and everything under
    it; `status` is the effective status (past-deadline open demands count as expired)."""
    queryset = _with_effective_status(Demand.objects.filter(demand_visibility_q(user)))
    if mine:
        queryset = queryset.filter(enterprise_id=user.organisation_id) if user.organisation_id else queryset.none()
    if industry:
        queryset = queryset.filter(industry_id=industry)
    if service_type:
        queryset = queryset.filter(service_types__code=service_type)
    if region:
        queryset = queryset.filter(region__path__startswith=region_get(code=region).path)
    if status:
        queryset = queryset.filter(**{"effective": status})
    for token in dict.fromkeys(tokens(q)) if q.strip() else ():
        # Every search token must appear in the title or text (jieba tokens, substring match).
        queryset = queryset.filter(Q(title__icontains=token) | Q(text__icontains=token))
    return (queryset.select_related("enterprise", "region", "industry").prefetch_related("service_types")
            .annotate(quote_count=Count("quotes", distinct=True)).order_by("-created_at", "-id"))


def demand_list_for_moderation(*, user) -> QuerySet[Demand]:
    from pilothub.accounts.scoping import reviewer_scope_q

    return (_with_effective_status(Demand.objects.filter(reviewer_scope_q(user)))
            .select_related("enterprise", "region", "hidden_by").order_by("is_hidden", "-created_at"))


def demand_structured_fit(*, platform: Platform, demands_queryset: QuerySet[Demand], top: int = 20) -> list[Demand]:
    """The fallback ranking when the matching engine is unavailable.

    Score = 3 × shared service types + 2 × same industry + 1 × region fit (no preference, or the
    platform lies in the preferred region). Demands sharing neither a service type nor the
    industry are left out; ties go to the nearer deadline.
    """
    service_type_ids = list(platform.service_types.values_list("pk", flat=True))
    industry_ids = list(platform.industries.values_list("pk", flat=True))
    ancestors = platform.region.path.strip("/").split("/")
    ranked = (demands_queryset
              .annotate(service_overlap=Count("service_types", filter=Q(service_types__in=service_type_ids),
                                              distinct=True),
                        industry_fit=Case(When(industry_id__in=industry_ids, then=Value(1)), default=Value(0),
                                          output_field=IntegerField()),
                        region_fit=Case(When(Q(region_preference__isnull=True) | Q(region_preference_id__in=ancestors),
                                             then=Value(1)), default=Value(0), output_field=IntegerField()))
              .annotate(fit=F("service_overlap") * 3 + F("industry_fit") * 2 + F("region_fit"))
              .filter(Q(service_overlap__gt=0) | Q(industry_fit=1))
              .order_by("-fit", "deadline", "-id"))
    return list(ranked[:top])


def _as_objects(items: Iterable[Any], model: type) -> list:
    """The matching engine may return records, (record, score) pairs or objects/dicts holding the
    record; keep only the records, in its order."""
    result = []
    for item in items:
        if isinstance(item, model):
            result.append(item)
        elif isinstance(item, tuple | list) and item and isinstance(item[0], model):
            result.append(item[0])
        elif isinstance(item, dict):
            found = next((value for value in item.values() if isinstance(value, model)), None)
            if found is not None:
                result.append(found)
        else:
            found = next((getattr(item, name) for name in ("demand", "platform", "object", "item")
                          if isinstance(getattr(item, name, None), model)), None)
            if found is not None:
                result.append(found)
    return result


def demand_list_recommended(*, platform: Platform, user, top: int = 20) -> list[Demand]:
    """Open demands the user may see, ranked for one of their platforms."""
    candidates = (_with_effective_status(Demand.objects.filter(demand_visibility_q(user)))
                  .filter(is_hidden=False, **{"effective__in": ACTIVE_STATUSES})
                  .exclude(enterprise_id=platform.operator_id)
                  .select_related("enterprise", "region", "industry").prefetch_related("service_types"))
    try:
        from pilothub.matching.selectors import demands_for_platform
    except ImportError:
        return demand_structured_fit(platform=platform, demands_queryset=candidates, top=top)
    return _as_objects(demands_for_platform(platform=platform, demands_queryset=candidates, top=top), Demand)


def platforms_recommended_for_demand(*, demand: Demand, top: int = 10) -> list[Platform]:
    """推荐平台 on the owner's page: the matching engine's answer, or nothing when it is absent."""
    try:
        from pilothub.matching.selectors import platforms_for_demand
    except ImportError:
        return []
    return _as_objects(platforms_for_demand(demand=demand, top=top), Platform)


# --- quotes and messages ----------------------------------------------------------------------


def quote_list_for_demand(*, demand: Demand, user) -> QuerySet[Quote]:
    """The owner (and reviewers/administrators) compare every quote; an operator sees their own."""
    queryset = Quote.objects.filter(demand=demand).select_related("platform", "platform__region", "order")
    if not user.is_authenticated:
        return queryset.none()
    if is_demand_owner(user, demand) or user.is_system_admin or (
            user.is_reviewer and demand.region.path.startswith(user.region.path)):
        return queryset
    if user.is_authenticated and user.organisation_id:
        return queryset.filter(platform__operator_id=user.organisation_id)
    return queryset.none()


def quote_get_for_user(*, quote_id: int, user) -> Quote:
    quote = Quote.objects.select_related("demand", "demand__region", "platform").filter(pk=quote_id).first()
    if quote is None or not quote_list_for_demand(demand=quote.demand, user=user).filter(pk=quote.pk).exists() \
            or not demand_is_visible_to(demand=quote.demand, user=user):
        raise not_found("报价", "Quote")
    return quote


def thread_get_for_user(*, demand_id: int, platform_id: int, user) -> tuple[Demand, Platform, str]:
    """The gate for a message thread (demand × platform): returns the side the user writes for.

    Only the two parties take part: the demand's enterprise and the platform's operator."""
    demand = demand_get_for_user(demand_id=demand_id, user=user)
    platform = Platform.objects.select_related("operator", "region").filter(pk=platform_id).first()
    if platform is not None and is_demand_owner(user, demand) and (
            platform.status == PlatformStatus.PUBLISHED
            or DemandMessage.objects.filter(demand=demand, platform=platform).exists()):
        return demand, platform, "enterprise"
    if platform is not None and user.is_authenticated and user.role == Role.OPERATOR \
            and user.organisation_id == platform.operator_id:
        return demand, platform, "platform"
    raise not_found("留言", "Message thread")


def message_list(*, demand: Demand, platform: Platform) -> QuerySet[DemandMessage]:
    return DemandMessage.objects.filter(demand=demand, platform=platform).select_related("sender")


def thread_platforms_for_owner(*, demand: Demand) -> QuerySet[Platform]:
    """Platforms the enterprise is talking with about a demand (by message or quote)."""
    return (Platform.objects.filter(Q(demand_messages__demand=demand) | Q(quotes__demand=demand))
            .distinct().order_by("name"))


# --- challenges -------------------------------------------------------------------------------


def challenge_policy_for_region(*, region) -> bool:
    """Whether lead enterprises may post in a region: its own setting, else the nearest ancestor's."""
    codes = region.path.strip("/").split("/")
    settings = dict(ChallengeRegionPolicy.objects.filter(region_id__in=codes)
                    .values_list("region_id", "allow_enterprise_posting"))
    for code in reversed(codes):
        if code in settings:
            return settings[code]
    return False


def user_may_post_challenge(*, user: User, region) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_system_admin:
        return True
    if user.is_reviewer and user.region is not None:
        return region.path.startswith(user.region.path)
    return bool(user.role == Role.ENTERPRISE and user.can_publish and user.organisation is not None
                and user.organisation.region_id == region.code
                and challenge_policy_for_region(region=region))


def user_reviews_challenge(user, challenge: Challenge) -> bool:
    return bool(user.is_authenticated and (user.is_system_admin or (
        user.is_reviewer and challenge.region.path.startswith(user.region.path))))


def challenge_list(*, status: str = "", region: str = "") -> QuerySet[Challenge]:
    """Challenges are public notices (张榜): everyone may read them."""
    queryset = Challenge.objects.select_related("region", "posting_organisation", "winner").annotate(
        application_count=Count("applications"))
    if status:
        queryset = queryset.filter(status=status)
    if region:
        queryset = queryset.filter(region__path__startswith=region_get(code=region).path)
    return queryset.order_by("-created_at", "-id")


def challenge_get_for_user(*, challenge_id: int, user) -> Challenge:
    challenge = (Challenge.objects.select_related("region", "posting_organisation", "winner",
                                                  "winner__organisation")
                 .filter(pk=challenge_id).first())
    if challenge is None:
        raise not_found("榜单", "Challenge")
    return challenge


def application_list_for_user(*, challenge: Challenge, user) -> QuerySet[ChallengeApplication]:
    """Reviewers of the region see every application; an applicant sees their organisation's."""
    queryset = (ChallengeApplication.objects.filter(challenge=challenge)
                .select_related("organisation", "platform").prefetch_related("scores"))
    if user_reviews_challenge(user, challenge):
        return queryset
    if user.is_authenticated and user.organisation_id:
        return queryset.filter(organisation_id=user.organisation_id)
    return queryset.none()


def application_get_for_user(*, application_id: int, user) -> ChallengeApplication:
    application = (ChallengeApplication.objects.select_related("challenge", "challenge__region", "organisation")
                   .filter(pk=application_id).first())
    if application is None or not application_list_for_user(challenge=application.challenge, user=user).filter(
            pk=application.pk).exists():
        raise not_found("申报", "Application")
    return application
