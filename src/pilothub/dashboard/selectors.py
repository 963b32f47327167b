"""Reads of the dashboard: every figure is a database aggregate over a region's subtree.

No function here loops over platforms, orders or demands in Python: each section is one or a few
aggregate queries (GROUP BY year / tier, conditional COUNTs), whose small results are shaped into
JSON-ready dicts. Definitions and interpretations: docs/decisions/0700-dashboard-targets.md.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, ExtractYear, Least, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from pilothub.accounts.scoping import user_governs_path
from pilothub.bookings.models import OrderStatus, ServiceOrder
from pilothub.bookings.vouchers.models import VoucherUse, VoucherUseStatus, VoucherWallet
from pilothub.core.errors import DomainError, forbidden, not_found
from pilothub.demands.models import Demand, DemandResponse, Quote, QuoteStatus
from pilothub.evaluation.models import CertifiedTier
from pilothub.platforms.models import Platform, PlatformStatus, RegionIndustryGroup, Tier
from pilothub.policy.models import COMMITTED_STATUSES, ApplicationStatus, Budget, SubsidyApplication
from pilothub.regions.models import Region

from .targets import (
    TIER_ORDER,
    KeyIndustry,
    Target,
    coverage_excluded_groups,
    industry_name,
    industry_with_descendants,
    key_industries_from_file,
    targets_for_region,
)

# Orders that show a platform actually served a customer (past the quote, not cancelled).
SERVED_STATUSES = (OrderStatus.CONTRACTED, OrderStatus.IN_PROGRESS, OrderStatus.DELIVERED, OrderStatus.ACCEPTED,
                   OrderStatus.RATED)
SECTIONS = ("tiers", "targets", "trend", "coverage", "districts", "orders", "demands", "vouchers", "subsidies")


# --------------------------------------------------------------------------- scope and regions
def dashboard_regions_for_user(*, user) -> list[Region]:
    """Regions the user may open a dashboard for: their region and the level below it
    (administrators: every province and prefecture-level city)."""
    if not user.is_authenticated or not (user.is_reviewer or user.is_system_admin):
        raise forbidden("查看数据看板", "see dashboards")
    if user.is_system_admin:
        return list(Region.objects.filter(is_active=True, depth__lte=1).order_by("path"))
    root = user.region
    return list(Region.objects.filter(Q(pk=root.pk) | Q(parent=root), is_active=True).order_by("path"))


def dashboard_region_get_for_user(*, code: str, user) -> Region:
    """The permission gate: a reviewer sees dashboards of their region and its sub-regions only."""
    if not user.is_authenticated or not (user.is_reviewer or user.is_system_admin):
        raise forbidden("查看数据看板", "see dashboards")
    region = Region.objects.filter(code=str(code).strip()).first()
    if region is None:
        raise not_found("地区", "Region")
    if not user_governs_path(user, region.path):
        raise forbidden("查看该地区的数据看板", "see this region's dashboard")
    return region


def dashboard_default_region_for_user(*, user) -> Region:
    regions = dashboard_regions_for_user(user=user)
    if not regions:
        raise DomainError("no_region", "没有可查看的地区", "No region to show")
    if user.is_system_admin:
        with_targets = [region for region in regions if targets_for_region(region.code)]
        return with_targets[0] if with_targets else regions[0]
    return regions[0]


def published_platforms(region: Region) -> QuerySet[Platform]:
    return Platform.objects.filter(status=PlatformStatus.PUBLISHED, region__path__startswith=region.path)


# --------------------------------------------------------------------------- helpers
def _pct(part: int | Decimal, whole: int | Decimal) -> float | None:
    if not whole:
        return None
    return float((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _num(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _year_start(year: int) -> dt.datetime:
    """1 January of `year`, 00:00 in the site's time zone (Asia/Shanghai)."""
    return timezone.make_aware(dt.datetime(year, 1, 1))


def _first_year(model, field: str, today: dt.date) -> int:
    """The year of the oldest value of an indexed datetime column (an index-only MIN)."""
    first = model.objects.aggregate(first=Min(field))["first"]
    return timezone.localtime(first).year if first else today.year


def _per_year(qs: QuerySet, field: str, years: list[int], measures: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """Aggregates per calendar year in ONE query, bucketing with range comparisons on `field`
    (index-friendly; no per-row date function, which SQLite evaluates in Python).
    `measures` maps a name to a function year_filter(Q) -> aggregate expression."""
    aggregates = {}
    for year in years:
        in_year = Q(**{f"{field}__gte": _year_start(year), f"{field}__lt": _year_start(year + 1)})
        for name, make in measures.items():
            aggregates[f"{name}_{year}"] = make(in_year)
    result = qs.aggregate(**aggregates) if aggregates else {}
    return {year: {name: result[f"{name}_{year}"] for name in measures} for year in years}


# --------------------------------------------------------------------------- platforms by tier
def platform_tier_counts(region: Region) -> dict[str, int]:
    rows = published_platforms(region).order_by().values("tier").annotate(n=Count("id"))
    counts = {tier: 0 for tier in TIER_ORDER}
    counts.update({row["tier"]: row["n"] for row in rows})
    return counts


def public_service_count(region: Region) -> int:
    """具有公共服务能力 (decision 0700): published, open to sharing, and at least one external
    order served (contracted or later, not cancelled)."""
    served = ServiceOrder.objects.filter(platform=OuterRef("pk"), is_external=True, status__in=SERVED_STATUSES)
    return published_platforms(region).filter(open_sharing=True).filter(Exists(served)).count()


def tier_trend(region: Region, today: dt.date) -> dict[str, Any]:
    """Cumulative count, per year, of today's published platforms at each tier, by the year they
    reached it: the earliest unrevoked certification at that tier (evaluation app), else the date
    the platform was listed (decision 0700). One GROUP BY (tier, year) query; the cumulative sums
    run over its few result rows."""
    first_cert = (CertifiedTier.objects.filter(platform=OuterRef("pk"), tier=OuterRef("tier"), revoked_on__isnull=True)
                  .order_by("valid_from").values("valid_from")[:1])
    since = Coalesce(Subquery(first_cert, output_field=DateField()), TruncDate("created_at"), output_field=DateField())
    rows = (published_platforms(region).order_by().annotate(year=ExtractYear(since))
            .values("tier", "year").annotate(n=Count("id")))
    per_year: dict[tuple[str, int], int] = {(row["tier"], row["year"]): row["n"] for row in rows}
    found = [year for _tier, year in per_year if year]
    years = list(range(min(found), max(max(found), today.year) + 1)) if found else [today.year]
    series = {}
    for tier in TIER_ORDER:
        running, values = 0, []
        for year in years:
            running += per_year.get((tier, year), 0)
            values.append(running)
        series[tier] = values
    return {"years": years, "series": series}


def _target_current(target: Target, tiers: dict[str, int], public_service: int | None,
                    coverage_pct: float | None) -> Decimal | None:
    if target.metric == "platforms_tier":
        return Decimal(sum(tiers[tier] for tier in target.tiers_counted()))
    if target.metric == "public_service":
        return Decimal(public_service or 0)
    if target.metric == "key_industry_coverage":
        return None if coverage_pct is None else Decimal(str(coverage_pct))
    return None


def target_progress(targets: list[Target], *, tiers: dict[str, int], public_service: int | None,
                    coverage_pct: float | None, today: dt.date) -> list[dict[str, Any]]:
    rows = []
    for target in targets:
        current = _target_current(target, tiers, public_service, coverage_pct)
        row: dict[str, Any] = {
            "id": target.id, "label": target.label, "metric": target.metric, "tier": target.tier,
            "count_mode": target.count_mode, "comparison": target.comparison, "value": _num(target.value),
            "required": _num(target.required), "unit": target.unit, "deadline": target.deadline,
            "citation": target.citation, "wording": target.wording, "tracked": current is not None,
            "current": None, "gap": None, "progress_pct": None, "met": None, "status": "untracked",
            "years_left": target.deadline - today.year}
        if current is not None:
            gap = max(Decimal(0), target.required - current)
            met = gap == 0
            row.update(current=_num(current), gap=_num(gap), met=met,
                       progress_pct=min(100.0, _pct(current, target.required) or 0.0),
                       status="met" if met else ("overdue" if today.year > target.deadline else "open"))
        rows.append(row)
    return rows


# --------------------------------------------------------------------------- key industries
def key_industries(region: Region) -> list[KeyIndustry]:
    """The region's key industries and those of its ancestors (a 怀柔 dashboard also lists
    北京市's), from RegionIndustryGroup rows, or the vocabulary file when none are loaded."""
    chain = [code for code in reversed(region.path.strip("/").split("/"))]
    rows = list(RegionIndustryGroup.objects.filter(region_id__in=chain)
                .values_list("region_id", "code", "name", "citation", "industries__code", "sort_order"))
    if not rows:
        return key_industries_from_file(chain)
    rows.sort(key=lambda row: (chain.index(row[0]), row[5]))
    return [KeyIndustry(group, name, citation, code, industry, industry_name(industry))
            for code, group, name, citation, industry, _order in rows
            if industry and group not in coverage_excluded_groups(code)]


def industry_coverage(region: Region) -> dict[str, Any]:
    industries = key_industries(region)
    codes = list(dict.fromkeys(item.code for item in industries))
    through = Platform.industries.through
    counts: dict[str, int] = {}
    if codes:
        aggregates = {f"c{i}": Count("platform_id", distinct=True,
                                     filter=Q(industry_id__in=industry_with_descendants(code)))
                      for i, code in enumerate(codes)}
        result = through.objects.filter(platform__status=PlatformStatus.PUBLISHED,
                                        platform__region__path__startswith=region.path).aggregate(**aggregates)
        counts = {code: result[f"c{i}"] or 0 for i, code in enumerate(codes)}
    rows = [{"group": item.group_name, "group_code": item.group_code, "citation": item.citation,
             "region": item.region, "industry": item.code, "name": item.name, "platforms": counts[item.code],
             "uncovered": counts[item.code] == 0} for item in industries]
    covered = sum(1 for code in codes if counts[code] > 0)
    return {"rows": rows, "industries": len(codes), "covered": covered,
            "uncovered": [industry_name(code) for code in codes if counts[code] == 0],
            "coverage_pct": _pct(covered, len(codes))}


# --------------------------------------------------------------------------- districts
def district_distribution(region: Region) -> list[dict[str, Any]]:
    """Published platforms per direct child of the region (district, or town/street), with the
    mean coordinates of each child's platforms. One GROUP BY region query; the (small) list of
    regions is then folded into their children."""
    children = list(Region.objects.filter(parent=region, is_active=True).order_by("path").values_list(
        "code", "name", "path"))
    leaf = not children
    if leaf:
        children = [(region.code, region.name, region.path)]
    grouped = (published_platforms(region).order_by().values("region_id", "region__path")
               .annotate(n=Count("id"), lat_sum=Sum("latitude"), lat_n=Count("latitude"), lon_sum=Sum("longitude"),
                         lon_n=Count("longitude")))
    totals = {code: {"n": 0, "lat_sum": 0.0, "lat_n": 0, "lon_sum": 0.0, "lon_n": 0} for code, _n, _p in children}
    own = 0
    for group in grouped:  # one row per region code that has platforms, not per platform
        child = next((code for code, _n, path in children if group["region__path"].startswith(path)), None)
        if child is None:
            own += group["n"]
            continue
        for key in ("n", "lat_n", "lon_n"):
            totals[child][key] += group[key]
        totals[child]["lat_sum"] += group["lat_sum"] or 0.0
        totals[child]["lon_sum"] += group["lon_sum"] or 0.0
    rows = [{"code": code, "name": name, "platforms": totals[code]["n"],
             "latitude": round(totals[code]["lat_sum"] / totals[code]["lat_n"], 5) if totals[code]["lat_n"] else None,
             "longitude": round(totals[code]["lon_sum"] / totals[code]["lon_n"], 5) if totals[code]["lon_n"] else None}
            for code, name, _p in children]
    if own and not leaf:
        rows.append({"code": region.code, "name": _("%(name)s（本级）") % {"name": region.name}, "platforms": own,
                     "latitude": None, "longitude": None})
    return rows


# --------------------------------------------------------------------------- service volume
def order_volume(region: Region, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Orders of the region's platforms per year created (cancelled ones left out): count,
    contract amounts and the external share (decision 0700). One query grouped by is_external,
    with a COUNT and a SUM per year bucket (range comparisons on the indexed created_at)."""
    today = today or timezone.localdate()
    years = list(range(_first_year(ServiceOrder, "created_at", today), today.year + 1))
    aggregates: dict[str, Any] = {}
    for year in years:
        in_year = Q(created_at__gte=_year_start(year), created_at__lt=_year_start(year + 1))
        aggregates[f"n_{year}"] = Count("id", filter=in_year)
        aggregates[f"a_{year}"] = Sum("contract_amount", filter=in_year)
    groups: dict[bool, dict[str, Any]] = {row["is_external"]: dict(row) for row in (
        ServiceOrder.objects.filter(platform__region__path__startswith=region.path)
        .exclude(status=OrderStatus.CANCELLED).order_by().values("is_external").annotate(**aggregates))}
    empty: dict[str, Any] = {}
    internal, external = groups.get(False, empty), groups.get(True, empty)
    rows = []
    for year in years:
        ext_n, ext_a = external.get(f"n_{year}") or 0, external.get(f"a_{year}") or 0
        n, amount = ext_n + (internal.get(f"n_{year}") or 0), ext_a + (internal.get(f"a_{year}") or 0)
        if n:
            rows.append({"year": year, "orders": n, "external_orders": ext_n, "contract_amount": int(amount),
                         "external_amount": int(ext_a), "external_share_pct": _pct(ext_n, n)})
    return rows


# --------------------------------------------------------------------------- demands
def _first_response_delay_qs(region: Region):
    first = (DemandResponse.objects.filter(demand=OuterRef("pk"))
             .annotate(t=Least(Coalesce("interested_at", "first_quote_at"), Coalesce("first_quote_at", "interested_at")))
             .filter(t__isnull=False).order_by("t").values("t")[:1])
    return (Demand.objects.filter(region__path__startswith=region.path, published_at__isnull=False)
            .annotate(first_response=Subquery(first)).filter(first_response__isnull=False)
            .annotate(delay=ExpressionWrapper(F("first_response") - F("published_at"), output_field=DurationField())))


def median_first_response_hours(region: Region) -> tuple[float | None, int]:
    """Median time from publication to the first interest or quote, over responded demands.
    Counted and picked in the database (ORDER BY delay, OFFSET middle): no rows in Python."""
    qs = _first_response_delay_qs(region).order_by("delay", "pk")
    n = qs.count()
    if n == 0:
        return None, 0
    middle = list(qs.values_list("delay", flat=True)[(n - 1) // 2:n // 2 + 1])
    seconds = sum(delay.total_seconds() for delay in middle) / len(middle)
    return round(seconds / 3600, 1), n


def demand_figures(region: Region, today: dt.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    accepted = Quote.objects.filter(demand=OuterRef("pk"), status=QuoteStatus.ACCEPTED)
    first = Demand.objects.aggregate(first=Min("published_at"))["first"]
    years = list(range(timezone.localtime(first).year if first else today.year, today.year + 1))
    data = _per_year(
        Demand.objects.filter(region__path__startswith=region.path, published_at__isnull=False).order_by()
        .annotate(matched=Exists(accepted)), "published_at", years,
        {"published": lambda y: Count("id", filter=y), "matched": lambda y: Count("id", filter=y & Q(matched=True))})
    rows = [{"year": year, "published": row["published"], "matched": row["matched"],
             "matched_pct": _pct(row["matched"], row["published"])} for year, row in data.items() if row["published"]]
    median, responded = median_first_response_hours(region)
    return {"years": rows, "median_first_response_hours": median, "responded": responded,
            "published": sum(row["published"] for row in rows), "matched": sum(row["matched"] for row in rows)}


# --------------------------------------------------------------------------- money
def voucher_figures(region: Region) -> list[dict[str, Any]]:
    """Innovation vouchers issued by the region (or a sub-region) per year: caps granted vs spent."""
    wallets: dict[int, dict[str, Any]] = {row["year"]: dict(row) for row in (
        VoucherWallet.objects.filter(rule_region__path__startswith=region.path).order_by().values("year")
        .annotate(wallets=Count("id"), cap=Sum("cap")))}
    spent: dict[int, dict[str, Any]] = {row["wallet__year"]: dict(row) for row in (
        VoucherUse.objects.filter(wallet__rule_region__path__startswith=region.path, status=VoucherUseStatus.APPLIED)
        .order_by().values("wallet__year").annotate(uses=Count("id"), amount=Sum("amount")))}
    rows = []
    for year in sorted(set(wallets) | set(spent)):
        cap = int(wallets.get(year, {}).get("cap") or 0)
        amount = int(spent.get(year, {}).get("amount") or 0)
        rows.append({"year": year, "wallets": wallets.get(year, {}).get("wallets", 0), "cap": cap,
                     "uses": spent.get(year, {}).get("uses", 0), "spent": amount, "spent_pct": _pct(amount, cap)})
    return rows


def subsidy_figures(region: Region) -> list[dict[str, Any]]:
    """Policy subsidies per budget year: budgets set vs committed (approved at 复审 or later) and paid."""
    budgets: dict[int, dict[str, Any]] = {row["year"]: dict(row) for row in (
        Budget.objects.filter(region__path__startswith=region.path).order_by().values("year")
        .annotate(budget=Sum("amount"), lines=Count("id")))}
    applications: dict[int, dict[str, Any]] = {row["budget_year"]: dict(row) for row in (
        SubsidyApplication.objects.filter(issuing_region__path__startswith=region.path).order_by()
        .values("budget_year").annotate(applications=Count("id"),
                                        committed=Sum("amount", filter=Q(status__in=COMMITTED_STATUSES)),
                                        paid=Sum("amount", filter=Q(status=ApplicationStatus.PAID))))}
    rows = []
    for year in sorted(set(budgets) | set(applications)):
        budget = int(budgets.get(year, {}).get("budget") or 0)
        committed = int(applications.get(year, {}).get("committed") or 0)
        rows.append({"year": year, "budget": budget, "applications": applications.get(year, {}).get("applications", 0),
                     "committed": committed, "paid": int(applications.get(year, {}).get("paid") or 0),
                     "committed_pct": _pct(committed, budget)})
    return rows


# --------------------------------------------------------------------------- everything
def dashboard_figures(*, region: Region, now: dt.datetime | None = None) -> dict[str, Any]:
    """All figures of one region's dashboard, JSON-ready (what the snapshot table stores)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    tiers = platform_tier_counts(region)
    targets = targets_for_region(region.code)
    coverage = industry_coverage(region)
    public_service = public_service_count(region) if any(t.metric == "public_service" for t in targets) else None
    return {
        "region": {"code": region.code, "name": region.name},
        "as_of": now.isoformat(),
        "tiers": [{"tier": tier, "label": str(Tier(tier).label), "platforms": tiers[tier]} for tier in TIER_ORDER],
        "total_platforms": sum(tiers.values()),
        "public_service_platforms": public_service,
        "targets": target_progress(targets, tiers=tiers, public_service=public_service,
                                   coverage_pct=coverage["coverage_pct"], today=today),
        "trend": tier_trend(region, today),
        "coverage": coverage,
        "districts": district_distribution(region),
        "orders": order_volume(region, today),
        "demands": demand_figures(region, today),
        "vouchers": voucher_figures(region),
        "subsidies": subsidy_figures(region),
    }


def public_summary(figures: dict[str, Any]) -> dict[str, Any]:
    """What the public page shows: aggregate counts only, no organisation or person."""
    return {key: figures[key] for key in ("region", "as_of", "tiers", "total_platforms", "targets", "coverage",
                                          "districts")}
