"""Responsiveness as a small ranking signal (decision 0553, docs/decisions/0502 for the other weights).

signal = (answered within 3 working days + PRIOR_WITHIN) / (due requests + PRIOR_REQUESTS)
bonus  = RESPONSIVENESS_WEIGHT × 2 × (signal − 0.5)        ∈ [−0.02, +0.02]

The prior (two of four) pulls small samples towards 0.5, so a platform without any request gets
exactly 0 — with no response data the ranking is unchanged — and one late answer does not sink a
new platform. 0.02 is the weight of a valid qualification: enough to order near ties, far below
service (0.12) or industry (0.10) fit, so a fast but unrelated platform never overtakes a fitting one.

The figures change with every answered request, which the index does not watch, so the bonus is
applied when a query is answered: the engine returns a pool of `pool_size(top)` hits, the bonus
is added and the pool is cut to `top`.
"""

from __future__ import annotations

from collections.abc import Sequence

from pilothub.demands.responsiveness import Responsiveness, platform_responsiveness

RESPONSIVENESS_WEIGHT = 0.02
PRIOR_WITHIN = 2.0
PRIOR_REQUESTS = 4.0
EXTRA_POOL = 20


def pool_size(top: int) -> int:
    return top + EXTRA_POOL


def signal(figures: Responsiveness | None) -> float:
    if figures is None:
        return 0.5
    return (figures.within + PRIOR_WITHIN) / (figures.requests + PRIOR_REQUESTS)


def bonus(figures: Responsiveness | None) -> float:
    return RESPONSIVENESS_WEIGHT * 2 * (signal(figures) - 0.5)


def reason(figures: Responsiveness | None) -> str | None:
    """A reason line for platforms with a telling record (at least 3 due requests, ≥ 80 % on time)."""
    if figures is None or figures.requests < 3 or figures.share_within is None or figures.share_within < 0.8:
        return None
    return f"响应及时：近一年 {figures.requests} 次请求中 {figures.share_percent:g}% 在 3 个工作日内答复"


def responsiveness_for(platform_ids: Sequence[int]) -> dict[int, Responsiveness]:
    return platform_responsiveness(platform_ids) if platform_ids else {}
