"""Voucher rules as data (bookings/data/voucher_rules.yaml). Pure Python: no Django imports.

`rule_for(region_codes=[own, parent, ..., root], on=date)` returns the version in force for the
nearest region that has a rule, with the trace needed to show and reproduce the decision.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "voucher_rules.yaml"
KNOWN_CRITERIA = {"is_tech_sme", "is_sme"}


@dataclass(frozen=True)
class RuleVersion:
    region: str
    name: str
    effective_from: datetime.date
    yearly_cap: int
    eligibility: tuple[str, ...]
    citation: str
    note: str = ""

    def trace(self) -> dict[str, Any]:
        return {"rule_region": self.region, "name": self.name, "effective_from": self.effective_from.isoformat(),
                "yearly_cap": self.yearly_cap, "eligibility": list(self.eligibility), "citation": self.citation}


@dataclass(frozen=True)
class Lookup:
    """The outcome of looking a rule up: a version in force, or why there is none."""

    version: RuleVersion | None
    reason: str = ""  # "no_rule" (no region in the chain has a rule) or "not_in_force" (none yet)
    searched: tuple[str, ...] = field(default_factory=tuple)


def parse_rules(data: dict[str, Any]) -> dict[str, list[RuleVersion]]:
    rules: dict[str, list[RuleVersion]] = {}
    for rule in data.get("rules", []):
        region = str(rule["region"])
        versions = []
        for version in rule["versions"]:
            criteria = tuple(version.get("eligibility", []))
            unknown = set(criteria) - KNOWN_CRITERIA
            if unknown:
                raise ValueError(f"voucher rule {region}: unknown eligibility criteria {sorted(unknown)}")
            cap = version["yearly_cap"]
            if not isinstance(cap, int) or cap <= 0:
                raise ValueError(f"voucher rule {region}: yearly_cap must be a positive integer (yuan)")
            if not version.get("citation"):
                raise ValueError(f"voucher rule {region}: every version needs a citation")
            versions.append(RuleVersion(region=region, name=str(rule["name"]),
                                        effective_from=version["effective_from"], yearly_cap=cap,
                                        eligibility=criteria, citation=str(version["citation"]),
                                        note=str(version.get("note", ""))))
        rules[region] = sorted(versions, key=lambda v: v.effective_from)
    return rules


@lru_cache(maxsize=1)
def load_rules(path: str = str(RULES_FILE)) -> dict[str, list[RuleVersion]]:
    with open(path, encoding="utf-8") as handle:
        return parse_rules(yaml.safe_load(handle))


def rule_for(*, region_codes: list[str], on: datetime.date,
             rules: dict[str, list[RuleVersion]] | None = None) -> Lookup:
    """The nearest region (own first, then ancestors) with a rule decides; its version in force on `on`."""
    rules = load_rules() if rules is None else rules
    for code in region_codes:
        versions = rules.get(code)
        if not versions:
            continue
        in_force = [v for v in versions if v.effective_from <= on]
        if not in_force:
            return Lookup(None, "not_in_force", tuple(region_codes))
        return Lookup(in_force[-1], "", tuple(region_codes))
    return Lookup(None, "no_rule", tuple(region_codes))


def is_eligible(version: RuleVersion, facts: dict[str, bool]) -> bool:
    """Every criterion the version names must hold for the organisation."""
    return all(facts.get(criterion, False) for criterion in version.eligibility)
