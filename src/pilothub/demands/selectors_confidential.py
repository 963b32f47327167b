"""Who may read a demand's confidential details (tiered disclosure).

`details_access` is the one statement of the rule; the page, the API and the service that logs
each reading all call it (docs/decisions/0552-confidential-demands.md):

- the demand's own organisation reads its details;
- an operator reads them for one of their published platforms only while the enterprise's grant
  to that platform is live and, when the demand requires it, after an operator of that platform
  accepted the undertaking for this demand;
- nobody else: not the public, not other enterprises, not reviewers or administrators.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db.models import QuerySet
from django.utils import timezone

from pilothub.platforms.models import Platform

from .models import (
    ConfidentialityUndertaking,
    Demand,
    DemandAccessGrant,
    DemandDetailView,
    DemandResponse,
    UndertakingAcceptance,
)
from .selectors import is_demand_owner, operator_platforms

UNDERTAKINGS_FILE = Path(__file__).parent / "data" / "undertakings.yaml"


class Access:
    """What a user may do with a demand's confidential details."""

    NONE = "none"  # no confidential details, or the user has nothing to do with them
    OWNER = "owner"
    GRANTED = "granted"  # reads them (as `platform`)
    NEEDS_UNDERTAKING = "needs_undertaking"  # granted, but the undertaking is not accepted yet
    NO_GRANT = "no_grant"  # an operator whose platforms hold no grant


@dataclass
class DetailsAccess:
    state: str
    platform: Platform | None = None  # the platform the user reads for (or must accept for)
    platforms: list[Platform] = field(default_factory=list)

    @property
    def may_read(self) -> bool:
        return self.state in (Access.OWNER, Access.GRANTED)


@functools.cache
def undertaking_versions() -> tuple[dict, ...]:
    data = yaml.safe_load(UNDERTAKINGS_FILE.read_text(encoding="utf-8"))
    return tuple(sorted(data["versions"], key=lambda v: (v["effective_from"], v["version"])))


def undertaking_current() -> ConfidentialityUndertaking:
    """The version in force today, stored on first use. A stored version whose text no longer
    matches the file is a data error: versions are never edited, a revision is a new version."""
    today = timezone.localdate()
    in_force = [v for v in undertaking_versions() if v["effective_from"] <= today] or [undertaking_versions()[0]]
    raw = in_force[-1]
    digest = hashlib.sha256(raw["text"].encode()).hexdigest()
    row, _created = ConfidentialityUndertaking.objects.get_or_create(
        version=str(raw["version"]),
        defaults={"text": raw["text"], "text_sha256": digest, "effective_from": raw["effective_from"]})
    if row.text_sha256 != digest:
        raise RuntimeError(f"undertaking {row.version}: text changed in {UNDERTAKINGS_FILE.name}; add a new version")
    return row


def live_grants(demand: Demand) -> QuerySet[DemandAccessGrant]:
    return (DemandAccessGrant.objects.filter(demand=demand, revoked_at__isnull=True)
            .select_related("platform", "granted_by").order_by("platform__name"))


def details_access(*, demand: Demand, user) -> DetailsAccess:
    """The single access rule (the caller has already passed the demand's visibility gate)."""
    if not demand.is_confidential or not user.is_authenticated:
        return DetailsAccess(Access.NONE)
    if is_demand_owner(user, demand):
        return DetailsAccess(Access.OWNER)
    platforms = list(operator_platforms(user))
    if not platforms:
        return DetailsAccess(Access.NONE)
    granted_ids = set(DemandAccessGrant.objects.filter(demand=demand, revoked_at__isnull=True,
                                                       platform__in=platforms).values_list("platform_id", flat=True))
    granted = [p for p in platforms if p.pk in granted_ids]
    if not granted:
        return DetailsAccess(Access.NO_GRANT, platforms=platforms)
    if not demand.requires_undertaking:
        return DetailsAccess(Access.GRANTED, platform=granted[0], platforms=granted)
    accepted = set(UndertakingAcceptance.objects.filter(demand=demand, platform__in=granted)
                   .values_list("platform_id", flat=True))
    ready = [p for p in granted if p.pk in accepted]
    if ready:
        return DetailsAccess(Access.GRANTED, platform=ready[0], platforms=ready)
    return DetailsAccess(Access.NEEDS_UNDERTAKING, platform=granted[0], platforms=granted)


def grant_candidates(demand: Demand) -> QuerySet[Platform]:
    """Platforms the enterprise is dealing with (invited, responded, quoted or in a thread) that
    do not hold a live grant: the choices offered on the owner's page."""
    from django.db.models import Q

    from pilothub.platforms.models import PlatformStatus

    engaged = (Q(pk__in=demand.invited_platforms.values("pk"))
               | Q(pk__in=DemandResponse.objects.filter(demand=demand).values("platform_id"))
               | Q(pk__in=demand.quotes.values("platform_id")) | Q(pk__in=demand.messages.values("platform_id")))
    return (Platform.objects.filter(engaged, status=PlatformStatus.PUBLISHED)
            .exclude(pk__in=live_grants(demand).values("platform_id")).order_by("name"))


def access_log(demand: Demand) -> dict:
    """Everything the enterprise may check: grants (live and revoked), acceptances and readings."""
    return {
        "grants": list(DemandAccessGrant.objects.filter(demand=demand)
                       .select_related("platform", "granted_by", "revoked_by")),
        "acceptances": list(UndertakingAcceptance.objects.filter(demand=demand)
                            .select_related("platform", "accepted_by", "undertaking")),
        "views": list(DemandDetailView.objects.filter(demand=demand).select_related("platform")[:500]),
        "view_count": DemandDetailView.objects.filter(demand=demand).count(),
    }
