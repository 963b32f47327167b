"""Writes for innovation vouchers: applying an amount to an order, releasing it, platform acceptance.

The yearly cap holds under concurrency: the wallet row is locked (SELECT … FOR UPDATE on
PostgreSQL; SQLite's IMMEDIATE transactions serialise writers) before the remaining amount is
read, and the CHECK constraint used_amount <= cap rejects anything that slipped through.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from pilothub.accounts.models import Organisation, User
from pilothub.accounts.scoping import user_governs_path
from pilothub.core.audit import audit_record, model_snapshot
from pilothub.core.errors import Conflict, DomainError, forbidden, not_found
from pilothub.platforms.models import Platform
from pilothub.regions.models import Region

from ..events import BookingAuditAction
from ..models import OrderStatus, ServiceOrder
from .models import VoucherPlatform, VoucherUse, VoucherUseStatus, VoucherWallet
from .rules import RuleVersion, is_eligible, rule_for

# Orders take vouchers between contract and delivery; the amount is part of paying the contract.
VOUCHER_STATES = (OrderStatus.CONTRACTED, OrderStatus.IN_PROGRESS)


def organisation_rule(organisation: Organisation, on: datetime.date) -> RuleVersion:
    """The rule in force for the organisation's region (or its nearest ancestor with a rule)."""
    codes = [code for code in reversed(organisation.region.path.strip("/").split("/"))]
    lookup = rule_for(region_codes=codes, on=on)
    if lookup.version is None:
        if lookup.reason == "not_in_force":
            raise DomainError("voucher_not_in_force", f"{on:%Y-%m-%d} 当地创新券政策尚未生效",
                              f"No voucher rule is in force on {on:%Y-%m-%d}", field="amount")
        raise DomainError("voucher_no_rule", "所在地区没有创新券政策", "No voucher rule covers the region",
                          field="amount")
    return lookup.version


def _facts(organisation: Organisation) -> dict[str, bool]:
    return {"is_tech_sme": organisation.is_tech_sme, "is_sme": organisation.is_sme}


def wallet_for(*, organisation: Organisation, year: int, version: RuleVersion) -> VoucherWallet:
    """The organisation's wallet for the year, opened with the rule's cap on first use."""
    wallet, _created = VoucherWallet.objects.get_or_create(
        organisation=organisation, rule_region_id=version.region, year=year,
        defaults={"cap": version.yearly_cap, "citation": version.citation,
                  "rule_effective_from": version.effective_from})
    return wallet


def platform_accepts_vouchers(platform: Platform) -> bool:
    return VoucherPlatform.objects.filter(platform=platform, accepts=True).exists()


def _cap_error(remaining: int) -> Conflict:
    return Conflict("voucher_cap_exceeded", f"超出本年度创新券可用额度（剩余 {remaining} 元）",
                    f"The yearly voucher allowance would be exceeded ({remaining} yuan left)", field="amount")


@transaction.atomic
def voucher_apply(*, order: ServiceOrder, actor: User, amount: int) -> VoucherUse:
    """The customer pays part of a contracted order with innovation vouchers."""
    order = ServiceOrder.objects.select_for_update().select_related("platform__region", "customer__region").get(
        pk=order.pk)
    customer = order.customer
    if not (actor.is_authenticated and actor.organisation_id == customer.pk):
        raise forbidden("为该订单使用创新券", "use vouchers on this order")
    if order.status not in VOUCHER_STATES:
        raise Conflict("invalid_state", "只能为已签约、未交付的订单使用创新券",
                       "Vouchers apply to contracted orders before delivery", field="status")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise DomainError("invalid_amount", "创新券金额必须是大于 0 的整数（元）", "The amount must be a positive integer",
                          field="amount")
    assert order.contract_signed_on is not None and order.contract_amount is not None  # set by order_contract
    version = organisation_rule(customer, order.contract_signed_on)
    if not is_eligible(version, _facts(customer)):
        raise DomainError("voucher_not_eligible", f"{version.name}仅适用于符合条件的科技型中小微企业（{version.citation}）",
                          "Only qualifying technology-based SMEs may use vouchers", field="amount")
    rule_region = Region.objects.get(code=version.region)
    if not (order.platform.region.path.startswith(rule_region.path) and platform_accepts_vouchers(order.platform)):
        raise DomainError("platform_not_accepting", "该平台不在创新券服务机构名单内",
                          "The platform does not accept innovation vouchers", field="amount")
    already = order.voucher_uses.filter(status=VoucherUseStatus.APPLIED).aggregate(total=Sum("amount"))["total"] or 0
    if already + amount > order.contract_amount:
        raise DomainError("voucher_exceeds_contract", f"创新券金额合计不能超过合同金额（{order.contract_amount} 元）",
                          "Vouchers cannot exceed the contract amount", field="amount")
    year = order.contract_signed_on.year
    wallet = wallet_for(organisation=customer, year=year, version=version)
    # The row lock makes the read-check-write below a single step per wallet.
    wallet = VoucherWallet.objects.select_for_update().get(pk=wallet.pk)
    if wallet.used_amount + amount > wallet.cap:
        raise _cap_error(wallet.remaining)
    try:
        with transaction.atomic():
            VoucherWallet.objects.filter(pk=wallet.pk).update(used_amount=F("used_amount") + amount)
    except IntegrityError:
        # The CHECK constraint: another transaction spent the allowance first.
        raise _cap_error(0)
    use = VoucherUse.objects.create(wallet=wallet, order=order, platform=order.platform, amount=amount,
                                    created_by=actor)
    wallet.refresh_from_db()
    audit_record(actor=actor, action=BookingAuditAction.VOUCHER_APPLY, obj=use,
                 region_path=customer.region.path, after={**model_snapshot(use), "rule": version.trace(),
                                                          "wallet_used_after": wallet.used_amount})
    return use


def voucher_release_for_order(*, order: ServiceOrder, actor: User) -> int:
    """Give the vouchers of a cancelled order back to their wallets (inside order_cancel's transaction)."""
    released = 0
    for use in order.voucher_uses.select_for_update().filter(status=VoucherUseStatus.APPLIED):
        VoucherWallet.objects.select_for_update().filter(pk=use.wallet_id).update(
            used_amount=F("used_amount") - use.amount)
        use.status, use.released_at = VoucherUseStatus.RELEASED, timezone.now()
        use.save(update_fields=["status", "released_at"])
        audit_record(actor=actor, action=BookingAuditAction.VOUCHER_RELEASE, obj=use,
                     region_path=order.customer.region.path, after=model_snapshot(use))
        released += use.amount
    return released


@transaction.atomic
def voucher_platform_set(*, platform: Platform, actor: User, accepts: bool) -> VoucherPlatform:
    """A reviewer governing the platform's region lists (or delists) it as accepting vouchers."""
    if not user_governs_path(actor, platform.region.path):
        if actor.is_authenticated and actor.is_reviewer:
            raise not_found("平台", "Platform")
        raise forbidden("设置创新券服务机构", "set which platforms accept vouchers")
    record = VoucherPlatform.objects.filter(platform=platform).first() or VoucherPlatform(platform=platform)
    before = model_snapshot(record) if record.pk else None
    record.accepts, record.set_by, record.set_at = accepts, actor, timezone.now()
    record.save()
    audit_record(actor=actor, action=BookingAuditAction.VOUCHER_PLATFORM_SET, obj=record,
                 region_path=platform.region.path, before=before, after=model_snapshot(record))
    return record
