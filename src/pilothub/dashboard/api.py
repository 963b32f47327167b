"""Dashboard API: the same figures as the pages, reviewer-scoped (/api/v1/dashboard/...)."""

from __future__ import annotations

from typing import Any

from ninja import Router

from pilothub.core.api_auth import AUTH
from pilothub.core.errors import not_found

from .selectors import SECTIONS, dashboard_region_get_for_user, dashboard_regions_for_user
from .services import dashboard_snapshot_get_or_refresh

router = Router(tags=["dashboard"])


@router.get("/dashboard/regions", auth=AUTH, summary="可查看的看板地区 Regions whose dashboard I may read")
def regions(request) -> Any:
    return [{"code": region.code, "name": region.name, "level": region.level}
            for region in dashboard_regions_for_user(user=request.user)]


@router.get("/dashboard/{code}", auth=AUTH, summary="地区看板全部数据 Every figure of a region's dashboard")
def figures(request, code: str) -> Any:
    region = dashboard_region_get_for_user(code=code, user=request.user)
    return dashboard_snapshot_get_or_refresh(region=region)


@router.get("/dashboard/{code}/{section}", auth=AUTH,
            summary="地区看板的一个部分 One section (tiers, targets, trend, coverage, districts, orders, demands, "
                    "vouchers, subsidies)")
def section(request, code: str, section: str) -> Any:
    region = dashboard_region_get_for_user(code=code, user=request.user)
    if section not in SECTIONS:
        raise not_found("看板栏目", "Dashboard section")
    data = dashboard_snapshot_get_or_refresh(region=region)
    return {"region": data["region"], "as_of": data["as_of"], section: data[section]}
