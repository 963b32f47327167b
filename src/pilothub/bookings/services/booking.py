"""Writes for equipment bookings and the availability data they are checked against.

No double booking is guaranteed by the database (migration 0003: an exclusion constraint on
PostgreSQL, triggers on SQLite). The overlap check here only gives a friendlier message first;
when two requests race, the constraint decides and the loser gets the same 409.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from pilothub.accounts.models import Role, User
from pilothub.core.audit import audit_record, model_snapshot
from pilothub.core.errors import Conflict, DomainError, forbidden
from pilothub.core.notifications import notify
from pilothub.core.validation import raise_first_validation_error
from pilothub.platforms.models import Equipment, Platform, PlatformStatus

from ..events import BookingAuditAction
from ..models import (
    HOLDING_STATUSES,
    Booking,
    BookingPolicy,
    BookingStatus,
    LateCancellation,
    MaintenanceBlock,
    OpeningHours,
    OrderSource,
    OrderStatus,
    ServiceOrder,
)
from ..selectors import booking_policy_for, opening_hours_for

OVERLAP_CONSTRAINT = "booking_no_overlap"


def _overlap_error() -> Conflict:
    return Conflict("booking_overlap", "该时段已被预约（含待审批的预约），请选择其他时段",
                    "The slot overlaps an approved or pending booking", field="start")


def is_platform_operator(user: User, platform: Platform) -> bool:
    return bool(user.is_authenticated and user.role == Role.OPERATOR and user.organisation_id is not None
                and user.organisation_id == platform.operator_id)


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment)


def _check_within_opening_hours(equipment: Equipment, start: datetime.datetime, end: datetime.datetime) -> None:
    hours = opening_hours_for(equipment)
    local_start, local_end = _local(start), _local(end)
    fits = local_start.date() == local_end.date() and any(
        row.weekday == local_start.weekday() and row.opens <= local_start.time() and local_end.time() <= row.closes
        for row in hours)
    # A booking ending exactly at midnight closing ("24:00") is not representable; opening hours end ≤ 23:59.
    if not fits:
        if not hours:
            raise DomainError("no_opening_hours", "该设备尚未设置开放时间，暂不接受预约",
                              "The equipment has no opening hours yet", field="start")
        raise DomainError("outside_opening_hours", "预约时段不在设备开放时间内（须在同一天的开放时段内）",
                          "The slot is outside the equipment's opening hours", field="start")


def _aware(value: datetime.datetime, field: str) -> datetime.datetime:
    if not isinstance(value, datetime.datetime):
        raise DomainError("invalid_datetime", "时间格式不正确", "Invalid date-time", field=field)
    if timezone.is_naive(value):
        # A time without offset is read as Beijing time, the time users see on every page.
        value = timezone.make_aware(value)
    return value


@transaction.atomic
def booking_create(*, equipment: Equipment, actor: User, start: datetime.datetime, end: datetime.datetime,
                   purpose: str, order: ServiceOrder | None = None) -> Booking:
    """An enterprise user requests a time slot; it holds the slot while pending."""
    if not (actor.is_authenticated and actor.can_publish):
        raise forbidden("预约设备（单位须通过审核）", "book equipment (your organisation must be approved)")
    platform = equipment.platform
    if not (equipment.shareable and equipment.is_active and platform.status == PlatformStatus.PUBLISHED):
        raise DomainError("equipment_not_shareable", "该设备不对外共享，不能预约", "The equipment is not shareable",
                          field="equipment")
    start, end = _aware(start, "start"), _aware(end, "end")
    if end <= start:
        raise DomainError("invalid_range", "结束时间必须晚于开始时间", "The end must be after the start", field="end")
    now = timezone.now()
    if start < now:
        raise DomainError("start_in_past", "开始时间不能早于当前时间", "The start is in the past", field="start")
    policy = booking_policy_for(platform)
    if start > now + datetime.timedelta(days=policy.max_advance_days):
        raise DomainError("too_far_ahead", f"最多可提前 {policy.max_advance_days} 天预约",
                          f"Bookings open at most {policy.max_advance_days} days ahead", field="start")
    _check_within_opening_hours(equipment, start, end)
    if MaintenanceBlock.objects.filter(equipment=equipment, start__lt=end, end__gt=start).exists():
        raise DomainError("in_maintenance", "该时段设备维护中，不能预约", "The equipment is under maintenance then",
                          field="start")
    if not purpose.strip():
        raise DomainError("required", "请填写预约用途", "A purpose is required", field="purpose")
    if order is not None and not (order.platform_id == platform.pk and order.customer_id == actor.organisation_id
                                  and order.status not in (OrderStatus.CANCELLED, OrderStatus.RATED,
                                                           OrderStatus.ACCEPTED)):
        raise DomainError("invalid_order", "只能关联本单位在该平台进行中的订单",
                          "Only an open order of your organisation with this platform can be linked", field="order")
    if Booking.objects.filter(equipment=equipment, status__in=HOLDING_STATUSES, start__lt=end, end__gt=start).exists():
        raise _overlap_error()
    booking = Booking(equipment=equipment, customer=actor.organisation, requested_by=actor, order=order,
                      start=start, end=end, purpose=purpose.strip())
    raise_first_validation_error(booking)
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as error:
        if OVERLAP_CONSTRAINT in str(error):
            raise _overlap_error()
        raise
    except OperationalError as error:
        # Two overlapping inserts can each wait for the other's exclusion-constraint check;
        # PostgreSQL breaks the cycle by aborting one (deadlock, SQLSTATE 40P01). That request
        # lost the race for the slot, which is an overlap like any other.
        if getattr(error.__cause__, "sqlstate", None) == "40P01":
            raise _overlap_error()
        raise
    audit_record(actor=actor, action=BookingAuditAction.BOOKING_REQUEST, obj=booking,
                 region_path=platform.region.path, after=model_snapshot(booking))
    operators = User.objects.filter(organisation_id=platform.operator_id, role=Role.OPERATOR, is_active=True)
    notify(recipients=operators, title=f"新的设备预约申请：{equipment.name}",
           body=f"{_local(start):%Y-%m-%d %H:%M}–{_local(end):%H:%M} {booking.purpose}", url="/bookings/queue/")
    return booking


def _locked_booking(booking: Booking) -> Booking:
    return Booking.objects.select_for_update().select_related("equipment__platform__region").get(pk=booking.pk)


@transaction.atomic
def booking_approve(*, booking: Booking, actor: User, note: str = "") -> Booking:
    """The operator approves; a booking made outside any order opens one (source="booking")."""
    from .order import order_create

    booking = _locked_booking(booking)
    platform = booking.equipment.platform
    if not is_platform_operator(actor, platform):
        raise forbidden("审批该预约", "decide on this booking")
    if booking.status != BookingStatus.PENDING:
        raise Conflict("invalid_state", "只能审批待审批的预约", "Only pending bookings can be approved", field="status")
    before = model_snapshot(booking)
    booking.status = BookingStatus.APPROVED
    booking.decided_by, booking.decided_at, booking.decision_reason = actor, timezone.now(), note.strip()
    if booking.order_id is None:
        booking.order = order_create(
            platform=platform, customer=booking.customer, actor=actor, title=f"设备预约：{booking.equipment.name}",
            description=booking.purpose, source=OrderSource.BOOKING, source_ref=f"bookings.booking:{booking.pk}")
    booking.save()
    audit_record(actor=actor, action=BookingAuditAction.BOOKING_APPROVE, obj=booking,
                 region_path=platform.region.path, before=before, after=model_snapshot(booking), note=note)
    _notify_customer(booking, f"设备预约已批准：{booking.equipment.name}", note)
    return booking


@transaction.atomic
def booking_decline(*, booking: Booking, actor: User, reason: str) -> Booking:
    booking = _locked_booking(booking)
    platform = booking.equipment.platform
    if not is_platform_operator(actor, platform):
        raise forbidden("审批该预约", "decide on this booking")
    if booking.status != BookingStatus.PENDING:
        raise Conflict("invalid_state", "只能拒绝待审批的预约", "Only pending bookings can be declined", field="status")
    if not reason.strip():
        raise DomainError("required", "拒绝预约须说明理由", "A reason is required to decline", field="reason")
    before = model_snapshot(booking)
    booking.status = BookingStatus.DECLINED
    booking.decided_by, booking.decided_at, booking.decision_reason = actor, timezone.now(), reason.strip()
    booking.save()
    audit_record(actor=actor, action=BookingAuditAction.BOOKING_DECLINE, obj=booking,
                 region_path=platform.region.path, before=before, after=model_snapshot(booking), note=reason)
    _notify_customer(booking, f"设备预约未获批准：{booking.equipment.name}", reason)
    return booking


def cancellation_deadline(booking: Booking, policy: BookingPolicy) -> datetime.datetime:
    return booking.start - datetime.timedelta(hours=policy.free_cancel_hours)


@transaction.atomic
def booking_cancel(*, booking: Booking, actor: User, reason: str) -> Booking:
    """Either side cancels before the slot starts, under the platform's cancellation rule.

    The customer cancels freely until `free_cancel_hours` before the start; after that the
    platform's rule either refuses or records a late cancellation. The operator may always cancel
    a future slot (e.g. instrument failure) but must give a reason.
    """
    booking = _locked_booking(booking)
    platform = booking.equipment.platform
    operator = is_platform_operator(actor, platform)
    customer = actor.is_authenticated and actor.organisation_id == booking.customer_id
    if not (operator or customer):
        raise forbidden("取消该预约", "cancel this booking")
    if booking.status not in HOLDING_STATUSES:
        raise Conflict("invalid_state", "该预约已结束审批流程，不能取消", "The booking cannot be cancelled any more",
                       field="status")
    now = timezone.now()
    if booking.start <= now:
        raise DomainError("already_started", "预约时段已开始，不能取消", "The slot has already started", field="status")
    if operator and not reason.strip():
        raise DomainError("required", "平台取消预约须说明理由", "The platform must give a reason", field="reason")
    late = False
    if customer and not operator:
        policy = booking_policy_for(platform)
        if now > cancellation_deadline(booking, policy):
            if policy.late_cancellation == LateCancellation.REFUSE:
                raise DomainError(
                    "cancellation_too_late",
                    f"开始前 {policy.free_cancel_hours} 小时内不可取消，请联系平台",
                    f"Bookings cannot be cancelled within {policy.free_cancel_hours} hours of the start",
                    field="status")
            late = True
    before = model_snapshot(booking)
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_by, booking.cancelled_at = actor, now
    booking.cancel_reason, booking.cancelled_late = reason.strip(), late
    booking.save()
    audit_record(actor=actor, action=BookingAuditAction.BOOKING_CANCEL, obj=booking,
                 region_path=platform.region.path, before=before, after=model_snapshot(booking),
                 note=("逾期取消 " if late else "") + reason)
    if operator:
        _notify_customer(booking, f"平台已取消您的设备预约：{booking.equipment.name}", reason)
    else:
        operators = User.objects.filter(organisation_id=platform.operator_id, role=Role.OPERATOR, is_active=True)
        notify(recipients=operators, title=f"设备预约已被取消：{booking.equipment.name}", body=reason,
               url="/bookings/queue/")
    return booking


def booking_cancel_for_order(*, order: ServiceOrder, actor: User, statuses: Iterable[str]) -> int:
    """Free the future slots of a cancelled order (runs inside order_cancel's transaction)."""
    count = 0
    now = timezone.now()
    for booking in order.bookings.select_for_update().filter(status__in=list(statuses), start__gt=now):
        before = model_snapshot(booking)
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_by, booking.cancelled_at, booking.cancel_reason = actor, now, "订单已取消"
        booking.save()
        audit_record(actor=actor, action=BookingAuditAction.BOOKING_CANCEL, obj=booking,
                     region_path=order.platform.region.path, before=before, after=model_snapshot(booking),
                     note="order cancelled")
        count += 1
    return count


def _notify_customer(booking: Booking, title: str, body: str) -> None:
    recipients = User.objects.filter(organisation_id=booking.customer_id, is_active=True)
    notify(recipients=recipients, title=title, body=body, url="/bookings/mine/")


# --- availability data (operators) ---------------------------------------------------------------

def _require_operator(actor: User, platform: Platform) -> None:
    if not is_platform_operator(actor, platform):
        raise forbidden("修改该平台的开放设置", "change this platform's availability settings")


@transaction.atomic
def opening_hours_set(*, platform: Platform, actor: User, rows: list[tuple[int, datetime.time, datetime.time]],
                      equipment: Equipment | None = None) -> list[OpeningHours]:
    """Replace the weekly opening hours of an instrument (or the platform default when equipment is None)."""
    _require_operator(actor, platform)
    if equipment is not None and equipment.platform_id != platform.pk:
        raise DomainError("invalid_equipment", "设备不属于该平台", "The equipment is not on this platform",
                          field="equipment")
    new_rows = [OpeningHours(platform=platform, equipment=equipment, weekday=weekday, opens=opens, closes=closes)
                for weekday, opens, closes in rows]
    for row in new_rows:
        if not (isinstance(row.weekday, int) and 0 <= row.weekday <= 6):
            raise DomainError("invalid_weekday", "星期须为 0（周一）到 6（周日）", "The weekday must be 0 (Monday) to 6",
                              field="weekday")
        if row.closes <= row.opens:
            raise DomainError("invalid_range", "结束时间必须晚于开始时间", "Closing must be after opening",
                              field="closes")
        raise_first_validation_error(row, exclude=["platform", "equipment"])
    by_day = sorted(new_rows, key=lambda r: (r.weekday, r.opens))
    for first, second in zip(by_day, by_day[1:], strict=False):
        if first.weekday == second.weekday and second.opens < first.closes:
            raise DomainError("hours_overlap", f"{second.get_weekday_display()}的开放时段相互重叠，请合并后再保存",
                              "Opening intervals of the same weekday overlap", field="opens")
    existing = OpeningHours.objects.filter(platform=platform, equipment=equipment)
    before = {"rows": [str(row) for row in existing]}
    existing.delete()
    created = OpeningHours.objects.bulk_create(new_rows)
    audit_record(actor=actor, action=BookingAuditAction.AVAILABILITY_SET, obj=equipment or platform,
                 region_path=platform.region.path, before=before, after={"rows": [str(row) for row in created]})
    return created


@transaction.atomic
def maintenance_block_add(*, equipment: Equipment, actor: User, start: datetime.datetime, end: datetime.datetime,
                          reason: str = "") -> MaintenanceBlock:
    platform = equipment.platform
    _require_operator(actor, platform)
    start, end = _aware(start, "start"), _aware(end, "end")
    if end <= start:
        raise DomainError("invalid_range", "结束时间必须晚于开始时间", "The end must be after the start", field="end")
    if end <= timezone.now():
        raise DomainError("end_in_past", "维护时段已结束，无需登记", "The maintenance period is already over", field="end")
    if end - start > datetime.timedelta(days=366):
        raise DomainError("range_too_long", "单个维护时段不能超过一年", "A maintenance block may last at most a year",
                          field="end")
    if MaintenanceBlock.objects.filter(equipment=equipment, start__lt=end, end__gt=start).exists():
        raise DomainError("maintenance_overlap", "与已登记的维护时段重叠", "Overlaps an existing maintenance block",
                          field="start")
    block = MaintenanceBlock(equipment=equipment, start=start, end=end, reason=reason.strip(), created_by=actor)
    raise_first_validation_error(block)
    block.save()
    audit_record(actor=actor, action=BookingAuditAction.MAINTENANCE_ADD, obj=block, region_path=platform.region.path,
                 after=model_snapshot(block))
    return block


def maintenance_conflicts(block: MaintenanceBlock) -> list[Booking]:
    """Holding bookings inside a maintenance block: the operator decides on each (decision 0601)."""
    return list(Booking.objects.filter(equipment_id=block.equipment_id, status__in=HOLDING_STATUSES,
                                       start__lt=block.end, end__gt=block.start).select_related("customer"))


@transaction.atomic
def maintenance_block_delete(*, block: MaintenanceBlock, actor: User) -> None:
    platform = block.equipment.platform
    _require_operator(actor, platform)
    before, label, repr_ = model_snapshot(block), block._meta.label_lower, str(block)
    block_id = block.pk
    block.delete()
    audit_record(actor=actor, action=BookingAuditAction.MAINTENANCE_DELETE, object_type=label,
                 object_id=str(block_id), object_repr=repr_, region_path=platform.region.path, before=before)


MAX_FREE_CANCEL_HOURS = 24 * 30
MAX_ADVANCE_DAYS = 366


@transaction.atomic
def booking_policy_set(*, platform: Platform, actor: User, free_cancel_hours: int, late_cancellation: str,
                       max_advance_days: int = 90) -> BookingPolicy:
    _require_operator(actor, platform)
    if isinstance(free_cancel_hours, bool) or not isinstance(free_cancel_hours, int) or not (
            0 <= free_cancel_hours <= MAX_FREE_CANCEL_HOURS):
        raise DomainError("invalid_hours", f"免费取消截止须为 0 到 {MAX_FREE_CANCEL_HOURS} 小时",
                          f"free_cancel_hours must be 0 to {MAX_FREE_CANCEL_HOURS}", field="free_cancel_hours")
    if late_cancellation not in LateCancellation.values:
        raise DomainError("invalid_choice", "截止后取消规则不正确", "Unknown late-cancellation rule",
                          field="late_cancellation")
    if isinstance(max_advance_days, bool) or not isinstance(max_advance_days, int) or not (
            1 <= max_advance_days <= MAX_ADVANCE_DAYS):
        raise DomainError("invalid_days", f"最多提前预约天数须为 1 到 {MAX_ADVANCE_DAYS} 天",
                          f"max_advance_days must be 1 to {MAX_ADVANCE_DAYS}", field="max_advance_days")
    policy = BookingPolicy.objects.filter(platform=platform).first() or BookingPolicy(platform=platform)
    before = model_snapshot(policy) if policy.pk else None
    policy.free_cancel_hours, policy.late_cancellation = free_cancel_hours, late_cancellation
    policy.max_advance_days = max_advance_days
    raise_first_validation_error(policy)
    policy.save()
    audit_record(actor=actor, action=BookingAuditAction.BOOKING_POLICY_SET, obj=policy,
                 region_path=platform.region.path, before=before, after=model_snapshot(policy))
    return policy
