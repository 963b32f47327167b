"""The indicator systems and scoring rules, pure Python (no database)."""

import pytest

from pilothub.evaluation import indicators as ind


def test_every_shipped_system_loads_with_the_five_dimensions_and_cited_clauses():
    assert ind.shipped_regions() == ["110000", "330400", "442000"]
    for code in ind.shipped_regions():
        system = ind.system_for([code], 2025)
        assert [d.name for d in system.dimensions] == ["中试能力", "对外开放", "服务水平", "规范管理", "综合效益"]
        assert sum(d.weight for d in system.dimensions) == 100
        assert system.citation and all(d.citation for d in system.dimensions)
        assert [g for g, _ in system.grades] == ["优秀", "良好", "合格", "不合格"]


def test_huairou_inherits_beijing_and_a_region_without_a_system_raises():
    assert ind.system_for(["110116", "110000"], 2025).version == "110000@2025"
    assert ind.system_for(["330402", "330400", "330000"], 2026).version == "330400@2025"
    with pytest.raises(ind.NoIndicatorSystem):
        ind.system_for(["110116", "110000"], 2024)
    with pytest.raises(ind.NoIndicatorSystem):
        ind.system_for(["440000"], 2025)


@pytest.mark.parametrize(("value", "expected"), [(0, 0.0), (-5, 0.0), (25, 50.0), (50, 100.0), (70, 100.0)])
def test_linear_rule_is_inclusive_at_both_thresholds(value, expected):
    assert ind.rule_score({"type": "linear", "low": 0, "high": 50}, value) == expected


@pytest.mark.parametrize(("value", "expected"), [(0, 0.0), (0.99, 0.0), (1, 60.0), (2, 60.0), (3, 100.0)])
def test_banded_rule_takes_the_highest_band_reached(value, expected):
    rule = {"type": "banded", "bands": [{"min": 0, "score": 0}, {"min": 1, "score": 60}, {"min": 3, "score": 100}]}
    assert ind.rule_score(rule, value) == expected


def test_boolean_rule():
    assert ind.rule_score({"type": "boolean"}, True) == 100.0
    assert ind.rule_score({"type": "boolean"}, False) == 0.0


def _full_marks(system):
    values = {}
    for i in system.indicators():
        rule = i.rule
        values[i.code] = True if rule["type"] == "boolean" else (
            rule["high"] if rule["type"] == "linear" else rule["bands"][-1]["min"])
    return values


def test_full_marks_score_100_and_missing_values_score_zero():
    system = ind.system_for(["330400"], 2025)
    result = ind.score(system, _full_marks(system))
    assert result.total == 100.0 and result.grade == "优秀"
    empty = ind.score(system, {})
    assert empty.total == 0.0 and empty.grade == "不合格"
    assert all(item["missing"] for d in empty.trace["dimensions"] for item in d["indicators"])


def test_grade_thresholds_are_inclusive():
    system = ind.system_for(["110000"], 2025)
    assert system.grade_for(85) == "优秀"
    assert system.grade_for(84.99) == "良好"
    assert system.grade_for(75) == "良好"
    assert system.grade_for(60) == "合格"
    assert system.grade_for(59.99) == "不合格"


def test_dimension_weights_drive_the_total():
    system = ind.system_for(["442000"], 2025)
    values = {i.code: v for i, v in ((i, _full_marks(system)[i.code]) for i in system.indicators())
              if system.dimensions[1].indicators.__contains__(i)}
    # Only 对外开放 (weight 30 of 100 in Zhongshan) at full marks.
    result = ind.score(system, values)
    assert result.dimensions["openness"] == 100.0
    assert result.total == 30.0


def test_consequences_per_region():
    beijing = ind.system_for(["110000"], 2025).consequences
    jiaxing = ind.system_for(["330400"], 2025).consequences
    zhongshan = ind.system_for(["442000"], 2025).consequences
    # 不合格 → warning everywhere.
    for rule in (beijing, jiaxing, zhongshan):
        proposal = ind.propose_consequence(rule, year=2025, grade="不合格", previous_grades={}, on_warning=False,
                                           tier_is_lowest=False)
        assert proposal is not None and proposal.kind == "warning"
    # Two 合格 in a row: a warning in Jiaxing and Zhongshan, nothing in Beijing.
    kwargs = dict(year=2026, grade="合格", previous_grades={2025: "合格"}, on_warning=False, tier_is_lowest=False)
    assert ind.propose_consequence(beijing, **kwargs) is None
    assert ind.propose_consequence(jiaxing, **kwargs).kind == "warning"
    assert "2025、2026" in ind.propose_consequence(zhongshan, **kwargs).reason
    assert ind.propose_consequence(jiaxing, year=2026, grade="合格", previous_grades={2025: "良好"},
                                   on_warning=False, tier_is_lowest=False) is None
    # Triggered again while on warning: Jiaxing demotes (removal at the lowest tier), Zhongshan removes.
    again = dict(year=2026, grade="不合格", previous_grades={2025: "不合格"}, on_warning=True)
    assert ind.propose_consequence(jiaxing, tier_is_lowest=False, **again).kind == "demotion"
    assert ind.propose_consequence(jiaxing, tier_is_lowest=True, **again).kind == "removal"
    assert ind.propose_consequence(zhongshan, tier_is_lowest=False, **again).kind == "removal"
    assert ind.propose_consequence(beijing, year=2026, grade="良好", previous_grades={}, on_warning=True,
                                   tier_is_lowest=False) is None
