"""API for published supply lists (供给清单): list releases and get one (public, read-only)."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Router, Schema

from .supply import supply_list_get, supply_list_list, supply_list_rows

router = Router(tags=["supply-lists"])


class SupplyListOut(Schema):
    id: int
    region: str
    region_name: str
    sequence: int
    title: str
    release_date: datetime.date
    published_at: datetime.datetime
    platform_count: int
    excel_url: str
    pdf_url: str


def _summary(release) -> dict[str, Any]:
    from django.urls import reverse

    return {"id": release.pk, "region": release.region_id, "region_name": release.region.name,
            "sequence": release.sequence, "title": release.title, "release_date": release.release_date,
            "published_at": release.published_at, "platform_count": release.platform_count,
            "excel_url": reverse("platforms:supply_list_download", args=[release.pk, "xlsx"]),
            "pdf_url": reverse("platforms:supply_list_download", args=[release.pk, "pdf"])}


class SupplyListPage(Schema):
    count: int
    items: list[SupplyListOut]


class SupplyListDetailOut(SupplyListOut):
    note: str
    previous_id: int | None
    entries: list[dict[str, Any]]
    diff: dict[str, Any]


@router.get("/supply-lists", response=SupplyListPage, auth=None,
            summary="供给清单列表 Published supply lists (newest first)")
def supply_lists(request, region: str | None = None, limit: int = 20, offset: int = 0):
    releases = supply_list_list(region_code=region)
    limit = max(1, min(limit, 100))
    offset = max(0, offset)
    return {"count": releases.count(), "items": [_summary(r) for r in releases[offset:offset + limit]]}


@router.get("/supply-lists/{release_id}", response=SupplyListDetailOut, auth=None,
            summary="供给清单详情 One supply list with its entries and the diff to the previous release")
def supply_list(request, release_id: int):
    release = supply_list_get(release_id=release_id)
    rows = supply_list_rows(release, user=request.user)
    entries = [{"platform_id": e["platform_id"], "region_name": e.get("region_name", ""), **row}
               for e, row in zip(release.entries, rows, strict=True)]
    return {**_summary(release), "note": release.note, "previous_id": release.previous_id,
            "entries": entries, "diff": release.diff}
