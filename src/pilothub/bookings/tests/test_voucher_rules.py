"""Pure-Python tests of the voucher rule data (no Django)."""

import datetime

import pytest

from pilothub.bookings.vouchers.rules import is_eligible, load_rules, parse_rules, rule_for

D = datetime.date


def test_beijing_rule_is_cited_and_dated():
    version = rule_for(region_codes=["110000"], on=D(2026, 6, 1)).version
    assert version is not None
    assert (version.yearly_cap, version.citation, version.effective_from) == (
        500_000, "京发改规〔2026〕1号 第5条", D(2026, 1, 4))


def test_sub_regions_inherit_the_nearest_ancestor_rule():
    lookup = rule_for(region_codes=["110116", "110000"], on=D(2026, 6, 1))
    assert lookup.version is not None and lookup.version.region == "110000"


@pytest.mark.parametrize("on, expected", [(D(2026, 1, 3), "not_in_force"), (D(2026, 1, 4), "")])
def test_the_effective_date_is_inclusive(on, expected):
    assert rule_for(region_codes=["110116", "110000"], on=on).reason == expected


def test_regions_without_a_rule_say_so():
    lookup = rule_for(region_codes=["330402", "330400", "330000"], on=D(2026, 6, 1))
    assert (lookup.version, lookup.reason) == (None, "no_rule")


def test_a_revision_adds_a_version_and_keeps_the_old_one():
    rules = parse_rules({"rules": [{"region": "110000", "name": "券", "versions": [
        {"effective_from": D(2026, 1, 4), "yearly_cap": 500_000, "eligibility": ["is_tech_sme"], "citation": "c1",
         "mode": "tongdui"},
        {"effective_from": D(2027, 1, 1), "yearly_cap": 600_000, "eligibility": ["is_tech_sme"], "citation": "c2",
         "mode": "tongyong"},
    ]}]})
    assert rule_for(region_codes=["110000"], on=D(2026, 12, 31), rules=rules).version.yearly_cap == 500_000
    assert rule_for(region_codes=["110000"], on=D(2027, 1, 1), rules=rules).version.yearly_cap == 600_000


@pytest.mark.parametrize("facts, eligible", [
    ({"is_tech_sme": True, "is_sme": True}, True),
    ({"is_tech_sme": False, "is_sme": True}, False),
    ({}, False),
])
def test_eligibility_needs_the_tech_sme_designation(facts, eligible):
    version = load_rules()["110000"][0]
    assert is_eligible(version, facts) is eligible


@pytest.mark.parametrize("version, message", [
    ({"effective_from": D(2026, 1, 1), "yearly_cap": 1, "eligibility": ["is_big"], "citation": "c"}, "unknown"),
    ({"effective_from": D(2026, 1, 1), "yearly_cap": 0.5, "citation": "c"}, "positive integer"),
    ({"effective_from": D(2026, 1, 1), "yearly_cap": 1}, "citation"),
])
def test_malformed_rules_are_refused(version, message):
    with pytest.raises(ValueError, match=message):
        parse_rules({"rules": [{"region": "1", "name": "x", "versions": [version]}]})
