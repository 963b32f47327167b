"""Writes of the dashboard: (re)computing a region's snapshot."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from pilothub.core.audit import audit_record
from pilothub.regions.models import Region

from .models import DashboardSnapshot
from .selectors import dashboard_figures

EVENT_REFRESHED = "dashboard.snapshot_refreshed"


def snapshot_max_age() -> dt.timedelta:
    return dt.timedelta(seconds=getattr(settings, "PILOTHUB_DASHBOARD_MAX_AGE_SECONDS", 900))


@transaction.atomic
def dashboard_snapshot_refresh(*, region: Region, user=None) -> DashboardSnapshot:
    """Recompute one region's figures now and store them (the as-of time is the start)."""
    started, now = time.perf_counter(), timezone.now()
    figures = dashboard_figures(region=region, now=now)
    snapshot, _ = DashboardSnapshot.objects.update_or_create(
        region=region, defaults={"computed_at": now, "figures": figures,
                                 "duration_ms": int((time.perf_counter() - started) * 1000)})
    if user is not None:
        audit_record(actor=user, action=EVENT_REFRESHED, obj=snapshot, region_path=region.path,
                     note=f"{region.name} {now.isoformat()}")
    return snapshot


def dashboard_snapshot_get_or_refresh(*, region: Region) -> dict[str, Any]:
    """The stored figures when younger than the maximum age, else freshly computed ones."""
    snapshot = DashboardSnapshot.objects.filter(region=region).first()
    if snapshot is None or timezone.now() - snapshot.computed_at > snapshot_max_age():
        snapshot = dashboard_snapshot_refresh(region=region)
    return snapshot.figures
