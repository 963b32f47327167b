"""Formula context, outcome and the shared rate × base ≤ cap helper."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..errors import RuleFileError
from ..money import exact, floor_yuan, fmt_rate, fmt_yuan
from ..params import Document


@dataclass(frozen=True)
class Outcome:
    amount: int
    eligible: bool
    explanation: str
    steps: dict[str, Any] = field(default_factory=dict)


FormulaFn = Callable[["Context"], Outcome]
FORMULAS: dict[str, FormulaFn] = {}


def formula(name: str) -> Callable[[FormulaFn], FormulaFn]:
    def register(fn: FormulaFn) -> FormulaFn:
        if name in FORMULAS:
            raise RuleFileError(f"formula {name} registered twice")
        FORMULAS[name] = fn
        return fn

    return register


def jsonable(value: Any) -> Any:
    """Parameter and step values in a form that survives JSON storage without losing precision."""
    if isinstance(value, (Decimal, Fraction)):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class Context:
    """What a formula may read: the validated inputs and its document's parameters at `as_of`.

    Every parameter read is recorded, so the trace lists exactly the values that were used.
    """

    def __init__(self, document: Document, as_of: dt.date, request: dict[str, Any]) -> None:
        self.document = document
        self.as_of = as_of
        self.project: dict[str, Any] = request["project"]
        self.applicant: dict[str, Any] = request["applicant"]
        self.used: dict[str, dict[str, Any]] = {}

    def param(self, name: str) -> Any:
        parameter = self.document.parameters.get(name)
        if parameter is None:
            raise RuleFileError(f"{self.document.source}: no parameter {name!r}")
        version = parameter.at(self.as_of)
        if version is None:
            raise RuleFileError(f"{self.document.source}: {name} has no value on {self.as_of}")
        self.used[name] = {
            "name": f"{self.document.id}:{name}",
            "description": parameter.description,
            "value": jsonable(version.value),
            "unit": parameter.unit,
            "effective_from": version.effective_from.isoformat(),
            "citation": version.citation,
            "assumed": parameter.assumed,
        }
        return version.value


def capped_share(base_label: str, base: int, rate: Decimal, cap: int) -> tuple[int, str, dict[str, Any]]:
    """min(base × rate, cap), floored to the yuan, with its Chinese explanation."""
    raw = exact(base) * exact(rate)
    text = f"{base_label} {fmt_yuan(base)} × {fmt_rate(rate)} = {fmt_yuan(raw)}"
    if raw > cap:
        amount = cap
        text += f"，超过上限 {fmt_yuan(cap)}，按上限计 {fmt_yuan(cap)}"
    else:
        amount = floor_yuan(raw)
        text += f"，未超过上限 {fmt_yuan(cap)}"
        if raw != amount:
            text += f"，按元向下取整为 {amount:,} 元"
    steps = {"base": base, "rate": str(rate), "raw": str(raw), "cap": cap, "capped": raw > cap}
    return amount, text, steps


def not_eligible(reason: str, **steps: Any) -> Outcome:
    return Outcome(
        amount=0, eligible=False, explanation=f"不符合条件：{reason}，补助金额为 0 元。", steps=steps
    )
