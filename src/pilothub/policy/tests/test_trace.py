"""Traces: every item carries the inputs, parameters with citations and dates, formula and version."""

from __future__ import annotations

import json

from pilothub.policy.engine import ENGINE_VERSION, default_rulebook, evaluate, recompute

from .conftest import make_request

PLATFORM = {
    "type": "new_platform",
    "industry": "新一代信息技术",
    "total_investment": 123_456_789,
    "has_municipal_support": True,
    "uses_science_city_facilities": False,
}


def test_trace_names_every_parameter_used_with_citation_and_date():
    result = evaluate(make_request(PLATFORM, independent_legal_entity=True))
    beijing, huairou = result["items"]
    trace = beijing["trace"]
    assert trace["engine_version"] == ENGINE_VERSION
    assert trace["rules_digest"] == default_rulebook().digest
    assert trace["formula"] == "beijing.new_platform.v1"
    assert trace["formula_effective_from"] == "2026-01-04"
    assert trace["in_force"] == {
        "value": True,
        "effective_from": "2026-01-04",
        "citation": "京发改规〔2026〕1号 印发通知（2026年1月4日印发）",
        "assumed": False,
    }
    names = [p["name"] for p in trace["parameters"]]
    assert names == [
        "beijing_2026_1:new_platform.industry_groups",
        "beijing_2026_1:new_platform.rate_independent_entity",
        "beijing_2026_1:new_platform.cap",
    ]
    assert all(p["citation"] == "京发改规〔2026〕1号 第1条" for p in trace["parameters"])
    assert all(p["effective_from"] == "2026-01-04" for p in trace["parameters"])
    assert trace["steps"]["rate"] == "0.35" and trace["steps"]["industry_group"] == "能级提升产业"
    assert trace["request"]["project"] == PLATFORM
    assert huairou["trace"]["document"]["draft"] is True
    assert huairou["trace"]["in_force"]["assumed"] is True


def test_trace_survives_json_and_recomputes_the_same_amount():
    result = evaluate(make_request(PLATFORM))
    for item in result["items"]:
        stored = json.loads(json.dumps(item["trace"], ensure_ascii=False))
        again = recompute(stored)
        assert again["amount"] == item["amount"]
        assert again["trace"]["parameters"] == item["trace"]["parameters"]


def test_not_in_force_item_has_a_trace_without_parameters():
    item = evaluate(make_request(PLATFORM, as_of="2026-01-03"))["items"][0]
    assert item["in_force"] is False and item["amount"] == 0
    assert item["trace"]["in_force"]["value"] is False
    assert item["trace"]["formula"] is None and item["trace"]["parameters"] == []


def test_assumed_jiaxing_rate_is_flagged_in_trace():
    item = evaluate(
        make_request({"type": "national_certification", "equipment_investment": 1_000_000}, region="330402")
    )["items"][0]
    rate = next(p for p in item["trace"]["parameters"] if p["name"].endswith("certification.equipment_rate"))
    assert rate["assumed"] is True
    assert item["estimate"] is True


def test_total_is_sum_of_in_force_items_and_notes_explain_stacking():
    result = evaluate(make_request(PLATFORM))
    assert result["total"] == sum(i["amount"] for i in result["items"])
    assert result["total_excluding_draft"] == result["items"][0]["amount"]
    assert any("叠加" in note for note in result["notes"])
    assert any("征求意见稿" in note for note in result["notes"])


def test_every_huairou_item_is_draft_and_says_so():
    projects = [
        PLATFORM,
        {"type": "rent", "rent_area_m2": 100, "rent_months": 3, "monthly_rent": 5000},
        {"type": "test_contract", "contract_amount": 1000, "platform_in_municipal_list": False},
        {"type": "digital_upgrade", "total_investment": 10**7, "fixed_asset_investment": 10**7},
        {"type": "green_upgrade", "total_investment": 10**7, "fixed_asset_investment": 10**7},
        {"type": "ai_application"},
        {"type": "standards", "standards": ["industry"]},
        {"type": "ip_pledge_interest", "loan_interest": 1000, "repaid_on_time": True},
        {"type": "ip_guarantee_fee", "guarantee_fee": 1000},
    ]
    for as_of in ("2026-01-03", "2026-03-01"):
        for project in projects:
            for item in evaluate(make_request(project, as_of=as_of))["items"]:
                assert item["draft"] is (item["region"] == "110116")
                if item["draft"]:
                    assert item["explanation"].startswith("【征求意见稿")
