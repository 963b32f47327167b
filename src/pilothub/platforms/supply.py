"""Supply lists (供给清单): dated, immutable releases of a region's approved registry.

A release stores a snapshot of every published platform in the region and its sub-regions (the
template's fields, as texts), so later edits never change what was published. Each release is
compared with the previous release of the same region when it is published; the diff is stored
with it (added / removed / changed platforms and which fields changed).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from pilothub.accounts.scoping import user_governs_path
from pilothub.core.audit import AuditAction, audit_record
from pilothub.core.errors import DomainError, forbidden, not_found
from pilothub.regions.models import Region
from pilothub.regions.selectors import region_get

from .exporting import HEADERS, platform_row, platforms_for_export, write_xlsx
from .models import ContactVisibility, SupplyListRelease

CONTACT_HEADERS = ("联系人", "联系电话")


# --- writes --------------------------------------------------------------------------------------

def supply_list_entries(*, region: Region) -> list[dict[str, Any]]:
    """The snapshot of the region's published platforms, sorted by name."""
    regions = dict(Region.objects.filter(path__startswith=region.path).values_list("code", "name"))
    return [{"platform_id": p.pk, "contact_visibility": p.contact_visibility,
             "region_name": regions.get(p.region_id, p.region_id), "row": platform_row(p)}
            for p in platforms_for_export(region_code=region.code)]


def supply_list_diff(*, previous: list[dict[str, Any]] | None, current: list[dict[str, Any]]) -> dict[str, Any]:
    """Platforms added, removed and changed (with the fields that changed) between two snapshots."""
    if previous is None:
        return {"first": True, "added": [], "removed": [], "changed": []}
    old = {entry["platform_id"]: entry for entry in previous}
    new = {entry["platform_id"]: entry for entry in current}

    def brief(entry: dict[str, Any]) -> dict[str, Any]:
        return {"platform_id": entry["platform_id"], "name": entry["row"]["平台名称"],
                "operator": entry["row"]["运营单位"]}

    added = [brief(new[i]) for i in new if i not in old]
    removed = [brief(old[i]) for i in old if i not in new]
    changed = []
    for platform_id in new:
        if platform_id not in old:
            continue
        before, after = old[platform_id]["row"], new[platform_id]["row"]
        fields = [h for h in HEADERS if before.get(h, "") != after.get(h, "")]
        if fields:
            changed.append({**brief(new[platform_id]), "fields": fields,
                            "before": {h: before.get(h, "") for h in fields},
                            "after": {h: after.get(h, "") for h in fields}})
    key = lambda item: (item["name"], item["operator"])  # noqa: E731
    return {"first": False, "added": sorted(added, key=key), "removed": sorted(removed, key=key),
            "changed": sorted(changed, key=key)}


@transaction.atomic
def supply_list_publish(*, region_code: str, actor, release_date: datetime.date | None = None, note: str = "",
                        is_demo: bool = False) -> SupplyListRelease:
    """Publish the next release of a region's supply list. `actor` None = the system (demo data)."""
    region = region_get(code=region_code)
    if actor is not None and not user_governs_path(actor, region.path):
        raise forbidden("发布该地区的供给清单", "publish this region's supply list")
    # Serialise publications per region so sequence numbers never collide.
    Region.objects.select_for_update().filter(code=region.code).first()
    today = timezone.localdate()
    release_date = release_date or today
    if release_date > today:
        raise DomainError("release_date_future", "发布日期不能晚于今天", "The release date cannot be in the future",
                          field="release_date")
    previous = SupplyListRelease.objects.filter(region=region).order_by("-sequence").first()
    if previous is not None and release_date < previous.release_date:
        raise DomainError("release_date_before_previous",
                          f"发布日期不能早于上一期（{previous.release_date:%Y-%m-%d}）",
                          f"The release date cannot be before the previous release ({previous.release_date})",
                          field="release_date")
    entries = supply_list_entries(region=region)
    if not entries:
        raise DomainError("supply_list_empty", f"{region.name}及其下级地区没有已发布的平台，无法发布空清单",
                          f"{region.name_en or region.code} has no published platforms to list", field="region")
    sequence = previous.sequence + 1 if previous else 1
    release = SupplyListRelease(
        region=region, sequence=sequence, release_date=release_date, note=note.strip(),
        title=f"{region.name}中试平台供给清单（{release_date.year}年{release_date.month}月{release_date.day}日，第 {sequence} 期）",
        published_by=actor if getattr(actor, "is_authenticated", False) else None,
        publisher_name=str(actor) if actor is not None else "系统",
        previous=previous, platform_count=len(entries), entries=entries,
        diff=supply_list_diff(previous=previous.entries if previous else None, current=entries),
        is_demo=is_demo)
    release.full_clean()
    release.save()
    audit_record(actor=actor, action=AuditAction.PUBLISH, obj=release, region_path=region.path,
                 after={"region": region.code, "sequence": sequence, "release_date": release_date,
                        "platform_count": len(entries), "added": len(release.diff["added"]),
                        "removed": len(release.diff["removed"]), "changed": len(release.diff["changed"])},
                 note=note)
    return release


# --- reads ---------------------------------------------------------------------------------------

def supply_list_list(*, region_code: str | None = None) -> QuerySet[SupplyListRelease]:
    """Releases, newest first (public); a region filter includes its sub-regions' releases."""
    releases = SupplyListRelease.objects.select_related("region").defer("entries", "diff")
    if region_code:
        region = region_get(code=region_code)
        releases = releases.filter(region__path__startswith=region.path)
    return releases.order_by("-release_date", "-published_at", "-id")


def supply_list_get(*, release_id: int) -> SupplyListRelease:
    release = SupplyListRelease.objects.select_related("region", "previous").filter(pk=release_id).first()
    if release is None:
        raise not_found("供给清单", "Supply list")
    return release


def supply_list_rows(release: SupplyListRelease, *, user) -> list[dict[str, str]]:
    """The release's rows; contacts the operator kept for logged-in users are blank for visitors."""
    show_private = bool(getattr(user, "is_authenticated", False))
    rows = []
    for entry in release.entries:
        row = dict(entry["row"])
        if not show_private and entry.get("contact_visibility") != ContactVisibility.PUBLIC:
            for header in CONTACT_HEADERS:
                row[header] = "（登录后可见）" if row[header] else ""
        rows.append(row)
    return rows


def supply_list_xlsx(release: SupplyListRelease, *, user) -> bytes:
    return write_xlsx(supply_list_rows(release, user=user), title="供给清单")


def supply_list_pdf(release: SupplyListRelease, *, user) -> bytes:
    """Rendering takes seconds (fonts); a release never changes, so each variant is cached."""
    from django.core.cache import cache

    key = (f"platforms:supply-pdf:{release.pk}:{release.published_at.timestamp()}:"
           f"{int(bool(getattr(user, 'is_authenticated', False)))}")
    pdf = cache.get(key)
    if pdf is None:
        pdf = _render_pdf(release, user=user)
        cache.set(key, pdf, timeout=24 * 3600)
    return pdf


def _render_pdf(release: SupplyListRelease, *, user) -> bytes:
    from weasyprint import HTML

    rows = supply_list_rows(release, user=user)
    region_names = [entry.get("region_name", "") for entry in release.entries]
    html = render_to_string("platforms/supply/release_pdf.html", {
        "release": release, "rows": list(zip(rows, region_names, strict=True)), "diff": release.diff})
    return HTML(string=html).write_pdf()


def supply_list_filename(release: SupplyListRelease, suffix: str) -> str:
    return f"供给清单-{release.region.name}-{release.release_date:%Y%m%d}-第{release.sequence}期{suffix}"
