"""The figures PilotHub itself knows about a platform's year (reads only).

Orders and equipment are on main. Ratings and equipment bookings are being added by the bookings
app in parallel, so they are looked up by name with `apps.get_model`: while a model (or a field
this code reads) is missing, the figure is *unavailable* and the indicator falls back to the
operator's declaration with evidence (docs/decisions/0803-evaluation-values.md).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldError
from django.db.models import Count, Q, Sum

from pilothub.bookings.models import OrderStatus, ServiceOrder
from pilothub.platforms.models import Equipment, Platform

UNAVAILABLE = object()


@dataclass(frozen=True)
class Figure:
    value: Any
    detail: str


def _orders(platform: Platform, year: int):
    return ServiceOrder.objects.filter(platform=platform, contract_signed_on__year=year).exclude(
        status=OrderStatus.CANCELLED)


def _order_totals(platform: Platform, year: int) -> dict[str, int]:
    totals = _orders(platform, year).aggregate(
        count=Count("pk"), amount=Sum("contract_amount"), external=Sum("contract_amount", filter=Q(is_external=True)))
    return {"count": totals["count"] or 0, "amount": totals["amount"] or 0, "external": totals["external"] or 0}


BOOKINGS_APP = "bookings"
# The parallel bookings work names its rating model OrderRating; "Rating" is accepted too.
RATING_MODEL_NAMES = ("OrderRating", "Rating")
BOOKING_MODEL_NAME = "Booking"


def _optional_model(name: str) -> Any:
    try:
        return apps.get_model(BOOKINGS_APP, name)
    except LookupError:
        return None


def _rating_model() -> Any:
    for name in RATING_MODEL_NAMES:
        model = _optional_model(name)
        if model is not None:
            return model
    return None


def _booking_model() -> Any:
    return _optional_model(BOOKING_MODEL_NAME)


def _rating_average(platform: Platform, year: int) -> Figure | object:
    model = _rating_model()
    if model is None:
        return UNAVAILABLE
    field_names = {f.name for f in model._meta.get_fields()}
    parts = [name for name in ("quality", "timeliness", "price", "communication") if name in field_names]
    if not parts and "score" in field_names:
        parts = ["score"]
    if not parts or "created_at" not in field_names:
        return UNAVAILABLE
    try:
        if "platform" in field_names:
            queryset = model.objects.filter(platform=platform, created_at__year=year)
        else:
            queryset = model.objects.filter(order__platform=platform, created_at__year=year)
        rows = list(queryset.values_list(*parts))
    except FieldError:
        return UNAVAILABLE
    if not rows:
        return Figure(None, f"{year} 年度无用户评价")
    average = sum(sum(row) / len(row) for row in rows) / len(rows)
    return Figure(round(average, 2), f"{year} 年度 {len(rows)} 条用户评价的平均分（满分 5 分）")


def _shared_hours(platform: Platform, year: int) -> Figure | object:
    model = _booking_model()
    if model is None:
        return UNAVAILABLE
    start = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=datetime.UTC)
    try:
        rows = list(model.objects.filter(equipment__platform=platform, status="approved", start__gte=start,
                                         start__lt=end).values_list("start", "end"))
    except FieldError:
        return UNAVAILABLE
    hours = sum((finish - begin).total_seconds() for begin, finish in rows) / 3600
    return Figure(round(hours, 1), f"{year} 年度 {len(rows)} 次已批准的设备预约")


def _responsiveness(platform: Platform, year: int) -> Figure:
    """Share (%) of the year's requests answered within three working days (decision 0553)."""
    from zoneinfo import ZoneInfo

    from pilothub.demands.responsiveness import platform_responsiveness

    local = ZoneInfo("Asia/Shanghai")
    start = datetime.datetime(year, 1, 1, tzinfo=local)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=local)
    figures = platform_responsiveness([platform.pk], since=start, until=end)[platform.pk]
    if figures.share_percent is None:
        return Figure(None, f"{year} 年度无到期的企业请求（需求邀请、需求留言、服务询价、设备预约）")
    return Figure(figures.share_percent, f"{year} 年度 {figures.requests} 次到期请求中 {figures.within} 次在 3 个工作日内答复"
                                         f"（首次答复时间中位数 {figures.median_hours} 小时）")


def figure_available(key: str) -> bool:
    if key == "rating_average":
        return _rating_model() is not None
    if key == "shared_equipment_hours":
        return _booking_model() is not None
    return key in SIMPLE_KEYS


def system_figure(key: str, *, platform: Platform, year: int) -> Figure | object:
    """One figure for one platform and year, or UNAVAILABLE when the system cannot know it."""
    if key == "equipment_original_value":
        total = Equipment.objects.filter(platform=platform, is_active=True).aggregate(s=Sum("original_value"))["s"]
        return Figure(total or 0, "在用仪器设备原值合计（平台设备台账）")
    if key == "shareable_equipment_count":
        count = Equipment.objects.filter(platform=platform, is_active=True, shareable=True).count()
        return Figure(count, "在用且可共享的仪器设备台套数（平台设备台账）")
    if key == "order_count":
        return Figure(_order_totals(platform, year)["count"], f"{year} 年签约且未取消的服务订单数")
    if key == "contract_amount":
        return Figure(_order_totals(platform, year)["amount"], f"{year} 年签约服务订单合同金额合计（元）")
    if key == "external_revenue_share":
        totals = _order_totals(platform, year)
        if not totals["amount"]:
            return Figure(0, f"{year} 年无签约合同金额")
        share = round(totals["external"] / totals["amount"] * 100, 2)
        return Figure(share, f"对外服务合同金额 {totals['external']} 元 / 合同金额 {totals['amount']} 元")
    if key == "rating_average":
        return _rating_average(platform, year)
    if key == "shared_equipment_hours":
        return _shared_hours(platform, year)
    if key == "response_within_3_workdays":
        return _responsiveness(platform, year)
    return UNAVAILABLE


SIMPLE_KEYS = {"equipment_original_value", "shareable_equipment_count", "order_count", "contract_amount",
               "external_revenue_share", "response_within_3_workdays"}
