"""Runs every YAML scenario in tests/scenarios/ (OpenFisca-style readable cases).

A scenario file has optional `defaults` (a partial request merged under each case) and `cases`.
Each case gives a Chinese `name`, a partial `request`, optionally `region_chain`, and either
`expect` (the exact list of measures, in order, with the keys to compare, plus `total`) or
`expect_error` (field and code of the PolicyInputError).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from pilothub.policy.engine import PolicyInputError, evaluate

SCENARIO_DIR = Path(__file__).parent / "scenarios"


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _cases() -> list[Any]:
    params = []
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        defaults = doc.get("defaults") or {}
        for case in doc["cases"]:
            params.append(
                pytest.param(
                    _merge(defaults, case.get("request") or {}), case, id=f"{path.stem}:{case['name']}"
                )
            )
    return params


CASES = _cases()


def test_scenarios_were_found() -> None:
    assert len(CASES) >= 80


@pytest.mark.parametrize(("request_", "case"), CASES)
def test_scenario(request_: dict[str, Any], case: dict[str, Any]) -> None:
    chain = case.get("region_chain")
    if "expect_error" in case:
        with pytest.raises(PolicyInputError) as info:
            evaluate(request_, chain)
        assert {"field": info.value.field, "code": info.value.code} == case["expect_error"]
        return
    expect = case["expect"]
    result = evaluate(request_, chain)
    got_ids = [item["measure"] for item in result["items"]]
    want_ids = [item["measure"] for item in expect["items"]]
    assert got_ids == want_ids, "the applicable measures differ"
    for got, want in zip(result["items"], expect["items"], strict=True):
        for key, value in want.items():
            if key == "explanation_contains":
                for fragment in [value] if isinstance(value, str) else value:
                    assert fragment in got["explanation"], got["explanation"]
            else:
                assert got[key] == value, f"{got['measure']}.{key}: {got[key]!r} != {value!r}"
    assert result["total"] == expect["total"]
    if "total_excluding_draft" in expect:
        assert result["total_excluding_draft"] == expect["total_excluding_draft"]
