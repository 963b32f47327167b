"""A small 嘉兴 + 北京 world whose every figure the tests count by hand (independently of the selectors)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from pilothub.bookings.models import OrderStatus
from pilothub.bookings.vouchers.models import VoucherUse, VoucherUseStatus, VoucherWallet
from pilothub.demands.models import DemandResponse, DemandStatus, Quote, QuoteStatus
from pilothub.evaluation.models import CertifiedTier
from pilothub.platforms.models import Industry, Platform, PlatformStatus
from pilothub.policy.models import ApplicationStatus, Budget, SubsidyApplication
from pilothub.testing import factories as f

TZ = dt.timezone(dt.timedelta(hours=8))


def at(year: int, month: int = 6, day: int = 1, hour: int = 12) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=TZ)


@dataclass
class World:
    platforms: list[Platform] = field(default_factory=list)
    orders: list = field(default_factory=list)
    demands: list = field(default_factory=list)
    response_delays_h: list[float] = field(default_factory=list)
    wallets: list = field(default_factory=list)
    uses: list = field(default_factory=list)
    budgets: list = field(default_factory=list)
    applications: list = field(default_factory=list)
    industries: dict[str, Industry] = field(default_factory=dict)


def _industry(code: str, name: str, parent: Industry | None = None) -> Industry:
    industry, _ = Industry.objects.get_or_create(code=code, defaults={"name": name, "parent": parent})
    return industry


@pytest.fixture
def world(db) -> World:
    w = World()
    new_energy = _industry("new-energy", "新能源")
    w.industries = {"hydrogen": _industry("hydrogen", "氢能", new_energy), "photovoltaic": _industry("photovoltaic", "光伏", new_energy),
                    "textile-apparel": _industry("textile-apparel", "纺织服装"),
                    "new-materials": _industry("new-materials", "新材料")}
    # 嘉兴: (district, tier, status, industries, open_sharing, created year)
    specs = [
        ("330402", "provincial", PlatformStatus.PUBLISHED, ["hydrogen"], True, 2024),
        ("330481", "provincial", PlatformStatus.PUBLISHED, ["textile-apparel", "hydrogen"], True, 2025),
        ("330402", "national", PlatformStatus.PUBLISHED, ["new-materials"], True, 2025),
        ("330481", "municipal", PlatformStatus.PUBLISHED, [], False, 2023),
        ("330481", "municipal", PlatformStatus.PUBLISHED, ["photovoltaic"], True, 2026),
        ("330400", "cultivating", PlatformStatus.PUBLISHED, [], True, 2026),
        ("330402", "provincial", PlatformStatus.WITHDRAWN, ["health-food"], True, 2024),
        ("110116", "national", PlatformStatus.PUBLISHED, ["textile-apparel"], True, 2024),
        ("110108", "national", PlatformStatus.PUBLISHED, [], True, 2025),
    ]
    for i, (code, tier, status, industries, sharing, year) in enumerate(specs):
        platform = f.PlatformFactory(region=f.region(code), tier=tier, status=status, open_sharing=sharing,
                                     created_at=at(year, 3, 1), latitude=30.7 + i / 100, longitude=120.7 + i / 100)
        platform.industries.set([w.industries[c] for c in industries if c in w.industries])
        w.platforms.append(platform)
    # The first provincial platform was certified in 2025 (though listed in 2024): the trend uses 2025.
    CertifiedTier.objects.create(platform=w.platforms[0], tier="provincial", valid_from=dt.date(2025, 5, 1),
                                 valid_until=dt.date(2028, 4, 30))

    jx = w.platforms
    customer = f.OrganisationFactory(region=f.region("330402"))
    # (platform, year, status, external, contract amount)
    order_specs = [
        (jx[0], 2025, OrderStatus.ACCEPTED, True, 100_000),
        (jx[0], 2025, OrderStatus.CONTRACTED, False, 50_000),
        (jx[1], 2025, OrderStatus.INQUIRY, True, None),
        (jx[1], 2026, OrderStatus.RATED, True, 30_000),
        (jx[2], 2026, OrderStatus.CANCELLED, True, 999_999),
        (jx[3], 2026, OrderStatus.DELIVERED, True, 70_000),  # not open to sharing: no public service
        (jx[4], 2026, OrderStatus.QUOTED, True, None),       # only quoted: not served yet
        (jx[7], 2026, OrderStatus.ACCEPTED, True, 5_000_000),  # Beijing
    ]
    for platform, year, status, external, amount in order_specs:
        w.orders.append(f.ServiceOrderFactory(platform=platform, customer=customer, status=status, is_external=external,
                                              contract_amount=amount, created_at=at(year, 4, 2)))

    enterprise = f.OrganisationFactory(region=f.region("330481"))
    # (published, first responses as (interested hours, quote hours) after publication, accepted?)
    demand_specs = [
        (at(2025, 2, 1), [(5, None), (None, 2)], True),      # first response 2 h
        (at(2025, 8, 1), [(10, 12)], False),                 # 10 h
        (at(2026, 1, 5), [(None, 30)], True),                # 30 h
        (at(2026, 3, 5), [], False),                         # no response
        (at(2026, 4, 5), [(1, None)], False),                # 1 h
    ]
    for published, responses, accepted in demand_specs:
        demand = f.DemandFactory(enterprise=enterprise, published_at=published, status=DemandStatus.OPEN)
        w.demands.append(demand)
        hours = []
        for j, (interest, quote) in enumerate(responses):
            platform = jx[j]
            DemandResponse.objects.create(
                demand=demand, platform=platform,
                interested_at=published + dt.timedelta(hours=interest) if interest is not None else None,
                first_quote_at=published + dt.timedelta(hours=quote) if quote is not None else None)
            hours += [h for h in (interest, quote) if h is not None]
        if hours:
            w.response_delays_h.append(min(hours))
        if accepted:
            Quote.objects.create(demand=demand, platform=jx[0], price=1000, duration_days=10,
                                 status=QuoteStatus.ACCEPTED)
    f.DemandFactory(enterprise=enterprise, published_at=None, status=DemandStatus.DRAFT)  # a draft: not counted

    org2 = f.OrganisationFactory(region=f.region("330402"))
    for org, year, cap in ((enterprise, 2025, 100_000), (org2, 2025, 50_000), (enterprise, 2026, 80_000)):
        w.wallets.append(VoucherWallet.objects.create(organisation=org, rule_region=f.region("330400"), year=year, cap=cap,
                                                      used_amount=0, citation="测试", rule_effective_from=dt.date(2025, 1, 1)))
    for wallet, amount, status in ((w.wallets[0], 20_000, VoucherUseStatus.APPLIED),
                                   (w.wallets[0], 5_000, VoucherUseStatus.RELEASED),
                                   (w.wallets[1], 7_000, VoucherUseStatus.APPLIED),
                                   (w.wallets[2], 11_000, VoucherUseStatus.APPLIED)):
        w.uses.append(VoucherUse.objects.create(wallet=wallet, order=w.orders[0], platform=jx[0], amount=amount,
                                                status=status))

    w.budgets = [Budget.objects.create(measure="jiaxing.certification", region=f.region("330400"), year=2025,
                                       amount=10_000_000),
                 Budget.objects.create(measure="jiaxing.reward", region=f.region("330400"), year=2025, amount=2_000_000),
                 Budget.objects.create(measure="beijing.x", region=f.region("110000"), year=2025, amount=99_000_000)]
    applicant_user = f.UserFactory(organisation=enterprise)
    for amount, status in ((3_000_000, ApplicationStatus.PAID), (1_000_000, ApplicationStatus.PUBLICISED),
                           (500_000, ApplicationStatus.SUBMITTED), (700_000, ApplicationStatus.REJECTED)):
        w.applications.append(SubsidyApplication.objects.create(
            applicant=enterprise, submitted_by=applicant_user, project_name="测试项目", measure="jiaxing.certification",
            measure_name="认定奖励", citation="嘉经信技装〔2025〕47号", issuing_region=f.region("330400"),
            project_region=f.region("330481"), project_type="certification", request={}, amount=amount,
            explanation="", trace={}, engine_version="1", rules_digest="x", budget_year=2025, status=status,
            submitted_at=timezone.now()))
    return w
