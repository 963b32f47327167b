"""Voucher reports for government users: issued, used and remaining per enterprise, platform and year."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Sum

from pilothub.accounts.scoping import reviewer_scope_q

from .models import VoucherPlatform, VoucherUse, VoucherUseStatus, VoucherWallet


def voucher_wallets_for_reviewer(*, user, year: int | None = None) -> list[dict[str, Any]]:
    """Per enterprise and year: the allowance issued (cap), used and remaining. Reviewers see
    enterprises of their region and below (403 for anyone else, via reviewer_scope_q)."""
    wallets = VoucherWallet.objects.filter(reviewer_scope_q(user, region_field="organisation__region"))
    if year is not None:
        wallets = wallets.filter(year=year)
    return [{"organisation_id": w.organisation_id, "organisation": w.organisation.name,
             "region": w.organisation.region.name, "year": w.year, "issued": w.cap, "used": w.used_amount,
             "remaining": w.cap - w.used_amount, "citation": w.citation}
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
    return [{"platform_id": r["platform_id"], "platform": r["platform__name"], "year": r["wallet__year"],
             "used": r["used"], "orders": r["orders"]} for r in rows]

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

