"""Service orders (服务订单), equipment bookings (设备预约), attachments and ratings.

The order lifecycle is a django-fsm-2 state machine: the transitions below are the table of
allowed moves and who may make them; the services in services/ do the work around each move
(validation, audit, notifications). Vouchers (创新券) live in the `vouchers` subpackage.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition


class OrderStatus(models.TextChoices):
    INQUIRY = "inquiry", _("询价")
    QUOTED = "quoted", _("已报价")
    CONTRACTED = "contracted", _("已签约")
    IN_PROGRESS = "in_progress", _("服务中")
    DELIVERED = "delivered", _("已交付")
    ACCEPTED = "accepted", _("已验收")
    RATED = "rated", _("已评价")
    CANCELLED = "cancelled", _("已取消")


class OrderSource(models.TextChoices):
    DIRECT = "direct", _("直接询价")
    QUOTE = "quote", _("需求报价")
    BOOKING = "booking", _("设备预约")


def _is_platform_operator(order: Any, user: Any) -> bool:
    return bool(user.is_authenticated and user.role == "operator" and user.organisation_id is not None
                and user.organisation_id == order.platform.operator_id)


def _is_customer(order: Any, user: Any) -> bool:
    return bool(user.is_authenticated and user.organisation_id is not None
                and user.organisation_id == order.customer_id)


def _is_either_party(order: Any, user: Any) -> bool:
    return _is_platform_operator(order, user) or _is_customer(order, user)


class ServiceOrder(models.Model):
    platform = models.ForeignKey("platforms.Platform", verbose_name=_("平台"), on_delete=models.PROTECT,
                                 related_name="orders")
    customer = models.ForeignKey("accounts.Organisation", verbose_name=_("委托单位"), on_delete=models.PROTECT,
                                 related_name="orders")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("服务内容"), max_length=200)
    description = models.TextField(_("需求说明"), blank=True)
    # Only the transitions below change the status (services call them); never assign it.
    status = FSMField(_("状态"), max_length=16, choices=OrderStatus.choices, default=OrderStatus.INQUIRY,
                      db_index=True)
    source = models.CharField(_("来源"), max_length=16, choices=OrderSource.choices, default=OrderSource.DIRECT)
    # The demand quote or booking the order came from, as "<app.model>:<id>".
    source_ref = models.CharField(_("来源记录"), max_length=64, blank=True)
    # 对外开放: the customer is not the platform's own operating organisation. Set when the order
    # is made so later changes of ownership do not rewrite history.
    is_external = models.BooleanField(_("对外服务"), default=True)
    # What the contract buys: the service type (voucher rules say which count; the split check groups
    # by it) and, when the platform publishes a price for it, the test service and quantity.
    service_type = models.ForeignKey("platforms.ServiceType", verbose_name=_("服务类型"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    test_service = models.ForeignKey("platforms.TestService", verbose_name=_("检测服务"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("数量"), null=True, blank=True)
    quoted_amount = models.PositiveBigIntegerField(_("报价（元）"), null=True, blank=True)
    contract_amount = models.PositiveBigIntegerField(_("合同金额（元）"), null=True, blank=True)
    contract_signed_on = models.DateField(_("签约日期"), null=True, blank=True)
    planned_start = models.DateField(_("计划开始"), null=True, blank=True)
    planned_end = models.DateField(_("计划完成"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    delivered_at = models.DateTimeField(_("交付时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("验收时间"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    cancel_reason = models.TextField(_("取消原因"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["platform", "status"]), models.Index(fields=["customer", "status"]),
                   models.Index(fields=["contract_signed_on"])]
        verbose_name = _("服务订单")
        verbose_name_plural = _("服务订单")

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    # --- the transition table: source → target, and who may move it ---------------------------
    @transition(field=status, source=[OrderStatus.INQUIRY, OrderStatus.QUOTED], target=OrderStatus.QUOTED,
                permission=_is_platform_operator)
    def quote(self) -> None:
        """The platform quotes a price (again, if the customer asked for a new quote)."""

    @transition(field=status, source=OrderStatus.QUOTED, target=OrderStatus.CONTRACTED,
                permission=_is_platform_operator)
    def contract(self) -> None:
        """The platform records the signed contract (amount and dates)."""

    @transition(field=status, source=OrderStatus.CONTRACTED, target=OrderStatus.IN_PROGRESS,
                permission=_is_platform_operator)
    def start(self) -> None:
        """Work begins."""

    @transition(field=status, source=OrderStatus.IN_PROGRESS, target=OrderStatus.DELIVERED,
                permission=_is_platform_operator)
    def deliver(self) -> None:
        """The platform delivers its reports."""

    @transition(field=status, source=OrderStatus.DELIVERED, target=OrderStatus.IN_PROGRESS,
                permission=_is_customer)
    def reject_delivery(self) -> None:
        """The customer sends the delivery back for rework."""

    @transition(field=status, source=OrderStatus.DELIVERED, target=OrderStatus.ACCEPTED, permission=_is_customer)
    def accept(self) -> None:
        """The customer accepts the delivery (验收)."""

    @transition(field=status, source=OrderStatus.ACCEPTED, target=OrderStatus.RATED, permission=_is_customer)
    def rate(self) -> None:
        """The customer rated the service."""

    @transition(field=status, source=[OrderStatus.INQUIRY, OrderStatus.QUOTED, OrderStatus.CONTRACTED,
                                      OrderStatus.IN_PROGRESS],
                target=OrderStatus.CANCELLED, permission=_is_either_party)
    def cancel(self) -> None:
        """Either party withdraws before delivery."""


class AttachmentKind(models.TextChoices):
    CONTRACT = "contract", _("合同")
    DELIVERY_REPORT = "delivery_report", _("交付报告")
    INVOICE = "invoice", _("发票")
    OTHER = "other", _("其他")


def attachment_upload_to(instance: OrderAttachment, filename: str) -> str:
    # The stored name never comes from the client: the service passes "<uuid>.<sniffed ext>".
    return f"orders/{instance.order_id}/{filename}"


class OrderAttachment(models.Model):
    order = models.ForeignKey(ServiceOrder, verbose_name=_("订单"), on_delete=models.CASCADE,
                              related_name="attachments")
    kind = models.CharField(_("类型"), max_length=16, choices=AttachmentKind.choices)
    file = models.FileField(_("文件"), upload_to=attachment_upload_to, max_length=255)
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("文件格式"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("订单附件")
        verbose_name_plural = _("订单附件")

    def __str__(self) -> str:
        return self.original_name


class OrderRating(models.Model):
    """The customer's rating of an accepted order, and the platform's single reply."""

    order = models.OneToOneField(ServiceOrder, verbose_name=_("订单"), on_delete=models.CASCADE,
                                 related_name="rating")
    # Copied from the order so averages per platform need no join through orders.
    platform = models.ForeignKey("platforms.Platform", verbose_name=_("平台"), on_delete=models.CASCADE,
                                 related_name="ratings")
    quality = models.PositiveSmallIntegerField(_("服务质量"))
    timeliness = models.PositiveSmallIntegerField(_("及时性"))
    price = models.PositiveSmallIntegerField(_("价格"))
    communication = models.PositiveSmallIntegerField(_("沟通"))
    review = models.TextField(_("评价"), blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("评价人"), null=True,
                                 on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("评价时间"), default=timezone.now, db_index=True)
    reply = models.TextField(_("平台回复"), blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("回复人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    replied_at = models.DateTimeField(_("回复时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quality__gte=1, quality__lte=5, timeliness__gte=1, timeliness__lte=5,
                            price__gte=1, price__lte=5, communication__gte=1, communication__lte=5),
                name="rating_scores_1_to_5"),
        ]
        indexes = [models.Index(fields=["platform", "created_at"])]
        verbose_name = _("订单评价")
        verbose_name_plural = _("订单评价")

    def __str__(self) -> str:
        return f"{self.order_id}: {self.quality}/{self.timeliness}/{self.price}/{self.communication}"

    @property
    def overall(self) -> float:
        return (self.quality + self.timeliness + self.price + self.communication) / 4


# --- equipment availability and bookings ---------------------------------------------------------

class Weekday(models.IntegerChoices):
    MONDAY = 0, _("周一")
    TUESDAY = 1, _("周二")
    WEDNESDAY = 2, _("周三")
    THURSDAY = 3, _("周四")
    FRIDAY = 4, _("周五")
    SATURDAY = 5, _("周六")
    SUNDAY = 6, _("周日")


class OpeningHours(models.Model):
    """One opening interval on a weekday, in Beijing local time.

    Rows with an equipment belong to that instrument; rows without one are the platform's
    default, used for every instrument that has no rows of its own.
    """

    platform = models.ForeignKey("platforms.Platform", verbose_name=_("平台"), on_delete=models.CASCADE,
                                 related_name="opening_hours")
    equipment = models.ForeignKey("platforms.Equipment", verbose_name=_("设备"), null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("星期"), choices=Weekday.choices)
    opens = models.TimeField(_("开始时间"))
    closes = models.TimeField(_("结束时间"))

    class Meta:
        ordering = ["platform", "equipment", "weekday", "opens"]
        constraints = [models.CheckConstraint(condition=Q(closes__gt=models.F("opens")),
                                              name="opening_hours_closes_after_opens"),
                       models.CheckConstraint(condition=Q(weekday__gte=0, weekday__lte=6),
                                              name="opening_hours_weekday_range")]
        verbose_name = _("开放时间")
        verbose_name_plural = _("开放时间")

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class MaintenanceBlock(models.Model):
    equipment = models.ForeignKey("platforms.Equipment", verbose_name=_("设备"), on_delete=models.CASCADE,
                                  related_name="maintenance_blocks")
    start = models.DateTimeField(_("开始"))
    end = models.DateTimeField(_("结束"))
    reason = models.CharField(_("原因"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["equipment", "start"]
        constraints = [models.CheckConstraint(condition=Q(end__gt=models.F("start")),
                                              name="maintenance_end_after_start")]
        verbose_name = _("维护时段")
        verbose_name_plural = _("维护时段")

    def __str__(self) -> str:
        return f"{self.equipment_id} {self.start:%Y-%m-%d %H:%M}"


class LateCancellation(models.TextChoices):
    REFUSE = "refuse", _("截止后不可取消")
    ALLOW_MARKED = "allow_marked", _("截止后可取消，记为逾期取消")


class BookingPolicy(models.Model):
    """A platform's cancellation rule. A platform without a row uses the defaults below."""

    platform = models.OneToOneField("platforms.Platform", verbose_name=_("平台"), on_delete=models.CASCADE,
                                    related_name="booking_policy")
    free_cancel_hours = models.PositiveIntegerField(_("免费取消截止（开始前小时数）"), default=24)
    late_cancellation = models.CharField(_("截止后取消"), max_length=16, choices=LateCancellation.choices,
                                         default=LateCancellation.ALLOW_MARKED)
    max_advance_days = models.PositiveIntegerField(_("最多提前预约天数"), default=90)

    class Meta:
        verbose_name = _("预约取消规则")
        verbose_name_plural = _("预约取消规则")

    def __str__(self) -> str:
        return f"{self.platform_id}: {self.free_cancel_hours}h"


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已批准")
    DECLINED = "declined", _("已拒绝")
    CANCELLED = "cancelled", _("已取消")


# Statuses that hold the time slot: the no-overlap constraints (PostgreSQL exclusion constraint,
# SQLite triggers; see migration 0003) cover exactly these.
HOLDING_STATUSES = (BookingStatus.PENDING, BookingStatus.APPROVED)


class Booking(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    equipment = models.ForeignKey("platforms.Equipment", verbose_name=_("设备"), on_delete=models.PROTECT,
                                  related_name="bookings")
    customer = models.ForeignKey("accounts.Organisation", verbose_name=_("预约单位"), on_delete=models.PROTECT,
                                 related_name="bookings")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    order = models.ForeignKey(ServiceOrder, verbose_name=_("关联订单"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="bookings")
    start = models.DateTimeField(_("开始时间"))
    end = models.DateTimeField(_("结束时间"))
    purpose = models.CharField(_("用途"), max_length=500)
    status = models.CharField(_("状态"), max_length=16, choices=BookingStatus.choices,
                              default=BookingStatus.PENDING, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审批人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_reason = models.TextField(_("审批意见"), blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("取消人"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    cancel_reason = models.TextField(_("取消原因"), blank=True)
    cancelled_late = models.BooleanField(_("逾期取消"), default=False)
    created_at = models.DateTimeField(_("申请时间"), default=timezone.now)

    class Meta:
        ordering = ["start"]
        constraints = [models.CheckConstraint(condition=Q(end__gt=models.F("start")),
                                              name="booking_end_after_start")]
        indexes = [models.Index(fields=["equipment", "start"]), models.Index(fields=["customer", "start"])]
        verbose_name = _("设备预约")
        verbose_name_plural = _("设备预约")

    def __str__(self) -> str:
        return f"{self.equipment_id} {self.start:%Y-%m-%d %H:%M}"

    @property
    def holds_slot(self) -> bool:
        return self.status in HOLDING_STATUSES


# Voucher models live in their own subpackage; importing them here registers them with the app.
from .vouchers.models import (  # noqa: E402
    VoucherPaymentBatch,
    VoucherPlatform,
    VoucherRedemption,
    VoucherUse,
    VoucherWallet,
)

__all__ = ["AttachmentKind", "Booking", "BookingPolicy", "BookingStatus", "HOLDING_STATUSES", "LateCancellation",
           "MaintenanceBlock", "OpeningHours", "OrderAttachment", "OrderRating", "OrderSource", "OrderStatus",
           "ServiceOrder", "VoucherPaymentBatch", "VoucherPlatform", "VoucherRedemption", "VoucherUse",
           "VoucherWallet", "Weekday"]
