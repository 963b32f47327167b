"""list_measures: what the calculator UI shows for a region, including measures it cannot compute."""

from __future__ import annotations

import datetime as dt

from pilothub.policy.engine import default_region_chain, list_measures


def ids(entries):
    return [e["measure"] for e in entries]


def test_huairou_sees_beijing_then_huairou_including_non_computable():
    entries = list_measures(default_region_chain("110116"), "2026-03-01")
    regions = [e["region"] for e in entries]
    assert regions == sorted(regions)  # 110000 first, then 110116
    by_id = {e["measure"]: e for e in entries}
    for measure in (
        "beijing_2026_1.equipment_leasing_subsidy",
        "beijing_2026_1.construction_loan_interest",
        "beijing_2026_1.standardization_grant",
        "huairou_draft.platform_operation",
        "huairou_draft.old_factory_municipal",
        "huairou_draft.sme_loan_interest",
        "huairou_draft.non_duplication",
    ):
        assert by_id[measure]["computable"] is False
        assert by_id[measure]["reason"]
        assert by_id[measure]["formula"] is None
    assert by_id["huairou_draft.rent"]["computable"] is True
    assert by_id["huairou_draft.rent"]["formula"] == "huairou.rent.v1"
    assert all(e["draft"] for e in entries if e["region"] == "110116")
    assert not any(e["draft"] for e in entries if e["region"] == "110000")
    operation = by_id["huairou_draft.platform_operation"]["parameters"]
    assert [p["name"] for p in operation] == ["huairou_draft:platform_operation.annual_max"]
    assert by_id["beijing_2026_1.new_platform"]["citation"] == "京发改规〔2026〕1号 第1条"


def test_haidian_sees_only_beijing():
    entries = list_measures(default_region_chain("110108"), dt.date(2026, 3, 1))
    assert {e["region"] for e in entries} == {"110000"}


def test_nanhu_sees_jiaxing_and_zhongshan_town_sees_zhongshan():
    assert {e["region"] for e in list_measures(default_region_chain("330402"), "2025-09-01")} == {"330400"}
    zhongshan = list_measures(default_region_chain("442000101"), "2025-09-01")
    assert zhongshan and all(not e["computable"] for e in zhongshan)


def test_in_force_flag_follows_the_date():
    before = list_measures(["110116", "110000"], "2026-01-03")
    after = list_measures(["110116", "110000"], "2026-01-04")
    assert not any(e["in_force"] for e in before)
    assert all(e["in_force"] for e in after)
    assert all(e["effective_from"] == "2026-01-04" for e in after)


def test_jiaxing_assumed_rate_is_exposed():
    entries = {e["measure"]: e for e in list_measures(["330402", "330400", "330000"], "2025-09-01")}
    params = {p["name"]: p for p in entries["jiaxing_2025_47.national_certification"]["parameters"]}
    assert params["jiaxing_2025_47:certification.equipment_rate"]["assumed"] is True
    assert params["jiaxing_2025_47:national_certification.cap"]["value"] == 10_000_000
    assert entries["jiaxing_2025_47.national_certification"]["estimate"] is True


def test_every_computable_measure_lists_its_parameters():
    entries = list_measures(["110116", "110000"], "2026-03-01") + list_measures(
        ["330402", "330400"], "2025-09-01"
    )
    for entry in entries:
        if entry["computable"]:
            assert entry["parameters"], entry["measure"]
