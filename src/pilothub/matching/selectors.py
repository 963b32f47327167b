"""Reads of the matching app: platforms for a text or a demand, demands for a platform."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from pilothub.core.errors import DomainError
from pilothub.core.text import normalise
from pilothub.demands.models import Demand
from pilothub.platforms.capabilities import Requirements, parse_requirements
from pilothub.platforms.models import Platform, ServiceType
from pilothub.regions.selectors import region_get

from . import index, responsiveness
from .engine import Query
from .reasons import reasons_for

MAX_TEXT_CHARS = 2000
MAX_TOP = 50
# demands_for_platform scores at most this many demands (the newest first) per call.
MAX_DEMANDS_SCORED = 500


@dataclass
class PlatformMatch:
    platform_id: int
    name: str
    score: float
    reasons: list[str]
    platform: Platform | None = field(default=None, repr=False)

    def as_dict(self) -> dict:
        return {"platform_id": self.platform_id, "name": self.name, "score": self.score, "reasons": self.reasons}


@dataclass
class DemandMatch:
    demand: Demand
    score: float
    reasons: list[str]


def _validate_text(text: str | None) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise DomainError("text_required", "请填写需求描述（text）", "The field text must not be empty", field="text")
    if len(cleaned) > MAX_TEXT_CHARS:
        raise DomainError("text_too_long", f"需求描述（text）不能超过 {MAX_TEXT_CHARS} 字，当前 {len(cleaned)} 字",
                          f"The field text must be at most {MAX_TEXT_CHARS} characters, got {len(cleaned)}",
                          field="text")
    return cleaned


def _validate_top(top: int, maximum: int = MAX_TOP) -> int:
    if not isinstance(top, int) or isinstance(top, bool) or not 1 <= top <= maximum:
        raise DomainError("top_out_of_range", f"返回条数（top）须在 1 到 {maximum} 之间",
                          f"The field top must be between 1 and {maximum}", field="top")
    return top


def with_requirements(query: Query) -> Query:
    """Reads the hard pilot-line requirements of the query text ("需要 2000L 以上", "万级洁净")
    into the query: platforms whose declared lines fall short are left out (decision 0306)."""
    requirements = parse_requirements(query.text)
    query.min_scale = {dimension: (minimum, next(s.phrase for s in requirements.scales
                                                 if s.dimension == dimension and s.minimum == minimum))
                       for dimension, minimum in requirements.min_scale().items()}
    query.cleanroom_max_class = requirements.cleanroom_max_class
    query.cleanroom_phrase = requirements.cleanroom_phrase
    query.gmp = requirements.gmp
    return query


def match_index_status() -> dict:
    """How this process's matching index stands (call after a match): `state` "ready", "building"
    (no index yet, results are empty until a background build ends) or "stale" (a large change
    is being rebuilt in the background; the last good index answers); `lexical_only` when the
    semantic part is off or most platforms still wait for their vector (decision 0504)."""
    status = index.status()
    return {"state": status["state"], "lexical_only": bool(status["lexical_only"])}


def match_requirements(text: str) -> Requirements:
    """The hard requirements matching reads from a text, for pages that show them."""
    return parse_requirements(text or "")


def service_type_codes(values: Sequence[str]) -> tuple[str, ...]:
    """Service types given as codes, Chinese names or synonyms → codes (unknown ones are an error)."""
    if not values:
        return ()
    lookup: dict[str, str] = {}
    for st in ServiceType.objects.all():
        for term in (st.code, st.name, *(st.synonyms or [])):
            lookup.setdefault(normalise(str(term)), st.code)
    codes = []
    for value in values:
        code = lookup.get(normalise(str(value)))
        if code is None:
            raise DomainError("unknown_service_type", f"未知的服务类型（service_types）：{value}",
                              f"Unknown service type in service_types: {value}", field="service_types")
        codes.append(code)
    return tuple(dict.fromkeys(codes))


def match_platforms(*, text: str, region: str | None = None, service_types: Sequence[str] = (),
                    top: int = 10) -> list[PlatformMatch]:
    """Published platforms for a free text, best first. `region` keeps only that region and
    everything under it (110000 = all of Beijing)."""
    cleaned = _validate_text(text)
    top = _validate_top(top)
    prefix = region_get(code=region).path if region else None
    codes = service_type_codes(service_types)
    query = Query(text=cleaned, region_prefix=prefix, service_types=codes, today=timezone.localdate())
    return _platform_matches(with_requirements(query), top)


def _platform_matches(query: Query, top: int) -> list[PlatformMatch]:
    engine = index.get_engine()
    # A wider pool, then the responsiveness bonus (decision 0553), then the cut to `top`.
    hits = engine.search(query, top=responsiveness.pool_size(top))
    figures = responsiveness.responsiveness_for([h.id for h in hits])
    for hit in hits:
        hit.score = round(hit.score + responsiveness.bonus(figures.get(hit.id)), 4)
    hits = sorted(hits, key=lambda h: (-h.score, h.id))[:top]
    matches = []
    for h in hits:
        reasons = reasons_for(engine, h, query)
        extra = responsiveness.reason(figures.get(h.id))
        matches.append(PlatformMatch(platform_id=h.id, name=h.document.name, score=h.score,
                                     reasons=reasons + [extra] if extra else reasons))
    return matches


def _demand_query(demand: Demand) -> Query:
    # The public title and summary only: a demand's confidential_details never reach the engine,
    # its query-vector store or its caches (decision 0552, tested in demands/tests/test_confidential.py).
    return with_requirements(Query(
        text=f"{demand.title}\n{demand.text}"[:MAX_TEXT_CHARS],
        preferred_region_prefix=demand.region_preference.path if demand.region_preference else None,
        service_types=tuple(st.code for st in demand.service_types.all()),
        industries=(demand.industry_id,) if demand.industry_id else (),
        today=timezone.localdate(),
    ))


def platforms_for_demand(*, demand: Demand, top: int = 10) -> list[PlatformMatch]:
    """Platforms for a demand. Its region preference is soft: platforms inside score higher, the
    others decay with distance. `platform` holds the Platform row of each result."""
    top = _validate_top(top)
    matches = _platform_matches(_demand_query(demand), top)
    platforms = Platform.objects.select_related("region").in_bulk([m.platform_id for m in matches])
    for match in matches:
        match.platform = platforms.get(match.platform_id)
    return [m for m in matches if m.platform is not None]


def demands_for_platform(*, platform: Platform, demands_queryset: QuerySet[Demand], top: int = 20) -> list[DemandMatch]:
    """The demands of `demands_queryset` that fit a published platform best (the caller decides
    which demands the viewer may see). Each demand is scored with the same function that ranks
    platforms for it, so the two directions agree. Unpublished platforms are not in the index: [].
    """
    top = _validate_top(top, maximum=200)
    engine = index.get_engine()
    if platform.pk not in engine.docs:
        return []
    demands = list(demands_queryset.select_related("region_preference").prefetch_related("service_types")
                   .order_by("-created_at")[:MAX_DEMANDS_SCORED])
    queries = [_demand_query(d) for d in demands]
    if engine.encoder is not None and queries:
        vectors = index.embed_and_store(engine.encoder, "query", [q.text for q in queries])
        for q in queries:
            q.vector = vectors[q.text]
    results = []
    for demand, query in zip(demands, queries, strict=True):
        hits = engine.search(query, top=1, only_ids=[platform.pk])
        if hits:
            results.append(DemandMatch(demand=demand, score=hits[0].score, reasons=reasons_for(engine, hits[0], query)))
    results.sort(key=lambda m: (-m.score, m.demand.pk))
    return results[:top]
