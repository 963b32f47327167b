"""Chinese money formatting and flooring used in explanations."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from pilothub.policy.engine.money import floor_yuan, fmt_rate, fmt_yuan


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (100_000_000, "1 亿元"),
        (300_000_000, "3 亿元"),
        (50_000_000, "5,000 万元"),
        (20_000_000, "2,000 万元"),
        (432_098, "43.2098 万元"),
        (10_000, "1 万元"),
        (8_000, "8,000 元"),
        (0, "0 元"),
        (Fraction(43209845, 100), "432,098.45 元"),
        (Fraction(2, 3), "0.67 元"),
    ],
)
def test_fmt_yuan(value, text):
    assert fmt_yuan(value) == text


def test_fmt_rate():
    assert fmt_rate(Decimal("0.35")) == "35%"
    assert fmt_rate(Decimal("0.125")) == "12.5%"
    assert fmt_rate(Decimal(1)) == "100%"


def test_floor_yuan_is_exact():
    assert floor_yuan(Fraction(99_999_999_75, 100)) == 99_999_999
    assert floor_yuan(Decimal("0.35") * 285714286) == 100_000_000
    assert floor_yuan(Fraction(-1, 2)) == -1  # floor, not truncation (never used on negatives)
