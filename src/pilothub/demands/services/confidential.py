"""Tiered disclosure: the enterprise grants and revokes access to its confidential details, an
operator accepts the undertaking, and every reading is logged (decision 0552)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from pilothub.accounts.models import Role, User
from pilothub.core.audit import audit_record
from pilothub.core.errors import Conflict, DomainError, forbidden, not_found
from pilothub.core.notifications import notify
from pilothub.platforms.models import Platform, PlatformStatus

from ..models import Demand, DemandAccessGrant, DemandDetailView, DetailChannel, UndertakingAcceptance
from ..selectors import demand_is_visible_to, is_demand_owner
from ..selectors_confidential import Access, details_access, undertaking_current
from .common import DemandAction, clean_text, members

DETAILS_LIMIT = 5000


class ConfidentialAction:
    SET = "demand_confidential_set"
    GRANT = "demand_access_grant"
    REVOKE = "demand_access_revoke"
    UNDERTAKING = "demand_undertaking_accept"


def clean_details(value: str | None) -> str:
    return clean_text(value, field="confidential_details", label_zh="保密详情", label_en="Confidential details",
                      limit=DETAILS_LIMIT, required=False)


def _owner_guard(actor: User, demand: Demand) -> None:
    if not (actor.is_authenticated and actor.role == Role.ENTERPRISE and actor.can_publish
            and is_demand_owner(actor, demand)):
        raise forbidden("管理该需求的保密详情（仅需求发布单位）", "manage this demand's confidential details (its enterprise only)")


@transaction.atomic
def demand_set_confidential(*, demand: Demand, actor: User, details: str, requires_undertaking: bool) -> Demand:
    """The owner writes or changes the confidential details and whether an undertaking is needed.
    The audit event records lengths, never the text."""
    _owner_guard(actor, demand)
    details = clean_details(details)
    demand = Demand.objects.select_for_update().select_related("region").get(pk=demand.pk)
    before = {"length": len(demand.confidential_details), "requires_undertaking": demand.requires_undertaking}
    demand.confidential_details, demand.requires_undertaking = details, bool(requires_undertaking)
    demand.save(update_fields=["confidential_details", "requires_undertaking", "updated_at"])
    audit_record(actor=actor, action=ConfidentialAction.SET, obj=demand, region_path=demand.region.path,
                 before=before, after={"length": len(details), "requires_undertaking": demand.requires_undertaking})
    return demand


@transaction.atomic
def demand_access_grant(*, demand: Demand, platform: Platform, actor: User) -> DemandAccessGrant:
    """The owner lets a published platform read the details (once; a second grant is a conflict)."""
    _owner_guard(actor, demand)
    demand = Demand.objects.select_for_update().select_related("region").get(pk=demand.pk)
    if not demand.is_confidential:
        raise DomainError("not_confidential", "该需求没有保密详情", "The demand has no confidential details")
    if platform.status != PlatformStatus.PUBLISHED:
        raise DomainError("platform_not_published", "该平台当前未发布", "The platform is not published", field="platform")
    if platform.operator_id == demand.enterprise_id:
        raise DomainError("own_platform", "本单位的平台无需授权", "Your own organisation's platforms need no grant",
                          field="platform")
    if DemandAccessGrant.objects.filter(demand=demand, platform=platform, revoked_at__isnull=True).exists():
        raise Conflict("already_granted", "已向该平台授权", "Access was already granted to this platform", field="platform")
    try:
        with transaction.atomic():
            grant = DemandAccessGrant.objects.create(demand=demand, platform=platform, granted_by=actor)
    except IntegrityError:
        raise Conflict("already_granted", "已向该平台授权", "Access was already granted to this platform", field="platform")
    audit_record(actor=actor, action=ConfidentialAction.GRANT, obj=demand, region_path=demand.region.path,
                 after={"platform": platform.pk, "grant": grant.pk, "requires_undertaking": demand.requires_undertaking})
    body = ("需求方已授权贵平台查看该需求的保密详情。"
            + ("查看前须签署保密承诺。" if demand.requires_undertaking else ""))
    notify(recipients=members(platform.operator_id), title=f"保密详情已授权：{demand.title}", body=body,
           url=reverse("demands:detail", args=[demand.pk]))
    return grant


@transaction.atomic
def demand_access_revoke(*, demand: Demand, platform: Platform, actor: User) -> DemandAccessGrant:
    _owner_guard(actor, demand)
    grant = (DemandAccessGrant.objects.select_for_update().select_related("demand__region")
             .filter(demand=demand, platform=platform, revoked_at__isnull=True).first())
    if grant is None:
        raise not_found("授权", "Grant")
    grant.revoked_at, grant.revoked_by = timezone.now(), actor
    grant.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(actor=actor, action=ConfidentialAction.REVOKE, obj=grant.demand, region_path=grant.demand.region.path,
                 after={"platform": platform.pk, "grant": grant.pk})
    return grant


@transaction.atomic
def undertaking_accept(*, demand: Demand, platform: Platform, actor: User) -> UndertakingAcceptance:
    """An operator of a granted platform accepts the current undertaking for this demand."""
    if not (actor.is_authenticated and actor.role == Role.OPERATOR and actor.can_publish
            and actor.organisation_id == platform.operator_id):
        raise forbidden("代表该平台签署保密承诺", "accept the undertaking for this platform")
    if not demand_is_visible_to(demand=demand, user=actor):
        raise not_found("需求", "Demand")
    demand = Demand.objects.select_related("region").get(pk=demand.pk)
    if not DemandAccessGrant.objects.filter(demand=demand, platform=platform, revoked_at__isnull=True).exists():
        raise forbidden("签署保密承诺（需求方尚未向该平台授权）", "accept the undertaking (no grant for this platform)")
    undertaking = undertaking_current()
    acceptance, created = UndertakingAcceptance.objects.get_or_create(
        demand=demand, platform=platform, undertaking=undertaking, defaults={"accepted_by": actor})
    if created:
        audit_record(actor=actor, action=ConfidentialAction.UNDERTAKING, obj=demand, region_path=demand.region.path,
                     after={"platform": platform.pk, "undertaking": undertaking.version,
                            "text_sha256": undertaking.text_sha256, "accepted_at": acceptance.accepted_at})
        notify(recipients=members(demand.enterprise_id), title=f"平台已签署保密承诺：{demand.title}",
               body=f"{platform.name} 已签署保密承诺（版本 {undertaking.version}）。",
               url=reverse("demands:access_log", args=[demand.pk]), email=False)
    return acceptance


@transaction.atomic
def demand_details_read(*, demand: Demand, user, channel: str = DetailChannel.WEB) -> str:
    """The confidential details for a user allowed to read them; a reading by anyone outside the
    enterprise is logged (who, which platform, when, page or API). Others get 403."""
    access = details_access(demand=demand, user=user)
    if access.state == Access.NONE and not demand.is_confidential:
        return ""
    if not access.may_read:
        if access.state == Access.NEEDS_UNDERTAKING:
            raise DomainError("undertaking_required", "查看保密详情前须签署保密承诺",
                              "Accept the confidentiality undertaking before reading the details", status_code=403)
        raise forbidden("查看保密详情（需求方尚未授权）", "read the confidential details (no grant)")
    if access.state == Access.GRANTED:
        DemandDetailView.objects.create(demand=demand, viewer=user, viewer_username=user.get_username(),
                                        platform=access.platform, channel=channel)
    return demand.confidential_details


__all__ = ["ConfidentialAction", "DemandAction", "clean_details", "demand_access_grant", "demand_access_revoke",
           "demand_details_read", "demand_set_confidential", "undertaking_accept"]
