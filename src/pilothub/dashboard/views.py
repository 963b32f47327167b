"""Pages: a region's dashboard (reviewers, administrators), its Excel export and a public summary."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pilothub.core.errors import DomainError, not_found
from pilothub.regions.models import Region

from .excel import dashboard_workbook
from .selectors import (
    dashboard_default_region_for_user,
    dashboard_region_get_for_user,
    dashboard_regions_for_user,
    public_summary,
)
from .services import dashboard_snapshot_get_or_refresh
from .targets import all_targets
from .tasks import refresh_snapshot


def _error(request, error: DomainError) -> HttpResponse:
    return render(request, "core/error.html", {"error": error}, status=error.status_code)


def _as_of(figures: dict) -> dt.datetime | None:
    return parse_datetime(figures["as_of"])


def _chart_labels() -> dict[str, str]:
    """Every text the charts show, translated here so the static JS holds no language."""
    return {"platforms": _("平台数"), "progress": _("完成率（%）"), "orders": _("订单数"),
            "external": _("对外服务订单"), "amount": _("合同金额（元）"), "published": _("发布需求"),
            "matched": _("已匹配"), "cap": _("额度合计（元）"), "spent": _("已使用（元）"), "budget": _("预算（元）"),
            "committed": _("已承诺（元）"), "paid": _("已拨付（元）"), "uncovered": _("未覆盖"),
            "noData": _("暂无数据"), "longitude": _("经度"), "latitude": _("纬度")}


def _page_context(figures: dict) -> dict:
    trend = figures.get("trend")
    trend_rows = []
    if trend:
        tiers = [row["tier"] for row in figures["tiers"]]
        trend_rows = [(year, [trend["series"][tier][i] for tier in tiers]) for i, year in enumerate(trend["years"])]
    return {"figures": figures, "as_of": _as_of(figures), "chart_labels": _chart_labels(), "trend_rows": trend_rows}


def _render_region(request, code: str | None) -> HttpResponse:
    try:
        selected = (dashboard_region_get_for_user(code=code, user=request.user) if code
                    else dashboard_default_region_for_user(user=request.user))
        regions = dashboard_regions_for_user(user=request.user)
    except DomainError as error:
        return _error(request, error)
    figures = dashboard_snapshot_get_or_refresh(region=selected)
    return render(request, "dashboard/region.html", {**_page_context(figures), "region": selected,
                                                     "regions": regions})


@login_required
def home(request) -> HttpResponse:
    """The reviewer's own region, or the one picked in the selector (?region=)."""
    return _render_region(request, request.GET.get("region") or None)


@login_required
def region(request, code: str) -> HttpResponse:
    return _render_region(request, code)


@login_required
@require_POST
def refresh(request, code: str) -> HttpResponse:
    try:
        selected = dashboard_region_get_for_user(code=code, user=request.user)
    except DomainError as error:
        return _error(request, error)
    refresh_snapshot.delay(selected.code)
    return redirect("dashboard:region", code=selected.code)


@login_required
def export(request, code: str) -> HttpResponse:
    try:
        selected = dashboard_region_get_for_user(code=code, user=request.user)
    except DomainError as error:
        return _error(request, error)
    figures = dashboard_snapshot_get_or_refresh(region=selected)
    response = HttpResponse(dashboard_workbook(figures),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    stamp = (_as_of(figures) or dt.datetime.now()).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="dashboard-{selected.code}-{stamp}.xlsx"'
    return response


def public(request, code: str) -> HttpResponse:
    """宣传推介 (中山科发〔2025〕73号 五（三）; 嘉经信技装〔2025〕47号 强化宣传示范): counts and targets only."""
    if code not in {target.region for target in all_targets()}:
        return _error(request, not_found("地区", "Region"))
    selected = Region.objects.get(code=code)
    figures = public_summary(dashboard_snapshot_get_or_refresh(region=selected))
    return render(request, "dashboard/public.html", {**_page_context(figures), "region": selected})
