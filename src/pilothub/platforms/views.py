"""Public pages of the registry: directory, platform detail and map (read only)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pilothub.bookings.selectors import platform_rating_summary
from pilothub.core.errors import DomainError
from pilothub.evaluation.selectors import platform_current_certification
from pilothub.regions.selectors import region_choices

from . import capabilities, selectors
from .capabilities import capability_filters_from_params, lines_for_display
from .freshness import freshness_info
from .models import ProcessStep, QualificationKind, ServiceType, Tier

PAGE_SIZE = 20
DEFAULT_TILE_URL = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILE_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'


# Units and clean-room classes offered by the directory's capability filter (capabilities.py knows more).
SCALE_UNITS = ("L", "m3", "kg", "t", "m2", "件")
# ISO 9 (三十万级) is left out of the directory's choice: hardly a clean room to search for.
CLEANROOM_CHOICES = tuple((str(cls), label) for cls, label in capabilities.CLEANROOM_CHOICES if cls <= 8)


def filters_from_query(query: QueryDict) -> selectors.PlatformFilters:
    """PlatformFilters from a query string; raises DomainError for values that cannot be used."""
    return selectors.PlatformFilters(
        q=query.get("q", "").strip()[:100], region=query.get("region", "").strip(),
        industry=query.get("industry", "").strip(), service_type=query.get("service_type", "").strip(),
        tier=query.get("tier", "").strip(), qualification=query.get("qualification", "").strip(),
        shareable=query.get("shareable") in {"1", "true", "on"}, sort=query.get("sort", "").strip(),
        capabilities=tuple(sorted(capability_filters_from_params(query).items())))


def _querystring(query: QueryDict, **changes) -> str:
    copy = query.copy()
    for key, value in changes.items():
        copy.pop(key, None)
        if value not in (None, ""):
            copy[key] = value
    return copy.urlencode()


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    error = None
    try:
        filters = filters_from_query(request.GET)
        page = selectors.platform_paginator(filters=filters, per_page=PAGE_SIZE).get_page(request.GET.get("page"))
        facets = selectors.platform_facets(filters=filters)
    except DomainError as exc:
        error, filters, page, facets = exc, selectors.PlatformFilters(), None, None
    context = {"filters": filters, "page": page, "facets": facets, "error": error, "sorts": selectors.SORTS,
               "capability": dict(filters.capabilities), "process_steps": ProcessStep.choices,
               "scale_units": SCALE_UNITS, "cleanroom_choices": CLEANROOM_CHOICES,
               "base_query": _querystring(request.GET, page=None)}
    partial = request.headers.get("HX-Request") == "true" and not request.headers.get("HX-Boosted")
    template = "platforms/_directory_results.html" if partial else "platforms/directory.html"
    return render(request, template, context, status=400 if error else 200)


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        platform = selectors.platform_get_public(platform_id=pk)
    except DomainError as error:
        return render(request, "core/error.html", {"error": error}, status=error.status_code)
    context = {
        "platform": platform,
        "qualifications": selectors.platform_qualification_rows(platform=platform),
        "certification": platform_current_certification(platform),
        "rating": platform_rating_summary(platform),
        "contacts_visible": selectors.platform_contacts_visible(platform=platform, user=request.user),
        "lines": lines_for_display(platform),
        "freshness": freshness_info(platform),
    }
    return render(request, "platforms/detail.html", context)


@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    try:
        filters = filters_from_query(request.GET)
    except DomainError:
        filters = selectors.PlatformFilters()
    context = {
        "filters": filters,
        "regions": region_choices(),
        "industries": selectors.industry_choices(),
        "service_types": ServiceType.objects.values_list("code", "name"),
        "tiers": Tier.choices,
        "qualification_kinds": [QualificationKind.CMA, QualificationKind.CNAS],
        "map_config": {
            "tileUrl": getattr(settings, "PILOTHUB_MAP_TILE_URL", DEFAULT_TILE_URL),
            "attribution": getattr(settings, "PILOTHUB_MAP_ATTRIBUTION", DEFAULT_TILE_ATTRIBUTION),
            "subdomains": getattr(settings, "PILOTHUB_MAP_TILE_SUBDOMAINS", "abc"),
            "overlayUrl": getattr(settings, "PILOTHUB_MAP_OVERLAY_URL", ""),
            "maxZoom": getattr(settings, "PILOTHUB_MAP_MAX_ZOOM", 18),
            "center": [35.0, 110.0], "zoom": 4,
        },
    }
    return render(request, "platforms/map.html", context)


@require_GET
def map_data(request: HttpRequest) -> JsonResponse:
    """Compact JSON for the map (see selectors.platform_map_data); 400 with the error body."""
    try:
        zoom = int(request.GET.get("zoom", "5"))
    except ValueError:
        zoom = 5
    try:
        data = selectors.platform_map_data(filters=filters_from_query(request.GET),
                                           bbox=selectors.BBox.parse(request.GET.get("bbox")), zoom=zoom)
    except DomainError as error:
        return JsonResponse({"error": error.as_dict()}, status=error.status_code)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "separators": (",", ":")})
