"""Voucher rules as data (bookings/data/voucher_rules.yaml). Pure Python: no Django imports.

`rule_for(region_codes=[own, parent, ..., root], on=date)` returns the version in force for the
nearest region that has a rule, with the trace needed to show and reproduce the decision.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "voucher_rules.yaml"
KNOWN_CRITERIA = {"is_tech_sme", "is_sme"}
# 通用: the enterprise pays the whole contract and is reimbursed the voucher part against the invoice.
# 通兑: the enterprise pays only its own share; the platform redeems the voucher part.
MODES = {"tongyong": "通用", "tongdui": "通兑"}
# Which platforms take vouchers: those a reviewer listed (VoucherPlatform), or every published
# platform inside the rule's region.
PLATFORM_SCOPES = {"listed", "all_in_region"}


@dataclass(frozen=True)
class RuleVersion:
    region: str
    name: str
    effective_from: datetime.date
    yearly_cap: int
    eligibility: tuple[str, ...]
    citation: str
    mode: str = "tongyong"
    # The largest part of a contract the vouchers may pay (1 = all of it); the enterprise pays the rest.
    voucher_rate_max: Decimal = Decimal("1")
    # One application = the vouchers used on one order; None = no cap per application.
    per_application_cap: int | None = None
    eligible_platforms: str = "listed"
    # Service type codes whose orders count; empty = every service.
    service_types: tuple[str, ...] = ()
    note: str = ""

    @property
    def mode_label(self) -> str:
        return MODES[self.mode]

    def max_voucher_for(self, contract_amount: int) -> int:
        """The most vouchers one contract may take under the share rule (rounded down to the yuan)."""
        return int(Decimal(contract_amount) * self.voucher_rate_max)

    def trace(self) -> dict[str, Any]:
        return {"rule_region": self.region, "name": self.name, "effective_from": self.effective_from.isoformat(),
                "yearly_cap": self.yearly_cap, "eligibility": list(self.eligibility), "citation": self.citation,
                "mode": self.mode, "voucher_rate_max": str(self.voucher_rate_max),
                "per_application_cap": self.per_application_cap, "eligible_platforms": self.eligible_platforms,
                "service_types": list(self.service_types)}


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
            mode = version.get("mode")
            if mode not in MODES:
                raise ValueError(f"voucher rule {region}: mode must be one of {sorted(MODES)}")
            try:
                rate = Decimal(str(version.get("voucher_rate_max", "1")))
            except InvalidOperation:
                raise ValueError(f"voucher rule {region}: voucher_rate_max must be a number") from None
            if not Decimal("0") < rate <= Decimal("1"):
                raise ValueError(f"voucher rule {region}: voucher_rate_max must be in (0, 1]")
            per_application = version.get("per_application_cap")
            if per_application is not None and (not isinstance(per_application, int) or per_application <= 0):
                raise ValueError(f"voucher rule {region}: per_application_cap must be a positive integer or null")
            scope = version.get("eligible_platforms", "listed")
            if scope not in PLATFORM_SCOPES:
                raise ValueError(f"voucher rule {region}: eligible_platforms must be one of {sorted(PLATFORM_SCOPES)}")
            versions.append(RuleVersion(region=region, name=str(rule["name"]),
                                        effective_from=version["effective_from"], yearly_cap=cap,
                                        eligibility=criteria, citation=str(version["citation"]), mode=mode,
                                        voucher_rate_max=rate, per_application_cap=per_application,
                                        eligible_platforms=scope,
                                        service_types=tuple(str(c) for c in version.get("service_types") or ()),
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
