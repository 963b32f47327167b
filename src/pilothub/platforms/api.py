"""Public read API of the registry: platforms, equipment and test services (no login needed).

Contacts follow the operator's choice exactly as on the web pages: public, or only for a
logged-in user (session or API token). Unknown or unpublished ids give 404 with the standard
error body.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from . import selectors
from .capabilities import capability_filters_from_params
from .models import Equipment, Platform, TestService

router = Router(tags=["platforms"])


# --- schemas ------------------------------------------------------------------------------------


class CodeName(Schema):
    code: str
    name: str


class ContactsOut(Schema):
    name: str
    phone: str
    email: str


class QualificationOut(Schema):
    kind: str
    number: str
    scope: str
    valid_from: datetime.date | None
    valid_until: datetime.date
    state: str = Field(description="valid | expired | pending")


class PlatformOut(Schema):
    id: int
    name: str
    operator: str
    region: CodeName
    address: str
    longitude: float | None
    latitude: float | None
    tier: str
    tier_label: str
    industries: list[CodeName]
    service_types: list[CodeName]
    main_business: str
    valid_qualifications: list[str] = Field(description="CMA/CNAS valid today")
    shareable_equipment_count: int
    is_demo: bool
    contact_visibility: str
    contacts: ContactsOut | None = Field(description="null when the operator shows contacts to logged-in users only")
    url: str


class EquipmentOut(Schema):
    id: int
    platform_id: int
    platform: str
    region: str
    name: str
    model: str
    maker: str
    specs: str
    original_value: int | None
    location: str
    shareable: bool
    fee_rule: str


class TestServiceOut(Schema):
    __test__ = False
    id: int
    platform_id: int
    platform: str
    region: str
    name: str
    standard: str
    price: int | None = Field(description="元")
    unit: str
    turnaround_days: int | None
    qualification_scope: str


class ExpertOut(Schema):
    name: str
    title: str
    field: str


class PlatformDetailOut(PlatformOut):
    description: str
    independent_legal_entity: bool
    open_sharing: bool
    last_confirmed_at: datetime.datetime | None
    qualifications: list[QualificationOut]
    equipment: list[EquipmentOut]
    test_services: list[TestServiceOut]
    experts: list[ExpertOut]


class PlatformPage(Schema):
    count: int = Field(description="platforms matching; for a search at most 1000 (see count_exact)")
    count_exact: bool = Field(True, description="false when more than `count` platforms match a search: "
                                                 "only the first `count` are listed, by the chosen sort")
    items: list[PlatformOut]


class EquipmentPage(Schema):
    count: int
    items: list[EquipmentOut]


class TestServicePage(Schema):
    __test__ = False
    count: int
    items: list[TestServiceOut]


class Paging(Schema):
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=100)


class PlatformQuery(Paging):
    q: str = Field("", max_length=100)
    region: str = ""
    industry: str = ""
    service_type: str = ""
    tier: str = ""
    qualification: str = Field("", description="CMA or CNAS, valid today")
    shareable: bool = False
    sort: str = Field("", description="relevance | name | tier | newest")
    process_step: str = Field("", description="pilot-line process step code, e.g. scale_up")
    min_scale: str = Field("", max_length=20, description="minimum line scale, in `unit`")
    unit: str = Field("", max_length=8, description="unit of min_scale: L, mL, m3, kg, t, m2, 件 …")
    cleanroom: str = Field("", max_length=8, description="ISO class 5–9 or 百级/千级/万级/十万级, or cleaner")
    gmp: str = Field("", max_length=5, description="1: a line that passed a GMP compliance inspection")


class EquipmentQuery(Paging):
    shareable: bool | None = None
    region: str = ""
    platform: int | None = None


class TestServiceQuery(Paging):
    __test__ = False
    platform: int | None = None
    region: str = ""
    q: str = Field("", max_length=100)


# --- serialisation (plain dicts from prefetched rows: no query per item) -------------------------


def _page(queryset, paging: Paging, paginator: Paginator | None = None) -> tuple[int, list]:
    paginator = paginator or Paginator(queryset, paging.page_size)
    if paging.page > max(paginator.num_pages, 1):
        return paginator.count, []
    return paginator.count, list(paginator.page(paging.page).object_list)


def _platform(platform: Platform, request: HttpRequest) -> dict[str, Any]:
    visible = selectors.platform_contacts_visible(platform=platform, user=request.user)
    valid = getattr(platform, "valid_qualifications", None)
    shareable = getattr(platform, "shareable_equipment", None)
    return {
        "id": platform.pk, "name": platform.name, "operator": platform.operator.name,
        "region": {"code": platform.region_id, "name": platform.region.name},
        "address": platform.address, "longitude": platform.longitude, "latitude": platform.latitude,
        "tier": platform.tier, "tier_label": str(platform.get_tier_display()),
        "industries": [{"code": i.code, "name": i.name} for i in platform.industries.all()],
        "service_types": [{"code": s.code, "name": s.name} for s in platform.service_types.all()],
        "main_business": platform.main_business,
        "valid_qualifications": sorted({q.kind for q in valid}) if valid is not None else [],
        "shareable_equipment_count": len(shareable) if shareable is not None else sum(
            1 for e in platform.equipment.all() if e.shareable),
        "is_demo": platform.is_demo, "contact_visibility": platform.contact_visibility,
        "contacts": {"name": platform.contact_name, "phone": platform.contact_phone,
                     "email": platform.contact_email} if visible else None,
        "url": f"/platforms/{platform.pk}/",
    }


def _equipment(item: Equipment) -> dict[str, Any]:
    return {"id": item.pk, "platform_id": item.platform_id, "platform": item.platform.name,
            "region": item.platform.region_id, "name": item.name, "model": item.model, "maker": item.maker,
            "specs": item.specs, "original_value": item.original_value, "location": item.location,
            "shareable": item.shareable, "fee_rule": item.fee_rule}


def _test_service(service: TestService) -> dict[str, Any]:
    return {"id": service.pk, "platform_id": service.platform_id, "platform": service.platform.name,
            "region": service.platform.region_id, "name": service.name, "standard": service.standard,
            "price": service.price, "unit": service.unit, "turnaround_days": service.turnaround_days,
            "qualification_scope": service.qualification_scope}


# --- endpoints ----------------------------------------------------------------------------------


@router.get("/platforms", response=PlatformPage, auth=None, summary="中试平台名录 List platforms")
def platform_list(request, query: Query[PlatformQuery]):
    filters = selectors.PlatformFilters(
        q=query.q.strip(), region=query.region.strip(), industry=query.industry.strip(),
        service_type=query.service_type.strip(), tier=query.tier.strip(), qualification=query.qualification.strip(),
        shareable=query.shareable, sort=query.sort.strip(),
        capabilities=tuple(sorted(capability_filters_from_params({
            "process_step": query.process_step, "min_scale": query.min_scale, "unit": query.unit,
            "cleanroom": query.cleanroom, "gmp": query.gmp}).items())))
    rows_queryset = selectors.platform_list(filters=filters).select_related("operator")
    paginator = selectors.platform_paginator(filters=filters, per_page=query.page_size, queryset=rows_queryset)
    count, rows = _page(rows_queryset, query, paginator)
    return {"count": count, "count_exact": paginator.count_exact, "items": [_platform(p, request) for p in rows]}


@router.get("/platforms/{platform_id}", response=PlatformDetailOut, auth=None, summary="平台详情 Platform detail")
def platform_detail(request, platform_id: int):
    platform = selectors.platform_get_public(platform_id=platform_id)
    data = _platform(platform, request)
    valid = {row["qualification"].pk: row["state"] for row in selectors.platform_qualification_rows(platform=platform)}
    data["valid_qualifications"] = sorted({q.kind for q in platform.qualifications.all()
                                           if valid[q.pk] == "valid" and q.kind in ("CMA", "CNAS")})
    data.update({
        "description": platform.description, "independent_legal_entity": platform.independent_legal_entity,
        "open_sharing": platform.open_sharing, "last_confirmed_at": platform.last_confirmed_at,
        "qualifications": [{"kind": q.kind, "number": q.number, "scope": q.scope, "valid_from": q.valid_from,
                            "valid_until": q.valid_until, "state": valid[q.pk]} for q in platform.qualifications.all()],
        "equipment": [_equipment(e) for e in platform.equipment.all()],
        "test_services": [_test_service(s) for s in platform.test_services.all()],
        "experts": [{"name": x.name, "title": x.title, "field": x.field} for x in platform.experts.all()],
    })
    return data


@router.get("/equipment", response=EquipmentPage, auth=None, summary="仪器设备 List equipment")
def equipment_list(request, query: Query[EquipmentQuery]):
    queryset = selectors.equipment_list_public(shareable=query.shareable, region=query.region.strip(),
                                               platform_id=query.platform)
    count, rows = _page(queryset, query)
    return {"count": count, "items": [_equipment(e) for e in rows]}


@router.get("/test-services", response=TestServicePage, auth=None, summary="检测服务 List test services")
def test_service_list(request, query: Query[TestServiceQuery]):
    queryset = selectors.test_service_list_public(platform_id=query.platform, region=query.region.strip(),
                                                  q=query.q.strip())
    count, rows = _page(queryset, query)
    return {"count": count, "items": [_test_service(s) for s in rows]}
