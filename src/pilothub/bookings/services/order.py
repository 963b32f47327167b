"""Writes for service orders: creation and every lifecycle transition."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed, has_transition_perm

from pilothub.accounts.models import Organisation, Role, User
from pilothub.core.audit import AuditAction, audit_record, model_snapshot
from pilothub.core.errors import Conflict, DomainError, forbidden
from pilothub.core.notifications import notify
from pilothub.core.validation import raise_first_validation_error
from pilothub.platforms.models import Platform, PlatformStatus

from ..events import BookingAuditAction
from ..models import AttachmentKind, BookingStatus, OrderSource, OrderStatus, ServiceOrder

TRANSITION_LABELS = {
    "quote": ("报价", "quote"),
    "contract": ("签约", "record the contract"),
    "start": ("开始服务", "start the work"),
    "deliver": ("交付", "deliver"),
    "reject_delivery": ("退回交付", "send the delivery back"),
    "accept": ("验收", "accept the delivery"),
    "rate": ("评价", "rate the order"),
    "cancel": ("取消订单", "cancel the order"),
}


@transaction.atomic
def order_create(*, platform: Platform, customer: Organisation, actor: User | None, title: str,
                 description: str = "", source: str = OrderSource.DIRECT, source_ref: str = "",
                 quoted_amount: int | None = None, status: str = OrderStatus.INQUIRY) -> ServiceOrder:
    """Open a service order between a customer organisation and a platform."""
    if platform.status != PlatformStatus.PUBLISHED:
        raise DomainError("platform_not_published", "该平台当前未发布，不能下单", "The platform is not published",
                          field="platform")
    if not title.strip():
        raise DomainError("required", "请填写服务内容", "A title is required", field="title")
    order = ServiceOrder(platform=platform, customer=customer, created_by=actor, title=title.strip(),
                         description=description, source=source, source_ref=source_ref,
                         quoted_amount=quoted_amount, status=status,
                         is_external=customer.pk != platform.operator_id)
    raise_first_validation_error(order)
    order.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=order, region_path=platform.region.path,
                 after=model_snapshot(order))
    return order


def order_parties(order: ServiceOrder) -> tuple[list[User], list[User]]:
    """(platform operators, customer users) to notify."""
    operators = list(User.objects.filter(organisation_id=order.platform.operator_id, role=Role.OPERATOR,
                                         is_active=True))
    customers = list(User.objects.filter(organisation_id=order.customer_id, is_active=True))
    return operators, customers


def _locked(order: ServiceOrder) -> ServiceOrder:
    # Serialise transitions of one order: the second of two simultaneous clicks sees the new state.
    return ServiceOrder.objects.select_for_update().select_related("platform__region", "customer").get(pk=order.pk)


def _check_transition(order: ServiceOrder, name: str, actor: User) -> None:
    zh, en = TRANSITION_LABELS[name]
    bound = getattr(order, name)
    if not can_proceed(bound):
        raise Conflict("invalid_transition", f"订单当前状态为「{order.get_status_display()}」，不能{zh}",
                       f"The order is {order.status}; cannot {en}", field="status")
    if not has_transition_perm(bound, actor):
        raise forbidden(zh, en)


def _apply(order: ServiceOrder, name: str, actor: User, *, note: str = "", notify_title: str = "") -> ServiceOrder:
    """Run the transition, save, audit, and tell the other party (after commit, by e-mail)."""
    before = model_snapshot(order)
    getattr(order, name)()
    raise_first_validation_error(order)
    order.save()
    audit_record(actor=actor, action=BookingAuditAction.ORDER_TRANSITION, obj=order,
                 region_path=order.platform.region.path, before=before, after=model_snapshot(order),
                 note=f"{name}: {note}".strip().rstrip(":"))
    operators, customers = order_parties(order)
    recipients = [u for u in operators + customers if u.pk != actor.pk]
    notify(recipients=recipients, title=notify_title or f"订单 #{order.pk} 状态更新：{order.get_status_display()}",
           body=f"{order.title}\n{note}".strip(), url=f"/bookings/orders/{order.pk}/")
    return order


def _positive_amount(value: int | None, field: str, zh: str) -> int:
    if value is None or isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise DomainError("invalid_amount", f"{zh}必须是大于 0 的整数（元）", f"{field} must be a positive integer (yuan)",
                          field=field)
    return value


@transaction.atomic
def order_quote(*, order: ServiceOrder, actor: User, amount: int, note: str = "") -> ServiceOrder:
    order = _locked(order)
    _check_transition(order, "quote", actor)
    order.quoted_amount = _positive_amount(amount, "amount", "报价")
    return _apply(order, "quote", actor, note=note)


@transaction.atomic
def order_contract(*, order: ServiceOrder, actor: User, amount: int, signed_on: datetime.date,
                   planned_start: datetime.date | None = None,
                   planned_end: datetime.date | None = None, service_type_code: str | None = None,
                   test_service_id: int | None = None, quantity: int | None = None) -> ServiceOrder:
    order = _locked(order)
    _check_transition(order, "contract", actor)
    order.contract_amount = _positive_amount(amount, "amount", "合同金额")
    if signed_on is None:
        raise DomainError("required", "请填写签约日期", "The signing date is required", field="signed_on")
    if signed_on > timezone.localdate():
        raise DomainError("signed_in_future", "签约日期不能晚于今天", "The signing date cannot be in the future",
                          field="signed_on")
    if planned_start and planned_end and planned_end < planned_start:
        raise DomainError("invalid_range", "计划完成日期不能早于计划开始日期", "The planned end is before the start",
                          field="planned_end")
    order.contract_signed_on, order.planned_start, order.planned_end = signed_on, planned_start, planned_end
    _set_contracted_service(order, service_type_code, test_service_id, quantity)
    return _apply(order, "contract", actor, note=f"合同金额 {amount} 元")


def _set_contracted_service(order: ServiceOrder, service_type_code: str | None, test_service_id: int | None,
                            quantity: int | None) -> None:
    """What the contract buys: a service type, and optionally one of the platform's priced test services."""
    from pilothub.platforms.models import ServiceType, TestService

    if service_type_code:
        service_type = ServiceType.objects.filter(pk=service_type_code).first()
        if service_type is None:
            raise DomainError("invalid_service_type", "服务类型不存在", "Unknown service type", field="service_type")
        order.service_type = service_type
    if test_service_id is not None:
        test_service = TestService.objects.filter(pk=test_service_id, platform_id=order.platform_id).first()
        if test_service is None:
            raise DomainError("invalid_test_service", "检测服务不属于该平台", "The test service is not on this platform",
                              field="test_service")
        order.test_service = test_service
        if quantity is None:
            quantity = 1
    if quantity is not None:
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
            raise DomainError("invalid_quantity", "数量必须是大于 0 的整数", "The quantity must be a positive integer",
                              field="quantity")
        order.quantity = quantity


@transaction.atomic
def order_start(*, order: ServiceOrder, actor: User) -> ServiceOrder:
    order = _locked(order)
    _check_transition(order, "start", actor)
    return _apply(order, "start", actor)


@transaction.atomic
def order_deliver(*, order: ServiceOrder, actor: User, note: str = "") -> ServiceOrder:
    order = _locked(order)
    _check_transition(order, "deliver", actor)
    if not order.attachments.filter(kind=AttachmentKind.DELIVERY_REPORT).exists():
        raise DomainError("report_required", "交付前请先上传交付报告", "Upload the delivery report before delivering",
                          field="file")
    order.delivered_at = timezone.now()
    return _apply(order, "deliver", actor, note=note)


@transaction.atomic
def order_reject_delivery(*, order: ServiceOrder, actor: User, reason: str) -> ServiceOrder:
    order = _locked(order)
    _check_transition(order, "reject_delivery", actor)
    if not reason.strip():
        raise DomainError("required", "请说明退回原因", "A reason is required", field="reason")
    order.delivered_at = None
    return _apply(order, "reject_delivery", actor, note=reason.strip())


@transaction.atomic
def order_accept(*, order: ServiceOrder, actor: User) -> ServiceOrder:
    order = _locked(order)
    _check_transition(order, "accept", actor)
    order.accepted_at = timezone.now()
    return _apply(order, "accept", actor)


@transaction.atomic
def order_cancel(*, order: ServiceOrder, actor: User, reason: str) -> ServiceOrder:
    """Either party cancels before delivery: vouchers go back to the wallet, future slots are freed."""
    from ..vouchers.services import voucher_release_for_order
    from .booking import booking_cancel_for_order

    order = _locked(order)
    _check_transition(order, "cancel", actor)
    if not reason.strip():
        raise DomainError("required", "请说明取消原因", "A reason is required", field="reason")
    order.cancelled_at = timezone.now()
    order.cancel_reason = reason.strip()
    _apply(order, "cancel", actor, note=reason.strip())
    voucher_release_for_order(order=order, actor=actor)
    booking_cancel_for_order(order=order, actor=actor, statuses=(BookingStatus.PENDING, BookingStatus.APPROVED))
    return order


def order_mark_rated(*, order: ServiceOrder, actor: User) -> ServiceOrder:
    """Called by rating_create inside its transaction."""
    _check_transition(order, "rate", actor)
    return _apply(order, "rate", actor)
