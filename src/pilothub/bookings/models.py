"""Service orders (服务订单). Equipment bookings, vouchers and ratings build on these."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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


class ServiceOrder(models.Model):
    platform = models.ForeignKey("platforms.Platform", verbose_name=_("平台"), on_delete=models.PROTECT,
                                 related_name="orders")
    customer = models.ForeignKey("accounts.Organisation", verbose_name=_("委托单位"), on_delete=models.PROTECT,
                                 related_name="orders")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("服务内容"), max_length=200)
    description = models.TextField(_("需求说明"), blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=OrderStatus.choices, default=OrderStatus.INQUIRY,
                              db_index=True)
    source = models.CharField(_("来源"), max_length=16, choices=OrderSource.choices, default=OrderSource.DIRECT)
    # The demand quote or booking the order came from, as "<app.model>:<id>".
    source_ref = models.CharField(_("来源记录"), max_length=64, blank=True)
    # 对外开放: the customer is not the platform's own operating organisation. Set when the order
    # is made so later changes of ownership do not rewrite history.
    is_external = models.BooleanField(_("对外服务"), default=True)
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

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["platform", "status"]), models.Index(fields=["customer", "status"]),
                   models.Index(fields=["contract_signed_on"])]
        verbose_name = _("服务订单")
        verbose_name_plural = _("服务订单")

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"
