"""`python -m pilothub.dashboard.bench`: the dashboard over generated data (default 100k platforms, 1M orders).

Creates a throwaway test database (SQLite in memory, or PostgreSQL when DATABASE_URL is set, as
scripts/bench.sh does), fills it with bulk_create in batches, then measures with Django's test
client, for the 北京市 / 嘉兴市 / 中山市 dashboards:
- cold: the snapshot is deleted first, so the page computes every aggregate (what the Celery task
  or the first visitor after the maximum age pays);
- warm: the page, the JSON API and the Excel export reading the stored snapshot;
p50 / p95 over the runs and the number of SQL queries of one request.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pilothub.regions.models import Region


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilothub.settings.test")
    import django

    django.setup()


def _timed(fn: Callable[[], object], runs: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    queries = len(ctx.captured_queries)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, queries


def generate(platforms: int, orders: int, seed: int = 5) -> None:
    import yaml

    from pilothub.accounts.models import Organisation, OrganisationKind, OrganisationStatus
    from pilothub.bookings.models import OrderStatus, ServiceOrder
    from pilothub.bookings.vouchers.models import VoucherUse, VoucherWallet
    from pilothub.demands.models import Demand, DemandResponse, Quote, QuoteStatus
    from pilothub.platforms.models import Industry, Platform
    from pilothub.policy.models import Budget
    from pilothub.regions.models import Region
    from pilothub.testing.factories import _credit_code

    from .targets import INDUSTRIES_FILE

    rng = random.Random(seed)
    tz = dt.timezone(dt.timedelta(hours=8))
    start = dt.datetime(2019, 1, 1, tzinfo=tz)
    span = int((dt.datetime(2026, 12, 1, tzinfo=tz) - start).total_seconds())

    def when() -> dt.datetime:
        return start + dt.timedelta(seconds=rng.randrange(span))

    vocab = yaml.safe_load(INDUSTRIES_FILE.read_text(encoding="utf-8"))["industries"]
    Industry.objects.bulk_create([Industry(code=row["code"], name=row["name"]) for row in vocab],
                                 ignore_conflicts=True)
    industry_codes = [row["code"] for row in vocab]
    leaves = list(Region.objects.filter(path__regex=r"^/(110000|330000/330400|440000/442000)/").exclude(
        code__in=["110000", "330400"]).values_list("code", flat=True))
    orgs = [Organisation(name=f"基准单位{i}", kind=OrganisationKind.PLATFORM_OPERATOR if i < 500
                         else OrganisationKind.ENTERPRISE, credit_code=_credit_code(900_000 + i),
                         region_id=rng.choice(leaves), status=OrganisationStatus.APPROVED) for i in range(2500)]
    Organisation.objects.bulk_create(orgs, batch_size=1000)
    org_ids = list(Organisation.objects.values_list("id", flat=True))
    operators, customers = org_ids[:500], org_ids[500:]
    tiers = ["cultivating"] * 60 + ["municipal"] * 30 + ["provincial"] * 8 + ["national"] * 2
    batch = 5000
    for offset in range(0, platforms, batch):
        rows = [Platform(name=f"基准中试平台{i}", operator_id=rng.choice(operators), region_id=rng.choice(leaves),
                         tier=rng.choice(tiers), latitude=30 + rng.random() * 10, longitude=113 + rng.random() * 8,
                         open_sharing=rng.random() < 0.8, created_at=when(),
                         status="published" if rng.random() < 0.95 else "withdrawn")
                for i in range(offset, min(platforms, offset + batch))]
        Platform.objects.bulk_create(rows, batch_size=batch)
    platform_ids = list(Platform.objects.values_list("id", flat=True))
    through = Platform.industries.through
    for offset in range(0, len(platform_ids), batch):
        links = []
        for pid in platform_ids[offset:offset + batch]:
            links += [through(platform_id=pid, industry_id=code) for code in rng.sample(industry_codes, 2)]
        through.objects.bulk_create(links, batch_size=10_000)
    statuses = [OrderStatus.ACCEPTED] * 4 + [OrderStatus.RATED] * 2 + [OrderStatus.CONTRACTED, OrderStatus.INQUIRY,
                                                                        OrderStatus.QUOTED, OrderStatus.CANCELLED]
    batch = 10_000
    for offset in range(0, orders, batch):
        order_rows = [ServiceOrder(platform_id=rng.choice(platform_ids), customer_id=rng.choice(customers), title="基准订单",
                             status=rng.choice(statuses), is_external=rng.random() < 0.7,
                             contract_amount=rng.randrange(1_000, 2_000_000), created_at=when())
                for _ in range(offset, min(orders, offset + batch))]
        ServiceOrder.objects.bulk_create(order_rows, batch_size=batch)
    demand_count = max(100, orders // 50)
    Demand.objects.bulk_create([Demand(enterprise_id=rng.choice(customers), title="基准需求", text="基准需求描述",
                                       deadline=dt.date(2027, 1, 1), region_id=rng.choice(leaves),
                                       status="open", published_at=when()) for _ in range(demand_count)],
                               batch_size=5000)
    demands = [(did, published) for did, published in Demand.objects.values_list("id", "published_at")
               if published is not None]
    responses, quotes = [], []
    for did, published in demands:
        if rng.random() < 0.7:
            pid = rng.choice(platform_ids)
            responses.append(DemandResponse(demand_id=did, platform_id=pid,
                                            interested_at=published + dt.timedelta(hours=rng.randrange(1, 200))))
            if rng.random() < 0.4:
                quotes.append(Quote(demand_id=did, platform_id=pid, price=10_000, duration_days=10,
                                    status=QuoteStatus.ACCEPTED))
    DemandResponse.objects.bulk_create(responses, batch_size=5000)
    Quote.objects.bulk_create(quotes, batch_size=5000)
    wallets = [VoucherWallet(organisation_id=cid, rule_region_id=rng.choice(["110000", "330400", "442000"]),
                             year=2026, cap=200_000, used_amount=0, citation="基准",
                             rule_effective_from=dt.date(2026, 1, 1)) for cid in customers[:1000]]
    VoucherWallet.objects.bulk_create(wallets)
    wallet_ids = list(VoucherWallet.objects.values_list("id", flat=True))
    order_ids = list(ServiceOrder.objects.values_list("id", flat=True)[:5000])
    VoucherUse.objects.bulk_create([VoucherUse(wallet_id=rng.choice(wallet_ids), order_id=oid,
                                               platform_id=rng.choice(platform_ids), amount=rng.randrange(1, 10_000))
                                    for oid in order_ids], batch_size=5000)
    Budget.objects.bulk_create([Budget(measure=f"bench.{i}", region_id=code, year=year, amount=50_000_000)
                                for i, code in enumerate(["110000", "330400", "442000"])
                                for year in (2025, 2026)])


def measure(runs: int) -> list[tuple[str, str, float, float, int]]:
    from django.test import Client
    from django.urls import reverse

    from pilothub.accounts.models import Role, User
    from pilothub.dashboard.models import DashboardSnapshot

    admin = User.objects.create(username="bench-admin", role=Role.ADMIN)
    client = Client()
    client.force_login(admin)
    results = []
    for code in ("110000", "330400", "442000"):
        page = reverse("dashboard:region", args=[code])

        def cold(page: str = page, code: str = code) -> None:
            DashboardSnapshot.objects.filter(region_id=code).delete()
            assert client.get(page).status_code == 200

        results.append((code, "page, cold (all aggregates computed)", *_timed(cold, max(3, runs // 4))))
        results.append((code, "page, warm (snapshot)", *_timed(partial(client.get, page), runs)))
        results.append((code, "API /api/v1/dashboard/{code}, warm",
                        *_timed(partial(client.get, f"/api/v1/dashboard/{code}"), runs)))
        results.append((code, "Excel export, warm",
                        *_timed(partial(client.get, reverse("dashboard:export", args=[code])), max(3, runs // 4))))
    return results


def sections() -> list[tuple[str, str, float]]:
    """Time of each selector section once (cold), to see what dominates."""
    from django.utils import timezone

    from pilothub.regions.models import Region

    from . import selectors as sel

    rows = []
    today = timezone.localdate()
    for code in ("110000", "330400", "442000"):
        region = Region.objects.get(code=code)
        calls: list[tuple[str, Callable[[Region], object]]] = [
            ("tiers", sel.platform_tier_counts), ("public_service", sel.public_service_count),
            ("trend", lambda r: sel.tier_trend(r, today)), ("coverage", sel.industry_coverage),
            ("districts", sel.district_distribution), ("orders", sel.order_volume), ("demands", sel.demand_figures),
            ("vouchers", sel.voucher_figures), ("subsidies", sel.subsidy_figures)]
        for name, call in calls:
            started = time.perf_counter()
            call(region)
            rows.append((code, name, (time.perf_counter() - started) * 1000))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--platforms", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--sections", action="store_true", help="also time each section once")
    args = parser.parse_args()
    _setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        generate(args.platforms, args.orders)
        print(f"{connection.vendor}: generated {args.platforms:,} platforms, {args.orders:,} orders "
              f"in {time.perf_counter() - started:.0f} s")
        if args.sections:
            print("| region | section | ms |")
            print("|---|---|---|")
            for code, name, ms in sections():
                print(f"| {code} | {name} | {ms:.0f} |")
        print("| region | request | p50 ms | p95 ms | queries |")
        print("|---|---|---|---|---|")
        for code, what, p50, p95, queries in measure(args.runs):
            print(f"| {code} | {what} | {p50:.0f} | {p95:.0f} | {queries} |")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
