"""Formula registry.

A formula is a small pure function `(ctx) -> Outcome`, registered under a versioned name such as
`huairou.rent.v1`. Rule files pick the formula for each date; a revised clause whose arithmetic
changes gets a new function (`…v2`) and a new dated entry, and the old one stays so an earlier
decision can be recomputed exactly.
"""

from __future__ import annotations

from . import beijing, huairou, jiaxing  # noqa: F401  (import registers the formulas)
from .base import FORMULAS, Context, Outcome, formula

__all__ = ["FORMULAS", "Context", "Outcome", "formula"]
