"""Public reads of the registry: directory, facets, detail, map data, equipment and test services.

Everything the public sees starts from `platforms_public()`. Filters are one frozen dataclass,
`PlatformFilters`, shared by the directory page, the map and the API so the three always agree.
"""

from __future__ import annotations

import datetime
import hashlib
import math
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.paginator import Paginator
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Floor
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from pilothub.core.errors import DomainError, not_found
from pilothub.regions.models import Region
from pilothub.regions.selectors import region_get, region_subtree, region_subtree_q

from . import search as search_index
from .models import (
    ContactVisibility,
    Equipment,
    Expert,
    HazardPermit,
    Industry,
    Platform,
    PlatformStatus,
    Qualification,
    QualificationKind,
    ServiceType,
    TestService,
    Tier,
)
from .search import apply_search, cached_compute, query_tokens, registry_version

SORTS: dict[str, Any] = {
    "relevance": _("相关度"),
    "name": _("名称"),
    "tier": _("平台层级"),
    "newest": _("最新入驻"),
}
QUALIFICATION_KINDS = (QualificationKind.CMA, QualificationKind.CNAS)
TIER_RANK = {Tier.NATIONAL: 0, Tier.PROVINCIAL: 1, Tier.MUNICIPAL: 2, Tier.CULTIVATING: 3}


def platforms_public() -> QuerySet[Platform]:
    """Platforms anyone may see: published (the row holds the approved version) and not hidden for
    want of confirmation (decision 0305: hidden listings stay in the database until confirmed)."""
    from .freshness import exclude_hidden

    return exclude_hidden(Platform.objects.filter(status=PlatformStatus.PUBLISHED))


@dataclass(frozen=True)
class PlatformFilters:
    q: str = ""
    region: str = ""  # GB/T 2260 code; the region and everything under it
    industry: str = ""  # industry code; the industry and its sub-industries (decision 0300)
    service_type: str = ""
    tier: str = ""
    qualification: str = ""  # CMA or CNAS, valid today
    shareable: bool = False  # has at least one active shareable instrument
    sort: str = ""  # relevance (default with q), name (default without), tier, newest
    # Pilot-line capabilities (issue 11, decision 0306): validated keyword arguments of
    # capabilities.filter_platforms, as (key, value) pairs so the filters stay hashable.
    capabilities: tuple[tuple[str, Any], ...] = ()
    terms: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if self.tier and self.tier not in Tier.values:
            raise DomainError("invalid_tier", f"未知的平台层级：{self.tier}", f"Unknown tier: {self.tier}", field="tier")
        if self.qualification and self.qualification not in QUALIFICATION_KINDS:
            raise DomainError("invalid_qualification", f"未知的资质类型：{self.qualification}",
                              f"Unknown qualification: {self.qualification}", field="qualification")
        if self.sort and self.sort not in SORTS:
            raise DomainError("invalid_sort", f"未知的排序方式：{self.sort}", f"Unknown sort: {self.sort}", field="sort")
        object.__setattr__(self, "terms", tuple(query_tokens(self.q)))

    @property
    def effective_sort(self) -> str:
        if self.sort == "relevance" and not self.terms:
            return "name"
        return self.sort or ("relevance" if self.terms else "name")

    @property
    def is_empty(self) -> bool:
        return not (self.q or self.region or self.industry or self.service_type or self.tier
                    or self.qualification or self.shareable or self.capabilities)


# --- vocabularies ---------------------------------------------------------------------------


def industry_tree() -> dict[str, dict]:
    """code → {name, parent, children} for the whole vocabulary (one query)."""
    tree: dict[str, dict] = {}
    for code, name, parent in Industry.objects.order_by("sort_order", "code").values_list("code", "name", "parent"):
        tree[code] = {"code": code, "name": name, "parent": parent, "children": []}
    for code, node in tree.items():
        if node["parent"] in tree:
            tree[node["parent"]]["children"].append(code)
    return tree


def industry_descendants(code: str, tree: dict[str, dict] | None = None) -> list[str]:
    tree = tree if tree is not None else industry_tree()
    result, stack = [], [code]
    while stack:
        current = stack.pop()
        result.append(current)
        stack.extend(tree.get(current, {}).get("children", []))
    return result


def industry_choices() -> list[tuple[str, str]]:
    """(code, indented name) in tree order, for select boxes."""
    tree = industry_tree()
    result: list[tuple[str, str]] = []

    def walk(code: str, depth: int) -> None:
        result.append((code, "\u3000" * depth + tree[code]["name"]))
        for child in tree[code]["children"]:
            walk(child, depth + 1)

    for code, node in tree.items():
        if node["parent"] is None:
            walk(code, 0)
    return result


# --- filtering ------------------------------------------------------------------------------


def valid_qualification_q(kind: str, *, day: datetime.date | None = None, prefix: str = "") -> Q:
    day = day or timezone.localdate()
    return (Q(**{f"{prefix}kind": kind, f"{prefix}valid_until__gte": day})
            & (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})))


def _has_valid_qualification(kind: str) -> Exists:
    return Exists(Qualification.objects.filter(valid_qualification_q(kind), platform_id=OuterRef("pk")))


def _has_shareable_equipment() -> Exists:
    return Exists(Equipment.objects.filter(platform_id=OuterRef("pk"), shareable=True, is_active=True))


def platform_filter(*, filters: PlatformFilters, queryset: QuerySet[Platform] | None = None,
                    ranked: bool = False) -> QuerySet[Platform]:
    """The public platforms matching every filter (no ordering, no prefetching).

    `ranked` keeps only the search's bounded candidate set (decision 0308: read here, in one
    query unless cached), joined with the index and annotated with `search_rank` (top-level
    querysets only).
    """
    public = queryset is None
    queryset = platforms_public() if queryset is None else queryset
    if filters.region:
        # The subtree's codes as a list (one small query): the planner then knows how many
        # platforms they hold and can walk the (region_id, status, name) index of a district.
        codes = list(region_subtree(code=filters.region).values_list("code", flat=True))
        queryset = queryset.filter(region_id__in=codes)
    if filters.industry:
        queryset = queryset.filter(Exists(Platform.industries.through.objects.filter(
            platform_id=OuterRef("pk"), industry_id__in=industry_descendants(filters.industry))))
    if filters.service_type:
        queryset = queryset.filter(Exists(Platform.service_types.through.objects.filter(
            platform_id=OuterRef("pk"), servicetype_id=filters.service_type)))
    if filters.tier:
        queryset = queryset.filter(tier=filters.tier)
    if filters.qualification:
        queryset = queryset.filter(_has_valid_qualification(filters.qualification))
    if filters.shareable:
        queryset = queryset.filter(_has_shareable_equipment())
    if filters.capabilities:
        from .capabilities import filter_platforms

        queryset = filter_platforms(queryset, **dict(filters.capabilities))
    if filters.q:
        if not filters.terms:  # only stop words or punctuation: nothing can match
            return queryset.none()
        # Ranking the public list: the cached head of the search stands for the any-match stream.
        head = _search_head(filters) if ranked and public else None
        queryset = apply_search(queryset, list(filters.terms), ranked=ranked, matches=head)
    return queryset


def _ordered(queryset: QuerySet[Platform], filters: PlatformFilters) -> QuerySet[Platform]:
    """Overdue listings ("信息待更新") fall in the relevance ranking (decision 0305).

    Only the relevance sort demotes them: it ranks a search's matches, a set the text index has
    already narrowed. The name/tier/newest sorts are the user's explicit order and stay index-backed:
    sorting 100k rows by a computed freshness rank cost PostgreSQL seconds per page under load.
    Every card still shows its freshness badge.
    """
    from .freshness import annotate_freshness

    queryset = annotate_freshness(queryset)
    sort = filters.effective_sort
    if sort == "relevance":
        return queryset.order_by("freshness_sort", "-search_rank", "name", "pk")  # type: ignore[misc]
    if sort == "tier":
        rank = Case(*[When(tier=tier, then=Value(value)) for tier, value in TIER_RANK.items()],
                    default=Value(9), output_field=IntegerField())
        return queryset.order_by(rank, "name", "pk")
    if sort == "newest":
        return queryset.order_by("-created_at", "-pk")
    return queryset.order_by("name", "pk")


def platform_list(*, filters: PlatformFilters) -> QuerySet[Platform]:
    """Directory and API rows: filtered, sorted, with what a card shows prefetched.

    `valid_qualifications` (CMA/CNAS valid today) and `shareable_equipment` are prefetched
    lists, so a page costs the same number of queries whatever its size.
    """
    today = timezone.localdate()
    valid = Qualification.objects.filter(
        Q(valid_until__gte=today) & (Q(valid_from__isnull=True) | Q(valid_from__lte=today))).order_by("kind", "number")
    ranked = filters.effective_sort == "relevance"
    return _ordered(platform_filter(filters=filters, ranked=ranked), filters).select_related("region").prefetch_related(
        "industries", "service_types",
        Prefetch("qualifications", queryset=valid, to_attr="valid_qualifications"),
        Prefetch("equipment", queryset=Equipment.objects.filter(shareable=True, is_active=True).only(
            "id", "platform_id", "name"), to_attr="shareable_equipment"))


# --- counts ---------------------------------------------------------------------------------

def _filters_cache_key(prefix: str, filters: PlatformFilters, *extra: Any) -> str:
    """Cache key of a result that depends on the filters (not on sort or page), today's date (hidden
    listings, valid certificates) and the registry version (bumped by every public change)."""
    return f"platforms:{prefix}:" + hashlib.sha256(repr((
        registry_version(), timezone.localdate().isoformat(), filters.q, filters.region, filters.industry,
        filters.service_type, filters.tier, filters.qualification, filters.shareable, filters.capabilities,
        *extra)).encode()).hexdigest()


@dataclass(frozen=True)
class ResultCount:
    value: int
    exact: bool  # False: more than `value` platforms match a search ("1000+")


def platform_count(*, filters: PlatformFilters) -> ResultCount:
    """How many public platforms match (decision 0308).

    Cached like the facet counts: per filter combination, date and registry version, so adding,
    changing, hiding or withdrawing a platform shows at once (in every process when the cache is
    shared, i.e. Redis in production). Without a query the count is exact. A search counts its
    matches only up to search.RANK_CANDIDATES + 1 (the scan stops there) and lists at most
    RANK_CANDIDATES of them: the relevance ranking never holds fewer candidates than that.
    """
    cap = search_index.RANK_CANDIDATES
    if filters.q:
        found = len(_search_head(filters))
    else:
        found = cached_compute(_filters_cache_key("count", filters), lambda: platform_filter(filters=filters).count())
    if filters.q:
        return ResultCount(min(found, cap), found <= cap)
    return ResultCount(found, True)


def _search_head(filters: PlatformFilters) -> list[int]:
    """The ids of a search's first RANK_CANDIDATES + 1 matches, in the order the index yields
    them (the scan stops there): cached, counted by platform_count and counted over by the facets
    (decision 0308, addendum), so a new search reads its matches once for both."""
    cap = search_index.RANK_CANDIDATES

    def compute() -> list[int]:
        with search_index.index_lookups():
            return list(platform_filter(filters=filters).order_by().values_list("pk", flat=True)[:cap + 1])

    return cached_compute(_filters_cache_key("head", filters, cap), compute)


class CountedPaginator(Paginator):
    """A paginator told its count (platform_count) instead of running COUNT(*) itself.

    For a search (`index_lookups`), a page's rows are read at once with the search lookups kept
    on the GIN index (search.index_lookups, decision 0308 addendum): sorted by name, tier or date,
    a word nearly every platform holds otherwise cost 8 s per page at 100k.
    """

    def __init__(self, object_list, per_page: int, *, count: ResultCount, index_lookups: bool = False) -> None:
        super().__init__(object_list, per_page)
        self.result_count = count
        self.index_lookups = index_lookups

    @cached_property
    def count(self) -> int:
        return self.result_count.value

    @property
    def count_exact(self) -> bool:
        return self.result_count.exact

    def page(self, number):
        page = super().page(number)
        if self.index_lookups:
            with search_index.index_lookups():
                page.object_list = list(page.object_list)
        return page


def platform_paginator(*, filters: PlatformFilters, per_page: int,
                       queryset: QuerySet[Platform] | None = None) -> CountedPaginator:
    """Pages of `platform_list(filters=filters)` (or of `queryset`, the same rows with more
    select_related), counted by platform_count."""
    rows = platform_list(filters=filters) if queryset is None else queryset
    return CountedPaginator(rows, per_page, count=platform_count(filters=filters), index_lookups=bool(filters.terms))


# --- facets ---------------------------------------------------------------------------------


def _region_facet(base: QuerySet[Platform], selected: str) -> dict[str, Any]:
    """Counts for the children of the selected region (or the top-level regions), rolled up."""
    counts = dict(base.order_by().values_list("region_id").annotate(n=Count("pk")).values_list("region_id", "n"))
    if selected:
        current = region_get(code=selected)
        level = list(Region.objects.filter(parent_id=current.code).values("code", "name", "path"))
        trail = list(Region.objects.filter(code__in=current.path.strip("/").split("/")).order_by("depth")
                     .values("code", "name"))
    else:
        level = list(Region.objects.filter(parent__isnull=True).values("code", "name", "path"))
        trail = []
    paths = dict(Region.objects.filter(code__in=list(counts)).values_list("code", "path")) if counts else {}
    options = []
    for region in level:
        n = sum(count for code, count in counts.items() if paths.get(code, "").startswith(region["path"]))
        if n:
            options.append({"value": region["code"], "label": region["name"], "count": n})
    return {"options": options, "trail": trail}


def _industry_facet(base: QuerySet[Platform], selected: str) -> dict[str, Any]:
    """Distinct platforms per industry at one level of the tree, sub-industries rolled up."""
    tree = industry_tree()
    level = tree[selected]["children"] if selected in tree else [c for c, n in tree.items() if n["parent"] is None]
    owner = {descendant: code for code in level for descendant in industry_descendants(code, tree)}
    options = []
    if owner:
        through = Platform.industries.through
        mapped = Case(*[When(industry_id__in=[d for d, o in owner.items() if o == code], then=Value(code))
                        for code in level], default=Value(""))
        rows = (through.objects.filter(platform_id__in=base.values("pk"), industry_id__in=list(owner))  # type: ignore[misc]
                .annotate(level_code=mapped).values("level_code")
                .annotate(n=Count("platform_id", distinct=True)).values_list("level_code", "n"))
        counts = dict(rows)
        options = [{"value": code, "label": tree[code]["name"], "count": counts[code]} for code in level
                   if counts.get(code)]
    trail: list[dict[str, str]] = []
    code = selected
    while code in tree:
        trail.insert(0, {"code": code, "name": tree[code]["name"]})
        code = tree[code]["parent"]
    return {"options": options, "trail": trail}


def platform_facets(*, filters: PlatformFilters) -> dict[str, Any]:
    """Facet counts over the current results (each choice narrows them further).

    Without a query they count every matching platform. With one (decision 0308, addendum) they
    count the search's matches when there are at most search.RANK_CANDIDATES of them (exact, as
    before), and otherwise the RANK_CANDIDATES platforms listed first in relevance order —
    `facets["capped"]` is then that number and the page says so.

    Counting scans the platforms counted, so results are cached per filter combination (sort
    and page do not matter), date and registry version (search.registry_version, bumped by every
    public change) for search.registry_cache_seconds(): an hour with a shared cache, where every
    process sees a change at once; a minute with a per-process cache, where other processes see a
    change within that time. One request computes a missing entry while the others wait for it
    (search.cached_compute).
    """
    key = _filters_cache_key("facets", filters, translation.get_language())
    return cached_compute(key, lambda: _compute_facets(filters))


def _facet_scope(filters: PlatformFilters) -> tuple[QuerySet[Platform], int | None]:
    """The platforms a search's facets count, and the cap when they are not all its matches.

    The matches' ids are read once, stopping after RANK_CANDIDATES + 1 (the capped count's scan,
    shared with platform_count through the cache):
    the six facet queries then filter by a list of at most RANK_CANDIDATES ids instead of each
    evaluating the search (and the hidden-listing rule) over every match. Above the cap the ids are
    the first RANK_CANDIDATES in relevance order (the bounded ranking of decision 0308, ≤ 2 ×
    RANK_CANDIDATES ranked): the platforms a relevance-sorted result lists.
    """
    cap = search_index.RANK_CANDIDATES
    ids = _search_head(filters)
    if len(ids) <= cap:
        return Platform.objects.filter(pk__in=ids), None
    ranked = replace(filters, sort="relevance")
    top = list(_ordered(platform_filter(filters=ranked, ranked=True), ranked).values_list("pk", flat=True)[:cap])
    return Platform.objects.filter(pk__in=top), cap


def _compute_facets(filters: PlatformFilters) -> dict[str, Any]:
    if filters.q and filters.terms:
        base, capped = _facet_scope(filters)
    else:
        base, capped = platform_filter(filters=filters), None
    base_ids = base.values("pk")
    through = Platform.service_types.through
    service_counts = dict(through.objects.filter(platform_id__in=base_ids).values_list("servicetype_id")
                          .annotate(n=Count("pk")).values_list("servicetype_id", "n"))  # type: ignore[misc]
    tier_counts = dict(base.order_by().values_list("tier").annotate(n=Count("pk")).values_list("tier", "n"))
    # Counted from the (smaller) child tables rather than an EXISTS per platform.
    qualified = dict(Qualification.objects.filter(valid_qualification_q_any(), platform_id__in=base_ids)
                     .values_list("kind").annotate(n=Count("platform_id", distinct=True)).values_list("kind", "n"))
    shareable = (Equipment.objects.filter(platform_id__in=base_ids, shareable=True, is_active=True)
                 .aggregate(n=Count("platform_id", distinct=True))["n"])
    service_types = [{"value": code, "label": name, "count": service_counts[code]}
                     for code, name in ServiceType.objects.values_list("code", "name") if service_counts.get(code)]
    return {
        "region": _region_facet(base, filters.region),
        "industry": _industry_facet(base, filters.industry),
        "service_type": {"options": service_types},
        "tier": {"options": [{"value": value, "label": str(label), "count": tier_counts[value]}
                             for value, label in Tier.choices if tier_counts.get(value)]},
        "qualification": {"options": [{"value": kind.value, "label": kind.value, "count": qualified.get(kind.value, 0)}
                                      for kind in QUALIFICATION_KINDS]},
        "shareable": {"count": shareable},
        "capped": capped,
    }


def valid_qualification_q_any(*, day: datetime.date | None = None) -> Q:
    """CMA or CNAS certificates valid on `day`."""
    day = day or timezone.localdate()
    return (Q(kind__in=QUALIFICATION_KINDS, valid_until__gte=day)
            & (Q(valid_from__isnull=True) | Q(valid_from__lte=day)))


# --- one platform ---------------------------------------------------------------------------


def platform_get_public(*, platform_id: int) -> Platform:
    """A published platform with everything its page shows; 404 DomainError otherwise."""
    platform = (platforms_public().select_related("region", "operator").prefetch_related(
        "industries", "service_types", "qualifications__scope_items",
        Prefetch("hazard_permits", queryset=HazardPermit.objects.select_related("line").order_by("kind", "number")),
        Prefetch("equipment", queryset=Equipment.objects.filter(is_active=True).order_by("-shareable", "name")),
        Prefetch("test_services", queryset=TestService.objects.filter(is_active=True).order_by("name")),
        Prefetch("experts", queryset=Expert.objects.order_by("name")))
        .filter(pk=platform_id).first())
    if platform is None:
        raise not_found("中试平台", "Platform")
    return platform


def platform_contacts_visible(*, platform: Platform, user) -> bool:
    """The operator chooses: contacts public, or shown to logged-in users only."""
    return platform.contact_visibility == ContactVisibility.PUBLIC or bool(user and user.is_authenticated)


def platform_qualification_rows(*, platform: Platform, day: datetime.date | None = None) -> list[dict[str, Any]]:
    """Qualifications with their state on `day`: valid, expired or not yet valid."""
    day = day or timezone.localdate()
    rows = []
    for qualification in platform.qualifications.all():
        if qualification.valid_until < day:
            state = "expired"
        elif qualification.valid_from and qualification.valid_from > day:
            state = "pending"
        else:
            state = "valid"
        rows.append({"qualification": qualification, "state": state})
    return rows


# --- map --------------------------------------------------------------------------------------

# Below this many platforms in the viewport, or from this zoom on, the map gets points.
MAP_POINT_LIMIT = 800
MAP_POINT_ZOOM = 13
# Below this zoom the grid is always used (a cell holding one platform carries its id anyway).
MAP_POINT_MIN_ZOOM = 9
MAP_CELL_PIXELS = 60  # a grid cell is about this wide on screen


@dataclass(frozen=True)
class BBox:
    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, value: str | None) -> BBox | None:
        if not value:
            return None
        try:
            west, south, east, north = (float(part) for part in value.split(","))
        except ValueError:
            raise DomainError("invalid_bbox", "地图范围格式应为 西,南,东,北", "bbox must be west,south,east,north",
                              field="bbox") from None
        if not all(math.isfinite(v) for v in (west, south, east, north)) or south > north:
            raise DomainError("invalid_bbox", "地图范围不合法", "Invalid bbox", field="bbox")
        return cls(max(west, -180.0), max(south, -90.0), min(east, 180.0), min(north, 90.0))


def platform_map_data(*, filters: PlatformFilters, bbox: BBox | None, zoom: int) -> dict[str, Any]:
    """Compact map payload (see `_map_data`); a search's lookups read the GIN index
    (search.index_lookups, decision 0308 addendum: 中试 cost 8 s otherwise at 100k)."""
    if not filters.terms:
        return _map_data(filters=filters, bbox=bbox, zoom=zoom)
    with search_index.index_lookups():
        return _map_data(filters=filters, bbox=bbox, zoom=zoom)


def _map_data(*, filters: PlatformFilters, bbox: BBox | None, zoom: int) -> dict[str, Any]:
    """Compact map payload: individual points for small viewports, grid aggregates otherwise.

    Points when zoom >= MAP_POINT_ZOOM, or when zoom >= MAP_POINT_MIN_ZOOM and the viewport
    holds at most MAP_POINT_LIMIT platforms.

    points: {"mode": "points", "count": n, "points": [[id, lat, lon, name, is_demo], ...]}
    grid:   {"mode": "grid", "count": n, "cells": [[lat, lon, n, id_or_0], ...]} — the cell's
            mean position; id is given when the cell holds a single platform.
    """
    zoom = max(0, min(int(zoom), 20))
    queryset = platform_filter(filters=filters).filter(longitude__isnull=False, latitude__isnull=False)
    if bbox is not None:
        queryset = queryset.filter(latitude__gte=bbox.south, latitude__lte=bbox.north)
        if bbox.west <= bbox.east:
            queryset = queryset.filter(longitude__gte=bbox.west, longitude__lte=bbox.east)
        else:  # across the antimeridian
            queryset = queryset.filter(Q(longitude__gte=bbox.west) | Q(longitude__lte=bbox.east))
    if zoom >= MAP_POINT_ZOOM or (bbox is not None and zoom >= MAP_POINT_MIN_ZOOM):
        found = list(queryset.order_by().values_list("pk", "latitude", "longitude", "name", "is_demo")
                     [:MAP_POINT_LIMIT + 1])
        if len(found) <= MAP_POINT_LIMIT or zoom >= MAP_POINT_ZOOM:
            points = [[pk, round(float(lat or 0), 5), round(float(lon or 0), 5), name, int(demo)]
                      for pk, lat, lon, name, demo in sorted(found)[:MAP_POINT_LIMIT]]
            return {"mode": "points", "count": len(points), "truncated": len(found) > MAP_POINT_LIMIT,
                    "points": points}
    cells = _grid_cells(filters=filters, zoom=zoom)
    if bbox is not None:
        cells = [c for c in cells if bbox.south <= c[0] <= bbox.north and (
            bbox.west <= c[1] <= bbox.east if bbox.west <= bbox.east else (c[1] >= bbox.west or c[1] <= bbox.east))]
    # Web-Mercator tiles are 256 px; a cell is MAP_CELL_PIXELS wide at this zoom, in degrees.
    return {"mode": "grid", "count": sum(c[2] for c in cells), "cell": round(_cell_degrees(zoom), 6), "cells": cells}


def _cell_degrees(zoom: int) -> float:
    return 360.0 / (2 ** zoom) * MAP_CELL_PIXELS / 256


def _grid_cells(*, filters: PlatformFilters, zoom: int) -> list[list]:
    """Grid aggregates of every matching platform at this zoom, cached like the facet counts.

    Computed for the whole map (not the viewport) so panning at one zoom reuses them.
    """
    key = _filters_cache_key("grid", filters, zoom)

    def compute() -> list[list]:
        cell = _cell_degrees(zoom)
        rows = (platform_filter(filters=filters).filter(longitude__isnull=False, latitude__isnull=False)
                .order_by()
                .annotate(gx=Floor(F("longitude") / cell), gy=Floor(F("latitude") / cell))
                .values("gx", "gy")
                .annotate(n=Count("pk"), lat=Avg("latitude"), lon=Avg("longitude"), one=Min("pk"))
                .values_list("lat", "lon", "n", "one"))
        return [[round(lat, 5), round(lon, 5), n, one if n == 1 else 0] for lat, lon, n, one in rows]

    return cached_compute(key, compute)


# --- equipment and test services --------------------------------------------------------------


def equipment_list_public(*, shareable: bool | None = None, region: str = "",
                          platform_id: int | None = None) -> QuerySet[Equipment]:
    queryset = Equipment.objects.filter(is_active=True, platform__in=platforms_public()).select_related(
        "platform", "platform__region")
    if shareable is not None:
        queryset = queryset.filter(shareable=shareable)
    if region:
        queryset = queryset.filter(region_subtree_q(code=region, field="platform__region"))
    if platform_id is not None:
        queryset = queryset.filter(platform_id=platform_id)
    return queryset.order_by("platform__name", "name", "pk")


def test_service_list_public(*, platform_id: int | None = None, region: str = "",
                             q: str = "") -> QuerySet[TestService]:
    queryset = TestService.objects.filter(is_active=True, platform__in=platforms_public()).select_related(
        "platform", "platform__region")
    if platform_id is not None:
        queryset = queryset.filter(platform_id=platform_id)
    if region:
        queryset = queryset.filter(region_subtree_q(code=region, field="platform__region"))
    for word in (q or "").split():
        queryset = queryset.filter(Q(name__icontains=word) | Q(standard__icontains=word))
    return queryset.order_by("platform__name", "name", "pk")
