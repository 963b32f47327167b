"""Celery tasks. Eager by default (CELERY_TASK_ALWAYS_EAGER); schedule `dashboard.refresh_all`
with Celery beat in production, e.g. every 15 minutes, so pages always find a fresh snapshot."""

from celery import shared_task

from pilothub.regions.models import Region

from .services import dashboard_snapshot_refresh
from .targets import all_targets


@shared_task(name="dashboard.refresh")
def refresh_snapshot(region_code: str) -> str:
    snapshot = dashboard_snapshot_refresh(region=Region.objects.get(code=region_code))
    return snapshot.computed_at.isoformat()


@shared_task(name="dashboard.refresh_all")
def refresh_all_snapshots() -> int:
    """Every region with targets, and the regions right below it."""
    codes = {target.region for target in all_targets()}
    regions = Region.objects.filter(code__in=codes) | Region.objects.filter(parent_id__in=codes)
    count = 0
    for region in regions.distinct():
        dashboard_snapshot_refresh(region=region)
        count += 1
    return count
