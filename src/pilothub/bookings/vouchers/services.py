"""Writes for innovation vouchers: applying an amount to an order, releasing it, platform acceptance.

The yearly cap holds under concurrency: the wallet row is locked (SELECT … FOR UPDATE on
PostgreSQL; SQLite's IMMEDIATE transactions serialise writers) before the remaining amount is
read, and the CHECK constraint used_amount <= cap rejects anything that slipped through.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from pilothub.accounts.models import Organisation, User
from pilothub.accounts.scoping import user_governs_path
from pilothub.core.audit import audit_record, model_snapshot
from pilothub.core.errors import Conflict, DomainError, forbidden, not_found
from pilothub.core.notifications import notify
from pilothub.platforms.models import Platform
from pilothub.regions.models import Region

from ..events import BookingAuditAction
from ..models import AttachmentKind, OrderStatus, ServiceOrder
from .checks import redemption_checks
from .models import (
    RedemptionStatus,
    VoucherMode,
    VoucherPaymentBatch,
    VoucherPlatform,
    VoucherRedemption,
    VoucherUse,
    VoucherUseStatus,
    VoucherWallet,
)
from .rules import RULES_FILE, RuleVersion, is_eligible, load_rules, rule_for

# Orders take vouchers between contract and delivery; the amount is part of paying the contract.
VOUCHER_STATES = (OrderStatus.CONTRACTED, OrderStatus.IN_PROGRESS)


def voucher_rules() -> dict[str, list[RuleVersion]]:
    """The rule data in use (settings.VOUCHER_RULES_FILE overrides the shipped file, e.g. in tests)."""
    return load_rules(str(getattr(settings, "VOUCHER_RULES_FILE", RULES_FILE)))


def organisation_rule(organisation: Organisation, on: datetime.date) -> RuleVersion:
    """The rule in force for the organisation's region (or its nearest ancestor with a rule)."""
    codes = [code for code in reversed(organisation.region.path.strip("/").split("/"))]
    lookup = rule_for(region_codes=codes, on=on, rules=voucher_rules())
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


def platform_accepts_vouchers(platform: Platform, version: RuleVersion | None = None) -> bool:
    """Listed by a reviewer, or (when the rule opens vouchers to every platform) anywhere in its region."""
    if version is not None and version.eligible_platforms == "all_in_region":
        return f"/{version.region}/" in platform.region.path
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
    if not (order.platform.region.path.startswith(rule_region.path)
            and platform_accepts_vouchers(order.platform, version)):
        raise DomainError("platform_not_accepting", "该平台不在创新券服务机构名单内",
                          "The platform does not accept innovation vouchers", field="amount")
    if version.service_types and order.service_type_id not in version.service_types:
        raise DomainError("service_not_covered", f"该订单的服务类型不在{version.name}支持范围内（{version.citation}）",
                          "The order's service type is not covered by the voucher rule", field="amount")
    already = order.voucher_uses.filter(status=VoucherUseStatus.APPLIED).aggregate(total=Sum("amount"))["total"] or 0
    if already + amount > order.contract_amount:
        raise DomainError("voucher_exceeds_contract", f"创新券金额合计不能超过合同金额（{order.contract_amount} 元）",
                          "Vouchers cannot exceed the contract amount", field="amount")
    share_cap = version.max_voucher_for(order.contract_amount)
    if already + amount > share_cap:
        raise DomainError("voucher_exceeds_share",
                          f"创新券最多支付合同金额的 {version.voucher_rate_max * 100:.0f}%（本单至多 {share_cap} 元，"
                          f"其余由企业自付；{version.citation}）",
                          f"Vouchers may pay at most {share_cap} yuan of this contract", field="amount")
    if version.per_application_cap is not None and already + amount > version.per_application_cap:
        raise DomainError("voucher_exceeds_application_cap",
                          f"单次申请（每个订单）创新券不能超过 {version.per_application_cap} 元（{version.citation}）",
                          f"At most {version.per_application_cap} yuan of vouchers per application", field="amount")
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


# --- redemption (兑付) ---------------------------------------------------------------------------------

REDEEMABLE_STATES = (OrderStatus.ACCEPTED, OrderStatus.RATED)
EVIDENCE_KINDS = {AttachmentKind.CONTRACT: "合同", AttachmentKind.DELIVERY_REPORT: "交付报告",
                  AttachmentKind.INVOICE: "发票"}


def _order_rule(order: ServiceOrder) -> RuleVersion:
    assert order.contract_signed_on is not None
    return organisation_rule(order.customer, order.contract_signed_on)


def redemption_run_checks(redemption_or_order: VoucherRedemption | ServiceOrder) -> list[dict]:
    """The fraud checks for an order (or a redemption's order), as stored/shown dictionaries."""
    order = (redemption_or_order.order if isinstance(redemption_or_order, VoucherRedemption)
             else redemption_or_order)
    version = _order_rule(order)
    return [result.as_dict() for result in redemption_checks(order, per_application_cap=version.per_application_cap)]


@transaction.atomic
def redemption_submit(*, order: ServiceOrder, actor: User) -> VoucherRedemption:
    """Claim the voucher part of an accepted order. 通兑: the platform's operator claims it; 通用: the
    enterprise claims the reimbursement. Needs the contract, the delivered report and the invoice."""
    order = (ServiceOrder.objects.select_for_update()
             .select_related("platform__region", "platform__operator", "customer__region").get(pk=order.pk))
    if order.contract_signed_on is None:
        raise Conflict("invalid_state", "订单尚未签约，不能申请兑付", "The order has no contract", field="status")
    version = _order_rule(order)
    operator = (actor.is_authenticated and actor.role == "operator"
                and actor.organisation_id == order.platform.operator_id)
    customer = actor.is_authenticated and actor.organisation_id == order.customer_id
    if version.mode == VoucherMode.TONGDUI and not operator:
        raise forbidden("申请兑付（通兑模式由服务平台申请）", "claim (in 通兑 mode the platform claims)")
    if version.mode == VoucherMode.TONGYONG and not customer:
        raise forbidden("申请报销（通用模式由企业申请）", "claim (in 通用 mode the enterprise claims)")
    if order.status not in REDEEMABLE_STATES:
        raise Conflict("invalid_state", "订单验收后才能申请兑付", "Only accepted orders can be redeemed", field="status")
    amount = order.voucher_uses.filter(status=VoucherUseStatus.APPLIED).aggregate(total=Sum("amount"))["total"] or 0
    if amount <= 0:
        raise DomainError("no_voucher", "该订单未使用创新券", "The order used no vouchers", field="order")
    if VoucherRedemption.objects.filter(order=order).exclude(status=RedemptionStatus.RETURNED).exists():
        raise Conflict("redemption_exists", "该订单已有兑付申请", "The order already has a redemption", field="order")
    evidence = {kind.value: list(order.attachments.filter(kind=kind).values_list("pk", flat=True))
                for kind in EVIDENCE_KINDS}
    missing = [label for kind, label in EVIDENCE_KINDS.items() if not evidence[kind.value]]
    if missing:
        raise DomainError("evidence_missing", f"兑付材料不全，请先上传：{'、'.join(missing)}",
                          f"Missing evidence: {', '.join(k for k in EVIDENCE_KINDS if not evidence[k.value])}",
                          field="file")
    payee = order.platform.operator if version.mode == VoucherMode.TONGDUI else order.customer
    redemption = VoucherRedemption.objects.create(
        order=order, mode=version.mode, amount=amount, payee=payee, rule_region_id=version.region,
        rule_trace=version.trace(), evidence=evidence, flags_at_submission=redemption_run_checks(order),
        submitted_by=actor)
    audit_record(actor=actor, action=BookingAuditAction.REDEMPTION_SUBMIT, obj=redemption,
                 region_path=order.customer.region.path, after=model_snapshot(redemption))
    return redemption


def _require_governing_reviewer(actor: User, redemption: VoucherRedemption) -> None:
    if not (actor.is_authenticated and (actor.is_reviewer or actor.is_system_admin)
            and user_governs_path(actor, redemption.order.customer.region.path)):
        raise forbidden("审核创新券兑付", "review voucher redemptions")


def _locked_redemption(redemption: VoucherRedemption) -> VoucherRedemption:
    return (VoucherRedemption.objects.select_for_update(of=("self",))
            .select_related("order__customer__region", "order__platform__operator").get(pk=redemption.pk))


@transaction.atomic
def redemption_approve(*, redemption: VoucherRedemption, actor: User, note: str = "",
                       acknowledge_flags: bool = False) -> VoucherRedemption:
    """The reviewer approves. The checks run again now; if any raised a flag the reviewer must
    acknowledge them and say what was verified — a flag never blocks, and never passes unseen."""
    redemption = _locked_redemption(redemption)
    _require_governing_reviewer(actor, redemption)
    if redemption.status != RedemptionStatus.SUBMITTED:
        raise Conflict("invalid_state", f"该申请状态为「{redemption.get_status_display()}」，不能核准",
                       f"The redemption is {redemption.status}", field="status")
    flags = redemption_run_checks(redemption)
    flagged = [flag["title"] for flag in flags if flag["flagged"]]
    if flagged and not acknowledge_flags:
        raise DomainError("flags_not_acknowledged",
                          f"存在 {len(flagged)} 项风险提示（{'、'.join(flagged)}），请逐项核查后勾选确认",
                          f"{len(flagged)} check(s) raised a flag; acknowledge them to approve",
                          field="acknowledge_flags")
    if flagged and not note.strip():
        raise DomainError("required", "存在风险提示时须填写核查意见", "A note on the flags is required", field="note")
    before = model_snapshot(redemption)
    redemption.status, redemption.reviewed_by, redemption.reviewed_at = RedemptionStatus.APPROVED, actor, timezone.now()
    redemption.review_note, redemption.flags_at_decision = note.strip(), flags
    redemption.save()
    audit_record(actor=actor, action=BookingAuditAction.REDEMPTION_APPROVE, obj=redemption,
                 region_path=redemption.order.customer.region.path, before=before, after=model_snapshot(redemption),
                 note=note.strip() + (f"（已确认风险提示：{'、'.join(flagged)}）" if flagged else ""))
    _notify_claimant(redemption, f"创新券兑付申请已核准：订单 #{redemption.order_id}", note)
    return redemption


@transaction.atomic
def redemption_return(*, redemption: VoucherRedemption, actor: User, reason: str) -> VoucherRedemption:
    redemption = _locked_redemption(redemption)
    _require_governing_reviewer(actor, redemption)
    if redemption.status != RedemptionStatus.SUBMITTED:
        raise Conflict("invalid_state", f"该申请状态为「{redemption.get_status_display()}」，不能退回",
                       f"The redemption is {redemption.status}", field="status")
    if not reason.strip():
        raise DomainError("required", "退回须说明理由", "A reason is required to return a redemption", field="reason")
    before = model_snapshot(redemption)
    redemption.status, redemption.reviewed_by, redemption.reviewed_at = RedemptionStatus.RETURNED, actor, timezone.now()
    redemption.review_note, redemption.flags_at_decision = reason.strip(), redemption_run_checks(redemption)
    redemption.save()
    audit_record(actor=actor, action=BookingAuditAction.REDEMPTION_RETURN, obj=redemption,
                 region_path=redemption.order.customer.region.path, before=before, after=model_snapshot(redemption),
                 note=reason.strip())
    _notify_claimant(redemption, f"创新券兑付申请被退回：订单 #{redemption.order_id}", reason)
    return redemption


def _notify_claimant(redemption: VoucherRedemption, title: str, body: str) -> None:
    recipients = User.objects.filter(organisation_id=redemption.payee_id, is_active=True)
    notify(recipients=recipients, title=title, body=body, url=f"/bookings/orders/{redemption.order_id}/")


@transaction.atomic
def payment_batch_create(*, actor: User, redemption_ids: list[int], reference: str, paid_on: datetime.date,
                         note: str = "") -> VoucherPaymentBatch:
    """Record one payment run over approved redemptions of one rule region; they become paid."""
    if not reference.strip():
        raise DomainError("required", "请填写拨付批次号", "A batch reference is required", field="reference")
    if VoucherPaymentBatch.objects.filter(reference=reference.strip()).exists():
        raise Conflict("duplicate_reference", "拨付批次号已存在", "The batch reference already exists", field="reference")
    if paid_on > timezone.localdate():
        raise DomainError("paid_in_future", "拨付日期不能晚于今天", "The payment date cannot be in the future",
                          field="paid_on")
    ids = sorted(set(redemption_ids))
    if not ids:
        raise DomainError("required", "请选择要拨付的兑付申请", "Choose the redemptions paid", field="redemption_ids")
    redemptions = list(VoucherRedemption.objects.select_for_update(of=("self",))
                       .select_related("order__customer__region").filter(pk__in=ids).order_by("pk"))
    if len(redemptions) != len(ids):
        raise not_found("兑付申请", "Redemption")
    for redemption in redemptions:
        _require_governing_reviewer(actor, redemption)
    not_approved = [r.pk for r in redemptions if r.status != RedemptionStatus.APPROVED]
    if not_approved:
        raise Conflict("invalid_state", f"只有已核准的申请才能拨付（#{'、#'.join(map(str, not_approved))} 不是）",
                       "Only approved redemptions can be paid", field="redemption_ids")
    regions = {r.rule_region_id for r in redemptions}
    if len(regions) != 1:
        raise DomainError("mixed_regions", "同一批次只能包含同一政策地区的申请", "One batch covers one rule region",
                          field="redemption_ids")
    batch = VoucherPaymentBatch.objects.create(rule_region_id=regions.pop(), reference=reference.strip(),
                                               paid_on=paid_on, total=sum(r.amount for r in redemptions),
                                               note=note.strip(), created_by=actor)
    VoucherRedemption.objects.filter(pk__in=ids).update(status=RedemptionStatus.PAID, batch=batch)
    audit_record(actor=actor, action=BookingAuditAction.PAYMENT_BATCH_CREATE, obj=batch,
                 region_path=redemptions[0].order.customer.region.path,
                 after={**model_snapshot(batch), "redemptions": ids})
    return batch
