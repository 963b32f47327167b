"""Indicator systems (评价指标体系) as data, and the pure scoring of one platform's values.

No Django here: a policy officer's YAML file in `data/indicators/<region>.yaml` holds, per
effective year, the five dimensions (中试能力、对外开放、服务水平、规范管理、综合效益) with weights,
their indicators with a scoring rule each, the grade thresholds and the consequence rule. A year is
scored with the newest version whose `effective_year` is not after it, so last year's scores can be
recomputed after a revision. A region without its own file uses its nearest ancestor's (怀柔 →
北京). Every score carries its trace: values, rules, weights, version and citations.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data" / "indicators"
GRADES = ("优秀", "良好", "合格", "不合格")
DIMENSION_CODES = ("capability", "openness", "service", "management", "benefit")
RULE_TYPES = ("linear", "banded", "boolean")
ESCALATIONS = ("demotion", "removal")


class IndicatorSystemError(ValueError):
    """A YAML indicator system is malformed (a bug in the data, never the user's)."""


class NoIndicatorSystem(LookupError):
    """No region in the chain has an indicator system in force for the year."""


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    source: str  # "system" (PilotHub computes it) or "declared" (the operator declares it)
    key: str  # for system indicators: which system figure
    weight: float
    rule: dict[str, Any]
    unit: str = ""
    citation: str = ""


@dataclass(frozen=True)
class Dimension:
    code: str
    name: str
    weight: float
    citation: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class ConsequenceRule:
    citation: str
    warning_grades: tuple[str, ...]
    consecutive_grade: str | None
    consecutive_years: int
    escalation: str
    reward_check: bool


@dataclass(frozen=True)
class IndicatorSystem:
    region: str  # the region whose file this is (may be an ancestor of the evaluated one)
    region_name: str
    document: str
    effective_year: int
    citation: str
    note: str
    dimensions: tuple[Dimension, ...]
    grades: tuple[tuple[str, float], ...]  # (grade, inclusive minimum), best first
    consequences: ConsequenceRule

    @property
    def version(self) -> str:
        return f"{self.region}@{self.effective_year}"

    def indicators(self) -> list[Indicator]:
        return [indicator for dimension in self.dimensions for indicator in dimension.indicators]

    def indicator(self, code: str) -> Indicator:
        for indicator in self.indicators():
            if indicator.code == code:
                return indicator
        raise KeyError(code)

    def grade_for(self, total: float) -> str:
        for grade, minimum in self.grades:
            if total >= minimum:
                return grade
        return self.grades[-1][0]


def _rule(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict) or raw.get("type") not in RULE_TYPES:
        raise IndicatorSystemError(f"{where}: rule.type must be one of {RULE_TYPES}")
    if raw["type"] == "linear" and not float(raw["high"]) > float(raw["low"]):
        raise IndicatorSystemError(f"{where}: linear rule needs high > low")
    if raw["type"] == "banded":
        mins = [float(band["min"]) for band in raw["bands"]]
        if mins != sorted(mins) or len(set(mins)) != len(mins):
            raise IndicatorSystemError(f"{where}: bands must be in increasing order of min")
    return dict(raw)


def _parse_version(doc: dict[str, Any], raw: dict[str, Any]) -> IndicatorSystem:
    where = f"{doc['region']}@{raw.get('effective_year')}"
    dimensions = []
    for dim in raw["dimensions"]:
        indicators = tuple(
            Indicator(code=str(ind["code"]), name=str(ind["name"]), source=str(ind["source"]),
                      key=str(ind.get("key", "")), weight=float(ind["weight"]),
                      rule=_rule(ind.get("rule"), f"{where} {ind['code']}"), unit=str(ind.get("unit", "")),
                      citation=str(ind.get("citation", dim.get("citation", ""))))
            for ind in dim["indicators"])
        for indicator in indicators:
            if indicator.source not in ("system", "declared"):
                raise IndicatorSystemError(f"{where} {indicator.code}: source must be system or declared")
            if indicator.source == "system" and not indicator.key:
                raise IndicatorSystemError(f"{where} {indicator.code}: a system indicator needs a key")
        dimensions.append(Dimension(code=str(dim["code"]), name=str(dim["name"]), weight=float(dim["weight"]),
                                    citation=str(dim.get("citation", "")), indicators=indicators))
    if tuple(d.code for d in dimensions) != DIMENSION_CODES:
        raise IndicatorSystemError(f"{where}: the five dimensions must be {DIMENSION_CODES} in that order")
    grades = tuple((str(g["grade"]), float(g["min_score"])) for g in raw["grades"])
    if tuple(g for g, _ in grades) != GRADES or [m for _, m in grades] != sorted([m for _, m in grades], reverse=True):
        raise IndicatorSystemError(f"{where}: grades must be {GRADES} with decreasing minimums")
    codes = [i.code for d in dimensions for i in d.indicators]
    if len(codes) != len(set(codes)):
        raise IndicatorSystemError(f"{where}: indicator codes must be unique")
    cons = raw["consequences"]
    consecutive = cons.get("consecutive") or {}
    if cons.get("escalation") not in ESCALATIONS:
        raise IndicatorSystemError(f"{where}: consequences.escalation must be one of {ESCALATIONS}")
    rule = ConsequenceRule(
        citation=str(cons.get("citation", "")), warning_grades=tuple(cons.get("warning_grades", [])),
        consecutive_grade=consecutive.get("grade"), consecutive_years=int(consecutive.get("years", 0)),
        escalation=str(cons["escalation"]), reward_check=bool(cons.get("reward_check", False)))
    return IndicatorSystem(region=str(doc["region"]), region_name=str(doc["region_name"]),
                           document=str(doc["document"]), effective_year=int(raw["effective_year"]),
                           citation=str(raw.get("citation", "")), note=str(raw.get("note", "")),
                           dimensions=tuple(dimensions), grades=grades, consequences=rule)


@functools.cache
def _load_region(code: str) -> tuple[IndicatorSystem, ...]:
    path = DATA_DIR / f"{code}.yaml"
    if not path.exists():
        return ()
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    versions = tuple(sorted((_parse_version(doc, raw) for raw in doc["versions"]), key=lambda s: s.effective_year))
    return versions


def shipped_regions() -> list[str]:
    return sorted(path.stem for path in DATA_DIR.glob("*.yaml"))


def system_for(region_chain: list[str], year: int) -> IndicatorSystem:
    """The indicator system for `year` of the first region in the chain (region first, root last) that has one."""
    for code in region_chain:
        versions = [v for v in _load_region(code) if v.effective_year <= year]
        if versions:
            return versions[-1]
        if _load_region(code):
            # The region has its own system, just not yet in force: do not fall back to the parent's.
            break
    raise NoIndicatorSystem(f"no indicator system for {region_chain} in {year}")


# --- scoring -------------------------------------------------------------------------------


def rule_score(rule: dict[str, Any], value: Any) -> float:
    """A 0–100 score for one value under one rule. Thresholds are inclusive at both ends."""
    kind = rule["type"]
    if kind == "boolean":
        return 100.0 if bool(value) else 0.0
    number = float(value)
    if kind == "linear":
        low, high = float(rule["low"]), float(rule["high"])
        if number <= low:
            return 0.0
        if number >= high:
            return 100.0
        return round((number - low) / (high - low) * 100, 2)
    score = 0.0
    for band in rule["bands"]:
        if number >= float(band["min"]):
            score = float(band["score"])
    return score


@dataclass
class ScoreResult:
    total: float
    grade: str
    dimensions: dict[str, float]
    trace: dict[str, Any] = field(default_factory=dict)


def score(system: IndicatorSystem, values: dict[str, Any]) -> ScoreResult:
    """Score a platform's indicator values (code → number/bool; None or absent = missing → 0)."""
    dimension_scores: dict[str, float] = {}
    trace_dims = []
    weighted = 0.0
    for dim in system.dimensions:
        total_weight = sum(i.weight for i in dim.indicators)
        acc = 0.0
        items = []
        for ind in dim.indicators:
            value = values.get(ind.code)
            points = 0.0 if value is None else rule_score(ind.rule, value)
            acc += points * ind.weight
            items.append({"code": ind.code, "name": ind.name, "value": value, "missing": value is None,
                          "rule": ind.rule, "weight": ind.weight, "score": points, "source": ind.source,
                          "unit": ind.unit, "citation": ind.citation})
        dim_score = round(acc / total_weight, 2) if total_weight else 0.0
        dimension_scores[dim.code] = dim_score
        weighted += dim_score * dim.weight
        trace_dims.append({"code": dim.code, "name": dim.name, "weight": dim.weight, "score": dim_score,
                           "citation": dim.citation, "indicators": items})
    total = round(weighted / sum(d.weight for d in system.dimensions), 2)
    grade = system.grade_for(total)
    trace = {"version": system.version, "document": system.document, "citation": system.citation,
             "grades": [list(g) for g in system.grades], "dimensions": trace_dims, "total": total, "grade": grade}
    return ScoreResult(total=total, grade=grade, dimensions=dimension_scores, trace=trace)


# --- consequences --------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    kind: str  # "warning", "demotion" or "removal"
    reason: str


def propose_consequence(rule: ConsequenceRule, *, year: int, grade: str, previous_grades: dict[int, str],
                        on_warning: bool, tier_is_lowest: bool) -> Proposal | None:
    """What the region's rule proposes after a grade; nothing is applied here.

    `previous_grades` maps earlier years to grades; `on_warning` says whether a warning applied
    earlier is still standing. A platform already on warning that triggers again is escalated
    (demotion one tier down, or removal when it is at the lowest tier or the rule says removal).
    """
    trigger = None
    if grade in rule.warning_grades:
        trigger = f"{year} 年度评估结果为「{grade}」"
    elif rule.consecutive_grade and rule.consecutive_years >= 2 and grade == rule.consecutive_grade:
        years = [year - n for n in range(rule.consecutive_years)]
        if all((previous_grades.get(y) if y != year else grade) == rule.consecutive_grade for y in years):
            trigger = (f"连续 {rule.consecutive_years} 个年度（{'、'.join(str(y) for y in sorted(years))}）"
                       f"评估结果均为「{rule.consecutive_grade}」")
    if trigger is None:
        return None
    if not on_warning:
        return Proposal("warning", f"{trigger}，按{rule.citation}提出预警。")
    kind = "removal" if rule.escalation == "removal" or tier_is_lowest else "demotion"
    action = "撤销认定、移出名单" if kind == "removal" else "降低一个层级"
    return Proposal(kind, f"{trigger}，且平台处于预警期，按{rule.citation}提出{action}。")
