"""Voucher reports for government users: issued, used and remaining per enterprise, platform and year."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet, Sum

from pilothub.accounts.scoping import reviewer_scope_q
from pilothub.core.errors import not_found

from .models import (
    RedemptionStatus,
    VoucherPlatform,
    VoucherRedemption,
    VoucherUse,
    VoucherUseStatus,
    VoucherWallet,
)


def voucher_wallets_for_reviewer(*, user, year: int | None = None) -> list[dict[str, Any]]:
    """Per enterprise and year: the allowance issued (cap), used and remaining. Reviewers see
    enterprises of their region and below (403 for anyone else, via reviewer_scope_q)."""
    wallets = VoucherWallet.objects.filter(reviewer_scope_q(user, region_field="organisation__region"))
    if year is not None:
        wallets = wallets.filter(year=year)
    totals = redemption_totals(user=user, year=year)["organisations"]
    empty = {"redeemed": 0, "paid": 0}
    return [{"organisation_id": w.organisation_id, "organisation": w.organisation.name,
             "region": w.organisation.region.name, "year": w.year, "issued": w.cap, "used": w.used_amount,
             "remaining": w.cap - w.used_amount, "citation": w.citation,
             **totals.get((w.organisation_id, w.year), empty)}
            for w in wallets.select_related("organisation__region").order_by("-year", "organisation__name")]


def voucher_use_by_platform(*, user, year: int | None = None) -> list[dict[str, Any]]:
    """Per platform and year: vouchers taken (applied, not released) and how many orders used them.

    A reviewer sees uses by enterprises of their region and uses at platforms of their region."""
    uses = VoucherUse.objects.filter(status=VoucherUseStatus.APPLIED).filter(
        reviewer_scope_q(user, region_field="wallet__organisation__region")
        | reviewer_scope_q(user, region_field="platform__region"))
    if year is not None:
        uses = uses.filter(wallet__year=year)
    rows = (uses.values("platform_id", "platform__name", "wallet__year")
            .annotate(used=Sum("amount"), orders=Count("order_id", distinct=True))
            .order_by("-wallet__year", "platform__name"))
    totals = redemption_totals(user=user, year=year)["platforms"]
    empty = {"redeemed": 0, "paid": 0}
    return [{"platform_id": r["platform_id"], "platform": r["platform__name"], "year": r["wallet__year"],
             "used": r["used"], "orders": r["orders"], **totals.get((r["platform_id"], r["wallet__year"]), empty)}
            for r in rows]

def voucher_platforms_for_reviewer(*, user) -> list[dict[str, Any]]:
    """Published platforms of the reviewer's region and whether each accepts vouchers."""
    from pilothub.platforms.models import Platform, PlatformStatus

    platforms = (Platform.objects.filter(reviewer_scope_q(user, region_field="region"),
                                         status=PlatformStatus.PUBLISHED)
                 .select_related("region").order_by("region__code", "name"))
    accepting = set(VoucherPlatform.objects.filter(accepts=True).values_list("platform_id", flat=True))
    return [{"id": p.pk, "name": p.name, "region": p.region.name, "accepts": p.pk in accepting} for p in platforms]


def voucher_wallet_for_organisation(*, organisation_id: int, year: int) -> VoucherWallet | None:
    return VoucherWallet.objects.filter(organisation_id=organisation_id, year=year).first()



# --- redemptions --------------------------------------------------------------------------------------

def redemptions_for_reviewer(*, user, status: str = "") -> QuerySet[VoucherRedemption]:
    """Redemptions of enterprises in the reviewer's region (403 for anyone else)."""
    redemptions = VoucherRedemption.objects.filter(reviewer_scope_q(user, region_field="order__customer__region"))
    if status:
        redemptions = redemptions.filter(status=status)
    return redemptions.select_related("order__platform", "order__customer", "payee", "batch").order_by("-submitted_at")


def redemption_get_for_user(*, redemption_id: int, user) -> VoucherRedemption:
    """The gate: reviewers governing the enterprise's region, admins, and the two parties of the order."""
    from pilothub.accounts.scoping import user_governs_path

    redemption = (VoucherRedemption.objects.select_related(
        "order__platform__operator", "order__customer__region", "payee", "batch", "reviewed_by", "submitted_by")
        .filter(pk=redemption_id).first())
    if redemption is not None and user.is_authenticated:
        order = redemption.order
        parties = {order.customer_id, order.platform.operator_id}
        if user_governs_path(user, order.customer.region.path) or user.organisation_id in parties:
            return redemption
    raise not_found("兑付申请", "Redemption")


def user_reviews_redemption(*, user, redemption: VoucherRedemption) -> bool:
    """Reviewers governing the enterprise's region see the fraud checks; the parties do not."""
    from pilothub.accounts.scoping import user_governs_path

    return user_governs_path(user, redemption.order.customer.region.path)


def redemptions_for_order(*, order) -> list[VoucherRedemption]:
    return list(order.redemptions.select_related("batch", "reviewed_by").order_by("-submitted_at"))


def redemption_totals(*, user, year: int | None = None) -> dict[str, dict[Any, dict[str, int]]]:
    """Redeemed (approved or paid) and paid amounts per enterprise-year and platform-year."""
    rows = VoucherRedemption.objects.filter(
        reviewer_scope_q(user, region_field="order__customer__region"),
        status__in=[RedemptionStatus.APPROVED, RedemptionStatus.PAID])
    if year is not None:
        rows = rows.filter(order__contract_signed_on__year=year)
    by_org: dict[Any, dict[str, int]] = {}
    by_platform: dict[Any, dict[str, int]] = {}
    for row in rows.values("order__customer_id", "order__platform_id", "order__contract_signed_on__year",
                           "status", "amount"):
        year_key = row["order__contract_signed_on__year"]
        for table, key in ((by_org, (row["order__customer_id"], year_key)),
                           (by_platform, (row["order__platform_id"], year_key))):
            entry = table.setdefault(key, {"redeemed": 0, "paid": 0})
            entry["redeemed"] += row["amount"]
            if row["status"] == RedemptionStatus.PAID:
                entry["paid"] += row["amount"]
    return {"organisations": by_org, "platforms": by_platform}
