"""Every figure equals what the test counts itself from the rows it created (see conftest.World)."""

from __future__ import annotations

import statistics
from collections import Counter

import pytest

from pilothub.bookings.models import OrderStatus
from pilothub.bookings.vouchers.models import VoucherUseStatus
from pilothub.dashboard.selectors import dashboard_figures
from pilothub.platforms.models import PlatformStatus
from pilothub.policy.models import ApplicationStatus
from pilothub.testing import factories as f

from .conftest import at

NOW = at(2026, 12, 1)
pytestmark = pytest.mark.django_db


def _jiaxing(world):
    return [p for p in world.platforms if p.region.path.startswith("/330000/330400/")]


def _figures(code="330400"):
    return dashboard_figures(region=f.region(code), now=NOW)


def test_tiers_count_published_platforms_of_the_subtree(world):
    published = [p for p in _jiaxing(world) if p.status == PlatformStatus.PUBLISHED]
    expected = Counter(p.tier for p in published)
    figures = _figures()
    assert {row["tier"]: row["platforms"] for row in figures["tiers"]} == {
        "cultivating": expected["cultivating"], "municipal": expected["municipal"],
        "provincial": expected["provincial"], "national": expected["national"]}
    assert figures["total_platforms"] == len(published) == 6
    assert [row["label"] for row in figures["tiers"]] == ["培育", "市级", "省级", "国家级"]


def test_targets_progress_and_gap(world):
    published = [p for p in _jiaxing(world) if p.status == PlatformStatus.PUBLISHED]
    provincial_or_above = sum(1 for p in published if p.tier in ("provincial", "national"))
    national = sum(1 for p in published if p.tier == "national")
    targets = {row["id"]: row for row in _figures()["targets"]}
    assert targets["jx-provincial-2027"]["current"] == provincial_or_above == 3
    assert targets["jx-provincial-2027"]["gap"] == 4 - provincial_or_above
    assert targets["jx-provincial-2027"]["progress_pct"] == 75.0
    assert targets["jx-provincial-2027"]["status"] == "open"
    assert targets["jx-national-2027"]["current"] == national == 1
    assert targets["jx-national-2027"]["met"] is True and targets["jx-national-2027"]["gap"] == 0
    # 135N coverage: 纺织服装, 健康食品, 新材料, 集成电路, 光伏, 氢能, 合成生物 → 4 of 7 covered
    assert targets["jx-coverage-2027"]["current"] == pytest.approx(57.1)
    assert targets["jx-rd-intensity-2027"]["tracked"] is False
    assert targets["jx-rd-intensity-2027"]["current"] is None


def test_beijing_targets_count_the_whole_city(world):
    beijing_national = sum(1 for p in world.platforms if p.region.path.startswith("/110000/")
                           and p.tier == "national" and p.status == PlatformStatus.PUBLISHED)
    targets = {row["id"]: row for row in _figures("110000")["targets"]}
    assert targets["bj-national-2030"]["current"] == beijing_national == 2
    assert targets["bj-national-2030"]["gap"] == 8
    assert targets["bj-municipal-2030"]["current"] == 0


def test_zhongshan_public_service_needs_more_than_thirty(db):
    zs = f.region("442000101")
    customer = f.OrganisationFactory(region=zs)
    served = []
    for i in range(3):
        platform = f.PlatformFactory(region=zs, tier="municipal", open_sharing=i != 2)
        f.ServiceOrderFactory(platform=platform, customer=customer, status=OrderStatus.ACCEPTED, is_external=True)
        served.append(i != 2)
    f.ServiceOrderFactory(platform=f.PlatformFactory(region=zs), customer=customer, status=OrderStatus.ACCEPTED,
                          is_external=False)  # only an internal order
    figures = _figures("442000")
    targets = {row["id"]: row for row in figures["targets"]}
    assert figures["public_service_platforms"] == sum(served) == 2
    assert targets["zs-public-service-2027"]["required"] == 31
    assert targets["zs-public-service-2027"]["gap"] == 29
    # 2025 is over and no provincial platform exists: overdue.
    assert targets["zs-provincial-2025"]["status"] == "overdue"


def test_trend_uses_certification_year_else_listing_year(world):
    published = [p for p in _jiaxing(world) if p.status == PlatformStatus.PUBLISHED]
    trend = _figures()["trend"]
    assert trend["years"] == [2023, 2024, 2025, 2026]
    # provincial: platform 0 certified 2025 (listed 2024), platform 1 listed 2025 → 0, 0, 2, 2
    assert trend["series"]["provincial"] == [0, 0, 2, 2]
    municipal_years = sorted(p.created_at.year for p in published if p.tier == "municipal")
    assert trend["series"]["municipal"] == [sum(1 for y in municipal_years if y <= year) for year in trend["years"]]


def test_key_industry_coverage_counts_descendants_and_flags_uncovered(world):
    coverage = _figures()["coverage"]
    by_industry = {row["industry"]: row for row in coverage["rows"]}
    # hydrogen: platforms 0 and 1; photovoltaic: platform 4; the withdrawn one (health-food) is not counted
    assert by_industry["hydrogen"]["platforms"] == 2
    assert by_industry["photovoltaic"]["platforms"] == 1
    assert by_industry["textile-apparel"]["platforms"] == 1
    assert by_industry["health-food"]["platforms"] == 0 and by_industry["health-food"]["uncovered"] is True
    assert set(coverage["uncovered"]) == {"健康食品", "集成电路", "合成生物"}
    assert coverage["industries"] == 7 and coverage["covered"] == 4


def test_new_energy_counts_its_children(db):
    parent = f.industry("new-energy", "新能源")
    child, _ = type(parent).objects.get_or_create(code="hydrogen", defaults={"name": "氢能", "parent": parent})
    for industries in ([child], [child, parent], []):
        f.PlatformFactory(region=f.region("442000101")).industries.set(industries)
    rows = {row["industry"]: row["platforms"] for row in _figures("442000")["coverage"]["rows"]}
    assert rows["new-energy"] == 2  # distinct platforms, tagged with the code or a narrower one
    assert rows["hydrogen"] == 2


def test_districts(world):
    published = [p for p in _jiaxing(world) if p.status == PlatformStatus.PUBLISHED]
    rows = {row["code"]: row for row in _figures()["districts"]}
    assert rows["330402"]["platforms"] == sum(1 for p in published if p.region_id == "330402") == 2
    assert rows["330481"]["platforms"] == sum(1 for p in published if p.region_id == "330481") == 3
    assert rows["330400"]["platforms"] == 1  # the city's own (本级) platform
    assert rows["330411"]["platforms"] == 0
    expected_lat = round(sum(p.latitude for p in published if p.region_id == "330402") / 2, 5)
    assert rows["330402"]["latitude"] == expected_lat


def test_orders_by_year(world):
    jx_ids = {p.pk for p in _jiaxing(world)}
    rows = {row["year"]: row for row in _figures()["orders"]}
    for year in (2025, 2026):
        mine = [o for o in world.orders if o.platform_id in jx_ids and o.created_at.year == year
                and o.status != OrderStatus.CANCELLED]
        assert rows[year]["orders"] == len(mine)
        assert rows[year]["external_orders"] == sum(1 for o in mine if o.is_external)
        assert rows[year]["contract_amount"] == sum(o.contract_amount or 0 for o in mine)
        assert rows[year]["external_amount"] == sum(o.contract_amount or 0 for o in mine if o.is_external)
    assert rows[2025] == {"year": 2025, "orders": 3, "external_orders": 2, "contract_amount": 150_000,
                          "external_amount": 100_000, "external_share_pct": 66.7}
    assert rows[2026]["contract_amount"] == 100_000  # the cancelled 999,999 and Beijing's order are out


def test_demands_and_median_first_response(world):
    demands = _figures()["demands"]
    per_year = {row["year"]: row for row in demands["years"]}
    assert per_year[2025]["published"] == 2 and per_year[2025]["matched"] == 1
    assert per_year[2026]["published"] == 3 and per_year[2026]["matched"] == 1
    assert demands["responded"] == len(world.response_delays_h) == 4
    assert demands["median_first_response_hours"] == statistics.median(world.response_delays_h) == 6.0


def test_median_with_odd_count(world):
    world.demands[-1].responses.all().delete()  # drop the 1 h response: 2, 10, 30 → 10
    demands = _figures()["demands"]
    assert demands["median_first_response_hours"] == 10.0


def test_vouchers_and_subsidies(world):
    figures = _figures()
    vouchers = {row["year"]: row for row in figures["vouchers"]}
    for year in (2025, 2026):
        assert vouchers[year]["cap"] == sum(w.cap for w in world.wallets if w.year == year)
        assert vouchers[year]["spent"] == sum(u.amount for u in world.uses
                                              if u.wallet.year == year and u.status == VoucherUseStatus.APPLIED)
    assert vouchers[2025]["spent"] == 27_000 and vouchers[2025]["spent_pct"] == 18.0
    subsidies = {row["year"]: row for row in figures["subsidies"]}
    assert subsidies[2025]["budget"] == sum(b.amount for b in world.budgets if b.region_id == "330400") == 12_000_000
    committed = sum(a.amount for a in world.applications if a.status in (
        ApplicationStatus.SECOND_PASSED, ApplicationStatus.PUBLICISED, ApplicationStatus.PAID))
    assert subsidies[2025]["committed"] == committed == 4_000_000
    assert subsidies[2025]["paid"] == 3_000_000
    assert subsidies[2025]["applications"] == 4


def test_huairou_inherits_beijing_key_industries(db):
    rows = _figures("110116")["coverage"]["rows"]
    groups = {row["group_code"] for row in rows}
    assert "district-special" in groups and "international-leading" in groups
    assert "current-distribution" not in groups  # excluded in targets.yaml


def test_query_count_does_not_grow_with_rows(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        _figures()
    customer = f.OrganisationFactory()
    for i in range(10):
        platform = f.PlatformFactory(region=f.region("330402" if i % 2 else "330481"), tier="provincial")
        f.ServiceOrderFactory(platform=platform, customer=customer, status=OrderStatus.ACCEPTED)
    with CaptureQueriesContext(connection) as after:
        figures = _figures()
    assert figures["total_platforms"] == 16
    assert len(after.captured_queries) == len(before.captured_queries) <= 20


def test_key_industries_from_the_vocabulary_file_when_no_rows_are_loaded(world):
    from pilothub.platforms.models import RegionIndustryGroup

    with_rows = {(row["group_code"], row["industry"]) for row in _figures()["coverage"]["rows"]}
    RegionIndustryGroup.objects.all().delete()
    from_file = {(row["group_code"], row["industry"]) for row in _figures()["coverage"]["rows"]}
    assert from_file == with_rows
    assert ("traditional", "textile-apparel") in from_file and ("future", "synthetic-biology") in from_file
