"""Property tests: amounts never exceed caps, are never negative, never fall as inputs grow."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pilothub.policy.engine import evaluate

from .conftest import make_request, param

MONEY = st.integers(min_value=0, max_value=10**11)
SETTINGS = settings(max_examples=60, deadline=None)


def amounts(result: dict[str, Any]) -> dict[str, int]:
    return {item["measure"]: item["amount"] for item in result["items"]}


def _caps() -> dict[str, int]:
    bj_caps = param("beijing_2026_1", "new_platform.cap")
    return {
        "beijing_2026_1.new_platform": max(bj_caps.values()),
        "beijing_2026_1.major_capability": param("beijing_2026_1", "major_capability.cap"),
        "beijing_2026_1.digital_upgrade": param("beijing_2026_1", "digital_upgrade.cap"),
        "beijing_2026_1.green_upgrade": param("beijing_2026_1", "green_upgrade.cap"),
        "beijing_2026_1.innovation_voucher": param("beijing_2026_1", "innovation_voucher.annual_limit"),
        "huairou_draft.new_platform": param("huairou_draft", "new_platform.cap_enhanced"),
        "huairou_draft.digital_upgrade": param("huairou_draft", "upgrade.cap"),
        "huairou_draft.green_upgrade": param("huairou_draft", "upgrade.cap"),
        "huairou_draft.test_contract": param("huairou_draft", "test_contract.cap"),
        "huairou_draft.standards": param("huairou_draft", "standards.company_cap"),
        "huairou_draft.ip_pledge_interest": param("huairou_draft", "ip_pledge_interest.cap"),
        "huairou_draft.ip_guarantee_fee": param("huairou_draft", "ip_guarantee_fee.cap"),
        "huairou_draft.ai_application": param("huairou_draft", "ai_application.amount"),
        "jiaxing_2025_47.national_certification": param(
            "jiaxing_2025_47", "national_certification.cap", "2025-09-01"
        ),
        "jiaxing_2025_47.provincial_certification": param(
            "jiaxing_2025_47", "provincial_certification.cap", "2025-09-01"
        ),
        "jiaxing_2025_47.evaluation_reward": param(
            "jiaxing_2025_47", "evaluation_reward.amount", "2025-09-01"
        ),
    }


CAPS = _caps()


def _check_bounds(result: dict[str, Any]) -> None:
    for measure, amount in amounts(result).items():
        assert isinstance(amount, int) and amount >= 0
        if measure in CAPS:
            assert amount <= CAPS[measure], measure
    assert result["total"] == sum(i["amount"] for i in result["items"] if i["in_force"])


INDUSTRY = st.sampled_from(
    ["人工智能", "新材料", "未来产业", "新一代信息技术", "智能网联新能源汽车", "纺织服装"]
)


@SETTINGS
@given(INDUSTRY, MONEY, MONEY, st.booleans(), st.booleans(), st.booleans())
def test_new_platform_bounded_and_monotonic(
    industry, investment, extra, independent, municipal, science_city
):
    def run(total: int) -> dict[str, Any]:
        project = {
            "type": "new_platform",
            "industry": industry,
            "total_investment": total,
            "has_municipal_support": municipal,
            "uses_science_city_facilities": science_city,
        }
        return evaluate(make_request(project, independent_legal_entity=independent))

    low, high = run(investment), run(investment + extra)
    _check_bounds(low)
    _check_bounds(high)
    for measure, amount in amounts(low).items():
        assert amounts(high)[measure] >= amount
    if not (independent or science_city):
        assert amounts(high)["huairou_draft.new_platform"] <= param("huairou_draft", "new_platform.cap")


@SETTINGS
@given(st.sampled_from(["digital_upgrade", "green_upgrade"]), MONEY, MONEY, MONEY)
def test_upgrades_bounded_and_monotonic(kind, fixed, extra_fixed, extra_total):
    def run(fixed_assets: int, total: int) -> dict[str, Any]:
        project = {"type": kind, "total_investment": total, "fixed_asset_investment": fixed_assets}
        return evaluate(make_request(project))

    low = run(fixed, fixed)
    high = run(fixed + extra_fixed, fixed + extra_fixed + extra_total)
    _check_bounds(low)
    _check_bounds(high)
    for measure, amount in amounts(low).items():
        assert amounts(high)[measure] >= amount


@SETTINGS
@given(
    st.one_of(st.integers(0, 10**6), st.floats(0, 10**6, allow_nan=False)),
    st.integers(0, 200),
    st.integers(0, 10**8),
    st.integers(0, 10**5),
    st.integers(0, 100),
    st.integers(0, 10**7),
)
def test_rent_bounded_and_monotonic(area, months, monthly, more_area, more_months, more_rent):
    def run(a: float, m: int, r: int) -> int:
        project = {"type": "rent", "rent_area_m2": a, "rent_months": m, "monthly_rent": r}
        return amounts(evaluate(make_request(project)))["huairou_draft.rent"]

    amount = run(area, months, monthly)
    assert amount >= 0
    # Never more than the whole rent of the capped period.
    assert amount <= monthly * min(months, param("huairou_draft", "rent.max_months"))
    assert run(area, months + more_months, monthly + more_rent) >= amount
    # A larger area with the same total rent lowers the subsidised share, never raises it.
    if area > 0:
        assert run(area + more_area, months, monthly) <= amount


@SETTINGS
@given(
    st.sampled_from(
        [
            "test_contract",
            "ip_pledge_interest",
            "ip_guarantee_fee",
            "national_certification",
            "provincial_certification",
            "major_capability",
        ]
    ),
    MONEY,
    MONEY,
)
def test_single_base_measures_bounded_and_monotonic(kind, base, extra):
    field = {
        "test_contract": "contract_amount",
        "ip_pledge_interest": "loan_interest",
        "ip_guarantee_fee": "guarantee_fee",
        "national_certification": "equipment_investment",
        "provincial_certification": "equipment_investment",
        "major_capability": "total_investment",
    }[kind]
    region = "330402" if "certification" in kind else "110116"
    flags = {
        "test_contract": {"platform_in_municipal_list": False},
        "ip_pledge_interest": {"repaid_on_time": True},
    }

    def run(value: int) -> dict[str, Any]:
        return evaluate(make_request({"type": kind, field: value, **flags.get(kind, {})}, region=region))

    low, high = run(base), run(base + extra)
    _check_bounds(low)
    _check_bounds(high)
    assert len(low["items"]) == 1
    assert high["items"][0]["amount"] >= low["items"][0]["amount"]


@SETTINGS
@given(st.lists(st.sampled_from(["international", "national", "industry"]), max_size=6), MONEY)
def test_standards_never_exceed_company_cap(levels, received):
    project = {"type": "standards", "standards": levels, "standards_support_received": received}
    result = evaluate(make_request(project))
    _check_bounds(result)
    cap = param("huairou_draft", "standards.company_cap")
    assert result["total"] <= max(0, cap - received)


@SETTINGS
@given(st.booleans(), MONEY, MONEY)
def test_voucher_never_negative_nor_above_remaining(sme, used, requested):
    project = {"type": "innovation_voucher", "voucher_used_this_year": used, "voucher_requested": requested}
    result = evaluate(make_request(project, sme=sme))
    _check_bounds(result)
    limit = param("beijing_2026_1", "innovation_voucher.annual_limit")
    assert result["total"] <= min(requested, max(0, limit - used))
