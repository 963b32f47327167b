from __future__ import annotations

from ninja import Router, Schema

from .selectors import match_index_status, match_platforms

router = Router(tags=["matching"])


class MatchIn(Schema):
    text: str
    region: str | None = None
    service_types: list[str] = []
    top: int = 10


class MatchResultOut(Schema):
    platform_id: int
    name: str
    score: float
    reasons: list[str]


class MatchIndexOut(Schema):
    state: str  # ready / building / stale (decision 0504)
    lexical_only: bool


class MatchOut(Schema):
    results: list[MatchResultOut]
    index: MatchIndexOut


@router.post("/match", response=MatchOut, auth=None,
             summary="为需求文本匹配中试平台 Match platforms for a demand text")
def match(request, payload: MatchIn):
    """Published platforms ranked for `text` (≤ 2000 characters). `region` (GB/T 2260 code) keeps
    that region and everything under it; `service_types` takes codes or Chinese names; `top` is
    1–50. Each result carries Chinese reasons. `index.state` says whether the index is "ready",
    "building" (no results until a background build ends) or "stale" (the last good index answers
    while a large change is rebuilt); `index.lexical_only` when the semantic part is not in use."""
    results = match_platforms(text=payload.text, region=payload.region, service_types=payload.service_types,
                              top=payload.top)
    return {"results": [r.as_dict() for r in results], "index": match_index_status()}
