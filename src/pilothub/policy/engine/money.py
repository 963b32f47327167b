"""Exact money arithmetic and Chinese formatting.

Amounts are integer yuan. Products of amounts and rates are kept as exact fractions and floored
to the yuan only once, at the end of a formula (docs/decisions/0101), so no float error can
move a result across a cap or threshold.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

Number = int | Fraction | Decimal

_WAN = 10_000
_YI = 100_000_000


def exact(value: Number) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(value)


def floor_yuan(value: Number) -> int:
    """Round down to the whole yuan: a subsidy never pays a fraction the clause did not grant."""
    return math.floor(exact(value))


def _trim(value: Fraction, places: int) -> str:
    """Decimal text of `value` with at most `places` decimals, trailing zeros removed."""
    quantum = Decimal(1).scaleb(-places)
    text = format((Decimal(value.numerator) / Decimal(value.denominator)).quantize(quantum), ",f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def fmt_yuan(value: Number) -> str:
    """'1 亿元', '2,000 万元', '43.2098 万元', '8,000 元', '432,098.45 元'."""
    amount = exact(value)
    if amount.denominator != 1:
        return f"{_trim(amount, 2)} 元"
    if amount != 0 and amount % _YI == 0:
        return f"{_trim(amount / _YI, 0)} 亿元"
    if abs(amount) >= _WAN:
        return f"{_trim(amount / _WAN, 4)} 万元"
    return f"{_trim(amount, 0)} 元"


def fmt_rate(rate: Number) -> str:
    """0.35 -> '35%', 0.125 -> '12.5%'."""
    return f"{_trim(exact(rate) * 100, 4)}%"


def fmt_number(value: Number) -> str:
    return _trim(exact(value), 4)
