"""Voucher wallets, their use on orders, and which platforms accept vouchers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class VoucherWallet(models.Model):
    """An enterprise's voucher allowance for one year under one region's rule.

    `cap` is copied from the rule version in force when the wallet is opened (with its citation),
    so a later rule change does not rewrite an open year. The CHECK constraint is the last line
    of defence against over-spending; services also lock the row (select_for_update).
    """

    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("企业"), on_delete=models.PROTECT,
                                     related_name="voucher_wallets")
    rule_region = models.ForeignKey("regions.Region", verbose_name=_("政策地区"), on_delete=models.PROTECT,
                                    related_name="+")
    year = models.PositiveIntegerField(_("年度"))
    cap = models.PositiveBigIntegerField(_("年度额度（元）"))
    used_amount = models.PositiveBigIntegerField(_("已使用（元）"), default=0)
    citation = models.CharField(_("政策依据"), max_length=128)
    rule_effective_from = models.DateField(_("规则生效日期"))
    created_at = models.DateTimeField(_("开立时间"), default=timezone.now)

    class Meta:
        ordering = ["-year", "organisation"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "rule_region", "year"], name="one_wallet_per_year"),
            models.CheckConstraint(condition=Q(used_amount__lte=F("cap")), name="voucher_used_within_cap"),
            models.CheckConstraint(condition=Q(used_amount__gte=0), name="voucher_used_not_negative"),
        ]
        verbose_name = _("创新券额度")
        verbose_name_plural = _("创新券额度")

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year}: {self.used_amount}/{self.cap}"

    @property
    def remaining(self) -> int:
        return self.cap - self.used_amount


class VoucherUseStatus(models.TextChoices):
    APPLIED = "applied", _("已使用")
    RELEASED = "released", _("已退回")


class VoucherUse(models.Model):
    wallet = models.ForeignKey(VoucherWallet, verbose_name=_("额度"), on_delete=models.PROTECT, related_name="uses")
    order = models.ForeignKey("bookings.ServiceOrder", verbose_name=_("订单"), on_delete=models.PROTECT,
                              related_name="voucher_uses")
    # Copied from the order so government reports group by platform without joins.
    platform = models.ForeignKey("platforms.Platform", verbose_name=_("平台"), on_delete=models.PROTECT,
                                 related_name="voucher_uses")
    amount = models.PositiveBigIntegerField(_("金额（元）"))
    status = models.CharField(_("状态"), max_length=16, choices=VoucherUseStatus.choices,
                              default=VoucherUseStatus.APPLIED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("使用时间"), default=timezone.now)
    released_at = models.DateTimeField(_("退回时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="voucher_use_positive")]
        indexes = [models.Index(fields=["platform", "status"])]
        verbose_name = _("创新券使用")
        verbose_name_plural = _("创新券使用")

    def __str__(self) -> str:
        return f"{self.order_id}: {self.amount}"


class VoucherPlatform(models.Model):
    """Whether a platform accepts innovation vouchers; set by a reviewer governing its region."""

    platform = models.OneToOneField("platforms.Platform", verbose_name=_("平台"), on_delete=models.CASCADE,
                                    related_name="voucher_acceptance")
    accepts = models.BooleanField(_("接受创新券"), default=False)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("设置人"), null=True,
                               on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField(_("设置时间"), default=timezone.now)

    class Meta:
        verbose_name = _("创新券服务机构")
        verbose_name_plural = _("创新券服务机构")

    def __str__(self) -> str:
        return f"{self.platform_id}: {self.accepts}"


class VoucherMode(models.TextChoices):
    TONGYONG = "tongyong", _("通用")
    TONGDUI = "tongdui", _("通兑")


class RedemptionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    RETURNED = "returned", _("已退回")
    APPROVED = "approved", _("已核准")
    PAID = "paid", _("已拨付")


class VoucherPaymentBatch(models.Model):
    """One payment run: the approved redemptions paid together, with the bank/treasury reference."""

    rule_region = models.ForeignKey("regions.Region", verbose_name=_("政策地区"), on_delete=models.PROTECT,
                                    related_name="+")
    reference = models.CharField(_("拨付批次号"), max_length=64, unique=True)
    paid_on = models.DateField(_("拨付日期"))
    total = models.PositiveBigIntegerField(_("合计（元）"))
    note = models.CharField(_("备注"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("经办人"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        ordering = ["-paid_on", "-id"]
        verbose_name = _("创新券拨付批次")
        verbose_name_plural = _("创新券拨付批次")

    def __str__(self) -> str:
        return self.reference


class VoucherRedemption(models.Model):
    """A claim for the voucher part of one order, with its evidence, checks and the reviewer's decision.

    In 通兑 mode the platform's operator claims (and is paid); in 通用 mode the enterprise claims the
    reimbursement. A returned claim stays as history; the claimant submits a new one.
    """

    order = models.ForeignKey("bookings.ServiceOrder", verbose_name=_("订单"), on_delete=models.PROTECT,
                              related_name="redemptions")
    mode = models.CharField(_("兑付模式"), max_length=16, choices=VoucherMode.choices)
    amount = models.PositiveBigIntegerField(_("兑付金额（元）"))
    payee = models.ForeignKey("accounts.Organisation", verbose_name=_("收款单位"), on_delete=models.PROTECT,
                              related_name="+")
    rule_region = models.ForeignKey("regions.Region", verbose_name=_("政策地区"), on_delete=models.PROTECT,
                                    related_name="+")
    rule_trace = models.JSONField(_("政策依据"), default=dict)
    # Attachment ids per kind: {"contract": [..], "delivery_report": [..], "invoice": [..]}.
    evidence = models.JSONField(_("证明材料"), default=dict)
    # The checks as they stood at submission and when the reviewer decided (rule, explanation, records).
    flags_at_submission = models.JSONField(_("提交时风险提示"), default=list)
    flags_at_decision = models.JSONField(_("审核时风险提示"), default=list)
    status = models.CharField(_("状态"), max_length=16, choices=RedemptionStatus.choices,
                              default=RedemptionStatus.SUBMITTED, db_index=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_note = models.TextField(_("审核意见"), blank=True)
    batch = models.ForeignKey(VoucherPaymentBatch, verbose_name=_("拨付批次"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="redemptions")

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["order"], condition=~Q(status="returned"),
                                    name="one_live_redemption_per_order"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="redemption_amount_positive"),
        ]
        verbose_name = _("创新券兑付申请")
        verbose_name_plural = _("创新券兑付申请")

    def __str__(self) -> str:
        return f"#{self.pk} {self.order_id}: {self.amount}"
