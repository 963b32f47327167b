"""The regions' quantified targets, read from `data/targets.yaml` (docs/decisions/0700)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
INDUSTRIES_FILE = Path(__file__).resolve().parent.parent / "platforms" / "data" / "industries.yaml"

METRICS = ("platforms_tier", "public_service", "key_industry_coverage", "untracked")
COMPARISONS = ("gte", "gt", "approx")
COUNT_MODES = ("exact", "at_or_above")
TIER_ORDER = ("cultivating", "municipal", "provincial", "national")


@dataclass(frozen=True)
class Target:
    id: str
    region: str
    metric: str
    comparison: str
    value: Decimal
    deadline: int
    label: str
    citation: str
    wording: str
    tier: str = ""
    count_mode: str = "exact"
    unit: str = "count"

    @property
    def required(self) -> Decimal:
        """The smallest value that meets the target ("超30家" needs 31)."""
        return self.value + 1 if self.comparison == "gt" and self.unit == "count" else self.value

    def tiers_counted(self) -> tuple[str, ...]:
        if self.count_mode == "at_or_above":
            return TIER_ORDER[TIER_ORDER.index(self.tier):]
        return (self.tier,)


def _parse(row: dict) -> Target:
    target = Target(id=str(row["id"]), region=str(row["region"]), metric=row["metric"],
                    comparison=row.get("comparison", "gte"), value=Decimal(str(row["value"])),
                    deadline=int(row["deadline"]), label=row["label"], citation=row["citation"],
                    wording=row.get("wording", ""), tier=row.get("tier", ""),
                    count_mode=row.get("count_mode", "exact"), unit=row.get("unit", "count"))
    if target.metric not in METRICS or target.comparison not in COMPARISONS or target.count_mode not in COUNT_MODES:
        raise ValueError(f"target {target.id}: unknown metric, comparison or count_mode")
    if target.metric == "platforms_tier" and target.tier not in TIER_ORDER:
        raise ValueError(f"target {target.id}: unknown tier {target.tier!r}")
    return target


@lru_cache(maxsize=1)
def _load() -> tuple[tuple[Target, ...], dict[str, tuple[str, ...]]]:
    raw = yaml.safe_load((DATA / "targets.yaml").read_text(encoding="utf-8"))
    targets = tuple(_parse(row) for row in raw["targets"])
    if len({t.id for t in targets}) != len(targets):
        raise ValueError("duplicate target id in targets.yaml")
    excluded = {str(code): tuple(groups) for code, groups in (raw.get("coverage_exclude_groups") or {}).items()}
    return targets, excluded


def all_targets() -> tuple[Target, ...]:
    return _load()[0]


def targets_for_region(code: str) -> list[Target]:
    return [target for target in all_targets() if target.region == code]


def coverage_excluded_groups(code: str) -> tuple[str, ...]:
    return _load()[1].get(code, ())


@dataclass(frozen=True)
class KeyIndustry:
    group_code: str
    group_name: str
    citation: str
    region: str
    code: str
    name: str


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, str], dict[str, str | None], dict]:
    raw = yaml.safe_load(INDUSTRIES_FILE.read_text(encoding="utf-8"))
    names = {row["code"]: row["name"] for row in raw["industries"]}
    parents = {row["code"]: row.get("parent") for row in raw["industries"]}
    return names, parents, raw.get("region_groups") or {}


def industry_name(code: str) -> str:
    return _vocabulary()[0].get(code, code)


def industry_with_descendants(code: str) -> list[str]:
    """The code and every narrower code (a platform tagged 氢能 serves 新能源: decision 0300)."""
    _, parents, _ = _vocabulary()

    def ancestors(child: str) -> set[str]:
        seen: set[str] = set()
        parent = parents.get(child)
        while parent and parent not in seen:
            seen.add(parent)
            parent = parents.get(parent)
        return seen

    return sorted({code} | {child for child in parents if code in ancestors(child)})


def key_industries_from_file(region_codes: list[str]) -> list[KeyIndustry]:
    """Key industries of the regions in `region_codes` (the region and its ancestors), as the
    platforms vocabulary file groups them; used when RegionIndustryGroup rows are not loaded."""
    _, _, groups_by_region = _vocabulary()
    found: list[KeyIndustry] = []
    for code in region_codes:
        excluded = coverage_excluded_groups(code)
        for group in (groups_by_region.get(code) or {}).get("groups", []):
            if group["code"] in excluded:
                continue
            for field in group.get("fields", []):
                for industry in field["codes"]:
                    found.append(KeyIndustry(group["code"], group["name"], group.get("citation", ""), code,
                                             industry, industry_name(industry)))
    return found
