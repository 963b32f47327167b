"""Validation errors name the exact field (dotted path) and code; nothing partial is returned."""

from __future__ import annotations

import pytest

from pilothub.policy.engine import PolicyInputError, default_region_chain, evaluate, list_measures

from .conftest import make_request

PLATFORM = {
    "type": "new_platform",
    "industry": "人工智能",
    "total_investment": 20_000_000,
    "has_municipal_support": False,
    "uses_science_city_facilities": False,
}


def error_of(request, chain=None) -> PolicyInputError:
    with pytest.raises(PolicyInputError) as info:
        evaluate(request, chain)
    return info.value


@pytest.mark.parametrize(
    ("mutate", "field", "code"),
    [
        (lambda r: r.pop("region"), "region", "required"),
        (lambda r: r.update(region=110116), "region", "invalid_type"),
        (lambda r: r.update(region="123456"), "region", "unknown_region"),
        (lambda r: r.pop("as_of"), "as_of", "required"),
        (lambda r: r.update(as_of="2026-13-01"), "as_of", "invalid_date"),
        (lambda r: r.update(as_of="20260301"), "as_of", "invalid_date"),
        (lambda r: r.update(as_of="2026-03-01T00:00:00"), "as_of", "invalid_date"),
        (lambda r: r.update(as_of=None), "as_of", "invalid_date"),
        (lambda r: r.pop("applicant"), "applicant", "required"),
        (lambda r: r.update(applicant=[]), "applicant", "invalid_type"),
        (lambda r: r.pop("project"), "project", "required"),
        (lambda r: r["project"].pop("type"), "project.type", "required"),
        (lambda r: r["project"].update(type="NEW_PLATFORM"), "project.type", "unknown_project_type"),
        (lambda r: r["project"].update(type=None), "project.type", "unknown_project_type"),
        (lambda r: r["project"].pop("industry"), "project.industry", "required"),
        (lambda r: r["project"].update(industry=""), "project.industry", "invalid_type"),
        (lambda r: r["project"].pop("total_investment"), "project.total_investment", "required"),
        (lambda r: r["project"].update(total_investment=None), "project.total_investment", "required"),
        (lambda r: r["project"].update(total_investment=-5), "project.total_investment", "negative"),
        (lambda r: r["project"].update(total_investment=2e7), "project.total_investment", "invalid_type"),
        (
            lambda r: r["project"].update(total_investment="20000000"),
            "project.total_investment",
            "invalid_type",
        ),
        (
            lambda r: r["project"].update(has_municipal_support="false"),
            "project.has_municipal_support",
            "invalid_type",
        ),
        (
            lambda r: r["project"].update(uses_science_city_facilities=1),
            "project.uses_science_city_facilities",
            "invalid_type",
        ),
        (
            lambda r: r["applicant"].pop("independent_legal_entity"),
            "applicant.independent_legal_entity",
            "required",
        ),
        (lambda r: r["applicant"].update(sme="yes"), "applicant.sme", "invalid_type"),
    ],
)
def test_field_errors(mutate, field, code):
    request = make_request(dict(PLATFORM))
    mutate(request)
    error = error_of(request)
    assert (error.field, error.code) == (field, code)
    assert error.message_zh and error.message_en
    assert error.to_dict() == {
        "field": field,
        "code": code,
        "message_zh": error.message_zh,
        "message_en": error.message_en,
    }


def test_request_must_be_an_object():
    assert error_of(["not", "a", "dict"]).field == "request"


def test_applicant_facts_not_used_by_the_type_are_optional():
    # Rent reads no applicant fact; an empty applicant object is enough.
    request = make_request({"type": "rent", "rent_area_m2": 100, "rent_months": 1, "monthly_rent": 1000})
    request["applicant"] = {}
    assert evaluate(request)["total"] == 1000


def test_unused_applicant_fact_is_still_type_checked():
    request = make_request({"type": "ai_application"})
    request["applicant"]["sector"] = 42
    assert (error_of(request).field, error_of(request).code) == ("applicant.sector", "invalid_type")


def test_negative_rent_area():
    error = error_of(
        make_request({"type": "rent", "rent_area_m2": -0.5, "rent_months": 1, "monthly_rent": 1})
    )
    assert (error.field, error.code) == ("project.rent_area_m2", "negative")


def test_infinite_area_is_refused():
    error = error_of(
        make_request({"type": "rent", "rent_area_m2": float("inf"), "rent_months": 1, "monthly_rent": 1})
    )
    assert (error.field, error.code) == ("project.rent_area_m2", "invalid_type")


def test_standards_element_error_names_the_list_and_the_position():
    error = error_of(make_request({"type": "standards", "standards": ["national", "group"]}))
    assert (error.field, error.code) == ("project.standards", "invalid_choice")
    assert "[1]" in error.message_en and "第 2 项" in error.message_zh


def test_evaluation_year_range():
    project = {"type": "evaluation_reward", "evaluation_year": 25, "evaluation_grade": "优秀"}
    error = error_of(make_request(project, region="330402"))
    assert (error.field, error.code) == ("project.evaluation_year", "invalid_type")


@pytest.mark.parametrize("chain", [[], "110116", ["110116", 110000], ["110116", "110116"]])
def test_bad_region_chain(chain):
    error = error_of(make_request(dict(PLATFORM)), chain)
    assert (error.field, error.code) == ("region_chain", "invalid_type")


def test_region_chain_must_start_with_the_region():
    error = error_of(make_request(dict(PLATFORM)), ["110000"])
    assert (error.field, error.code) == ("region", "region_chain_mismatch")


def test_default_chain_resolver():
    assert default_region_chain("110116") == ["110116", "110000"]
    assert default_region_chain("110400") == ["110400", "110000"]
    assert default_region_chain("330402") == ["330402", "330400", "330000"]
    assert default_region_chain("442000118") == ["442000118", "442000", "440000"]
    with pytest.raises(PolicyInputError) as info:
        default_region_chain("110199")
    assert (info.value.field, info.value.code) == ("region", "unknown_region")


def test_list_measures_validates_its_inputs():
    with pytest.raises(PolicyInputError) as info:
        list_measures(["110116", "110000"], "2026-02-30")
    assert (info.value.field, info.value.code) == ("as_of", "invalid_date")
    with pytest.raises(PolicyInputError) as info:
        list_measures("110116", "2026-03-01")
    assert info.value.field == "region_chain"


def test_request_is_not_mutated():
    request = make_request(dict(PLATFORM))
    snapshot = repr(request)
    evaluate(request)
    assert repr(request) == snapshot
