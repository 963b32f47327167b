"""Reads of the bookings app, and the one permission gate per object type."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.db.models.functions import ExtractYear

from pilothub.accounts.models import Role
from pilothub.core.errors import NotFound, not_found
from pilothub.platforms.models import Equipment, Platform, PlatformStatus

from .models import (
    HOLDING_STATUSES,
    Booking,
    BookingPolicy,
    BookingStatus,
    MaintenanceBlock,
    OpeningHours,
    OrderAttachment,
    OrderRating,
    ServiceOrder,
)

# --- visibility -----------------------------------------------------------------------------------


def _order_visibility_q(user, prefix: str = "") -> Q | None:
    """Who sees an order: the two parties, reviewers of the platform's or customer's region, admins."""
    if not user.is_authenticated:
        return None
    if user.is_system_admin:
        return Q()
    q = Q(pk__in=[])
    if user.organisation_id is not None:
        q |= Q(**{f"{prefix}customer_id": user.organisation_id})
        if user.role == Role.OPERATOR:
            q |= Q(**{f"{prefix}platform__operator_id": user.organisation_id})
    if user.is_reviewer:
        q |= Q(**{f"{prefix}platform__region__path__startswith": user.region.path})
        q |= Q(**{f"{prefix}customer__region__path__startswith": user.region.path})
    return q


def order_get_for_user(*, order_id: int, user) -> ServiceOrder:
    """The gate for orders, used by pages and API alike; out of scope → 404."""
    q = _order_visibility_q(user)
    order = None
    if q is not None:
        order = (ServiceOrder.objects.select_related("platform__region", "customer__region", "platform__operator")
                 .filter(q, pk=order_id).first())
    if order is None:
        raise not_found("订单", "Order")
    return order


def order_list_for_user(*, user, status: str = "") -> QuerySet[ServiceOrder]:
    q = _order_visibility_q(user)
    if q is None:
        return ServiceOrder.objects.none()
    orders = ServiceOrder.objects.filter(q).select_related("platform", "customer")
    if status:
        orders = orders.filter(status=status)
    return orders.order_by("-created_at")


def attachment_get_for_user(*, order_id: int, attachment_id: int, user) -> OrderAttachment:
    order = order_get_for_user(order_id=order_id, user=user)
    attachment = order.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise not_found("附件", "Attachment")
    return attachment


def _booking_visibility_q(user) -> Q | None:
    if not user.is_authenticated:
        return None
    if user.is_system_admin:
        return Q()
    q = Q(pk__in=[])
    if user.organisation_id is not None:
        q |= Q(customer_id=user.organisation_id)
        if user.role == Role.OPERATOR:
            q |= Q(equipment__platform__operator_id=user.organisation_id)
    if user.is_reviewer:
        q |= Q(equipment__platform__region__path__startswith=user.region.path)
    return q


def booking_get_for_user(*, booking_id: int, user) -> Booking:
    q = _booking_visibility_q(user)
    booking = None
    if q is not None:
        booking = (Booking.objects.select_related("equipment__platform__region", "customer", "order")
                   .filter(q, pk=booking_id).first())
    if booking is None:
        raise not_found("预约", "Booking")
    return booking


def booking_list_mine(*, user) -> QuerySet[Booking]:
    if not user.is_authenticated or user.organisation_id is None:
        return Booking.objects.none()
    return (Booking.objects.filter(customer_id=user.organisation_id)
            .select_related("equipment__platform").order_by("-start"))


def booking_queue_for_operator(*, user, status: str = BookingStatus.PENDING) -> QuerySet[Booking]:
    """Bookings of the operator's platforms (pending ones by default), for the approval queue."""
    if not (user.is_authenticated and user.role == Role.OPERATOR and user.organisation_id):
        return Booking.objects.none()
    bookings = Booking.objects.filter(equipment__platform__operator_id=user.organisation_id)
    if status:
        bookings = bookings.filter(status=status)
    return bookings.select_related("equipment__platform", "customer", "requested_by").order_by("start")


# --- public equipment data --------------------------------------------------------------------------


def shareable_equipment() -> QuerySet[Equipment]:
    return Equipment.objects.filter(shareable=True, is_active=True, platform__status=PlatformStatus.PUBLISHED)


def equipment_get_shareable(*, equipment_id: int) -> Equipment:
    """Public gate for booking pages: any shareable instrument of a published platform."""
    equipment = shareable_equipment().select_related("platform__region").filter(pk=equipment_id).first()
    if equipment is None:
        raise not_found("设备", "Equipment")
    return equipment


def equipment_get_for_booking(*, equipment_id: int) -> Equipment:
    """For the booking API: a missing id is 404; an existing non-shareable instrument is left to the
    service, which answers 400 equipment_not_shareable."""
    equipment = Equipment.objects.select_related("platform__region").filter(pk=equipment_id).first()
    if equipment is None:
        raise NotFound("not_found", "设备不存在", "Equipment not found")
    return equipment


def equipment_search(*, q: str = "", region: str = "", platform_id: int | None = None) -> QuerySet[Equipment]:
    equipment = shareable_equipment().select_related("platform__region")
    if q:
        equipment = equipment.filter(Q(name__icontains=q) | Q(model__icontains=q) | Q(specs__icontains=q)
                                     | Q(platform__name__icontains=q))
    if region:
        equipment = equipment.filter(platform__region__path__contains=f"/{region}/")
    if platform_id:
        equipment = equipment.filter(platform_id=platform_id)
    return equipment.order_by("platform__name", "name")


def opening_hours_for(equipment: Equipment) -> list[OpeningHours]:
    """The instrument's own weekly hours, or the platform default when it has none."""
    rows = list(OpeningHours.objects.filter(equipment=equipment))
    if rows:
        return rows
    return list(OpeningHours.objects.filter(platform_id=equipment.platform_id, equipment__isnull=True))


def booking_policy_for(platform: Platform) -> BookingPolicy:
    """The platform's cancellation rule, or the unsaved defaults."""
    return BookingPolicy.objects.filter(platform=platform).first() or BookingPolicy(platform=platform)


def busy_slots(*, equipment: Equipment, start: datetime.datetime, end: datetime.datetime) -> list[dict[str, Any]]:
    """Public: when the instrument is taken. No customer, purpose or status detail beyond the kind."""
    slots = [{"start": b_start, "end": b_end, "kind": "booking"} for b_start, b_end in
             Booking.objects.filter(equipment=equipment, status__in=HOLDING_STATUSES, start__lt=end, end__gt=start)
             .values_list("start", "end")]
    slots += [{"start": m_start, "end": m_end, "kind": "maintenance"} for m_start, m_end in
              MaintenanceBlock.objects.filter(equipment=equipment, start__lt=end, end__gt=start)
              .values_list("start", "end")]
    return sorted(slots, key=lambda slot: slot["start"])


def platform_bookings_for_calendar(*, platform: Platform) -> QuerySet[Booking]:
    """Holding bookings of a platform's instruments for the iCalendar feed."""
    return (Booking.objects.filter(equipment__platform=platform, status__in=HOLDING_STATUSES)
            .select_related("equipment").order_by("start"))


def platform_get_published(*, platform_id: int) -> Platform:
    platform = Platform.objects.filter(pk=platform_id, status=PlatformStatus.PUBLISHED).first()
    if platform is None:
        raise not_found("平台", "Platform")
    return platform


# --- ratings ------------------------------------------------------------------------------------------

SCORES = ("quality", "timeliness", "price", "communication")


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def platform_rating_summary(platform: Platform | int) -> dict[str, Any]:
    """For the platform page: count and average per dimension (1–5), and the overall average."""
    platform_id = platform if isinstance(platform, int) else platform.pk
    row = OrderRating.objects.filter(platform_id=platform_id).aggregate(
        count=Count("id"), **{score: Avg(score) for score in SCORES})
    averages = {score: _rounded(row[score]) for score in SCORES}
    present = [row[score] for score in SCORES if row[score] is not None]
    overall = _rounded(sum(present) / len(present)) if row["count"] and present else None
    return {"count": row["count"], **averages, "overall": overall}


def rating_averages_by_platform_year(*, platform_ids: list[int] | None = None,
                                     year: int | None = None) -> list[dict[str, Any]]:
    """For the evaluation: per platform and calendar year (Beijing time) of the rating, count and averages."""
    ratings = OrderRating.objects.all()
    if platform_ids is not None:
        ratings = ratings.filter(platform_id__in=platform_ids)
    rows = (ratings.annotate(year=ExtractYear("created_at")).values("platform_id", "year")
            .annotate(count=Count("id"), **{score: Avg(score) for score in SCORES})
            .order_by("platform_id", "year"))
    if year is not None:
        rows = rows.filter(year=year)
    result = []
    for values in rows:
        row: dict[str, Any] = dict(values)
        averages = {score: _rounded(row[score]) for score in SCORES}
        overall = _rounded(sum(row[score] for score in SCORES) / len(SCORES))
        result.append({"platform_id": row["platform_id"], "year": row["year"], "count": row["count"],
                       **averages, "overall": overall})
    return result


def ratings_for_platform(*, platform: Platform, limit: int = 20) -> QuerySet[OrderRating]:
    return OrderRating.objects.filter(platform=platform).select_related("order__customer")[:limit]


# --- pages ----------------------------------------------------------------------------------------

def week_grid(*, equipment: Equipment, week_start: datetime.date) -> dict[str, Any]:
    """A Monday-to-Sunday grid of hour cells: closed, free, booked or maintenance (Beijing time)."""
    from django.utils import timezone

    days = [week_start + datetime.timedelta(days=n) for n in range(7)]
    hours = opening_hours_for(equipment)
    first = min((row.opens.hour for row in hours), default=8)
    last = max((row.closes.hour + (1 if row.closes.minute else 0) for row in hours), default=18)
    start = timezone.make_aware(datetime.datetime.combine(days[0], datetime.time(0, 0)))
    slots = busy_slots(equipment=equipment, start=start, end=start + datetime.timedelta(days=7))
    rows = []
    for hour in range(first, last):
        cells = []
        for day in days:
            cell_start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))
            cell_end = cell_start + datetime.timedelta(hours=1)
            opening = [row for row in hours if row.weekday == day.weekday()]
            state = "free" if any(row.opens <= datetime.time(hour, 0) < row.closes for row in opening) else "closed"
            for slot in slots:
                if slot["start"] < cell_end and cell_start < slot["end"]:
                    state = "maintenance" if slot["kind"] == "maintenance" else "booked"
            cells.append({"day": day, "state": state})
        rows.append({"hour": hour, "cells": cells})
    return {"days": days, "rows": rows, "previous": week_start - datetime.timedelta(days=7),
            "next": week_start + datetime.timedelta(days=7)}


def order_actions_for_user(*, order: ServiceOrder, user) -> list[str]:
    """The transitions (and extra actions) this user may take on the order now, for the order page."""
    from django_fsm import has_transition_perm

    from .vouchers.services import VOUCHER_STATES

    actions = [name for name in ("quote", "contract", "start", "deliver", "reject_delivery", "accept", "cancel")
               if has_transition_perm(getattr(order, name), user)]
    if order.status in VOUCHER_STATES and user.organisation_id == order.customer_id:
        actions.append("voucher")
    if has_transition_perm(order.rate, user):
        actions.append("rate")
    rating = OrderRating.objects.filter(order=order).first()
    operator = user.role == Role.OPERATOR and user.organisation_id == order.platform.operator_id
    if rating is not None and rating.replied_at is None and operator:
        actions.append("reply")
    if order.status != "cancelled" and (operator or user.organisation_id == order.customer_id):
        # After acceptance only invoices can still be added (the service checks the kind).
        actions.append("upload")
    if _may_claim_redemption(order, user, operator):
        actions.append("redeem")
    return actions


def _may_claim_redemption(order: ServiceOrder, user, operator: bool) -> bool:
    """The claimant of the order's voucher part: 通兑 the platform's operator, 通用 the enterprise."""
    from pilothub.core.errors import DomainError

    from .vouchers.models import RedemptionStatus, VoucherUseStatus
    from .vouchers.services import REDEEMABLE_STATES, organisation_rule

    if order.status not in REDEEMABLE_STATES or order.contract_signed_on is None:
        return False
    if not order.voucher_uses.filter(status=VoucherUseStatus.APPLIED).exists():
        return False
    if order.redemptions.exclude(status=RedemptionStatus.RETURNED).exists():
        return False
    try:
        mode = organisation_rule(order.customer, order.contract_signed_on).mode
    except DomainError:
        return False
    return operator if mode == "tongdui" else user.organisation_id == order.customer_id


# --- availability settings (operators) ------------------------------------------------------------

def platforms_for_operator(*, user) -> QuerySet[Platform]:
    """The platforms the user operates (published or not), for the availability settings page."""
    if not (user.is_authenticated and user.role == Role.OPERATOR and user.organisation_id):
        return Platform.objects.none()
    return Platform.objects.filter(operator_id=user.organisation_id).select_related("region").order_by("name")


def platform_get_for_operator(*, platform_id: int, user) -> Platform:
    """The gate for availability settings: only the platform's own operators; anyone else 404."""
    platform = platforms_for_operator(user=user).filter(pk=platform_id).first()
    if platform is None:
        raise not_found("平台", "Platform")
    return platform


def maintenance_get_for_operator(*, block_id: int, user) -> MaintenanceBlock:
    block = (MaintenanceBlock.objects.select_related("equipment__platform__region")
             .filter(pk=block_id, equipment__platform__in=platforms_for_operator(user=user)).first())
    if block is None:
        raise not_found("维护时段", "Maintenance block")
    return block


def availability_for_platform(*, platform: Platform) -> dict[str, Any]:
    """A platform's cancellation rule, its default hours, and each instrument's own hours and
    upcoming maintenance blocks (three queries whatever the number of instruments)."""
    from django.utils import timezone

    equipment = list(Equipment.objects.filter(platform=platform, shareable=True).order_by("name"))
    hours = list(OpeningHours.objects.filter(platform=platform).order_by("weekday", "opens"))
    blocks = list(MaintenanceBlock.objects.filter(equipment__platform=platform, end__gt=timezone.now())
                  .order_by("start"))
    return {
        "platform": platform,
        "policy": booking_policy_for(platform),
        "default_hours": [row for row in hours if row.equipment_id is None],
        "equipment": [{"equipment": item,
                       "hours": [row for row in hours if row.equipment_id == item.pk],
                       "maintenance": [block for block in blocks if block.equipment_id == item.pk]}
                      for item in equipment],
    }
