"""Write endpoints of the registry (operators and reviewers), mounted beside platforms/api.py.

Paths live under /my/platforms (an operator's own platforms) and /platform-change-requests (the
review workflow), so they never share a path with the public read endpoints (/platforms...): two
routers serving one path would shadow each other's methods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from ninja import Router, Schema, Status
from ninja.errors import AuthenticationError

from pilothub.core.api_auth import AUTH
from pilothub.core.errors import not_found

from . import capabilities, services, services_capabilities
from .models import AccreditationScopeItem, HazardPermit, PilotLine, Platform, PlatformChangeRequest
from .selectors_manage import (
    CHILD_KINDS,
    change_request_diff,
    change_request_get_for_user,
    change_request_list_for_platform,
    change_request_queue,
    lines_for_manage,
    open_change_request,
    permits_for_manage,
    platform_get_for_manage,
    platform_list_for_operator,
    platform_values,
)

router = Router(tags=["platforms: editing"], auth=AUTH)


def _user(request):
    if not request.user.is_authenticated:
        raise AuthenticationError()
    return request.user


# --------------------------------------------------------------------------- schemas
class QualificationIn(Schema):
    kind: str
    number: str
    scope: str = ""
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


class PlatformChangesIn(Schema):
    """Only the fields sent are changed. tier is not editable (it comes from certification)."""

    name: str | None = None
    region: str | None = None
    address: str | None = None
    longitude: float | None = None
    latitude: float | None = None
    industries: list[str] | None = None
    service_types: list[str] | None = None
    independent_legal_entity: bool | None = None
    main_business: str | None = None
    description: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    contact_visibility: str | None = None
    open_sharing: bool | None = None
    qualifications: list[QualificationIn] | None = None
    tier: str | None = None  # accepted only to answer with a clear "not editable" error


class PlatformCreateIn(PlatformChangesIn):
    name: str
    region: str


class DiffRow(Schema):
    field: str
    label: str
    old: Any = None
    new: Any = None
    stale: bool


class ChangeRequestSummary(Schema):
    id: int
    platform: int
    platform_name: str
    region: str
    kind: str
    status: str
    changes: dict[str, Any]
    submitted_at: dt.datetime
    submitted_by: str | None
    reviewed_at: dt.datetime | None
    review_note: str


class ChangeRequestOut(ChangeRequestSummary):
    diff: list[DiffRow]


class ChangeRequestList(Schema):
    count: int
    items: list[ChangeRequestSummary]


class MyPlatformOut(Schema):
    id: int
    name: str
    status: str
    tier: str
    values: dict[str, Any]
    open_change_request: int | None


class EditResult(Schema):
    applied: bool
    change_request: ChangeRequestOut | None = None


class ReturnIn(Schema):
    reason: str


class ApproveIn(Schema):
    note: str = ""


class EquipmentIn(Schema):
    name: str
    model: str = ""
    maker: str = ""
    specs: str = ""
    original_value: int | None = None
    location: str = ""
    shareable: bool = True
    fee_rule: str = ""
    is_active: bool = True


class MyEquipmentOut(EquipmentIn):
    id: int
    platform: int


class TestServiceIn(Schema):
    __test__ = False
    name: str
    standard: str = ""
    price: int | None = None
    unit: str = ""
    turnaround_days: int | None = None
    qualification_scope: str = ""
    is_active: bool = True


class MyTestServiceOut(TestServiceIn):
    id: int
    platform: int


class ExpertIn(Schema):
    name: str
    title: str = ""
    field: str = ""


class MyExpertOut(ExpertIn):
    id: int
    platform: int


def _changes(payload: Schema) -> dict[str, Any]:
    data = payload.dict(exclude_unset=True)
    if "qualifications" in data and data["qualifications"] is not None:
        data["qualifications"] = [{**item, "valid_from": item["valid_from"].isoformat() if item.get("valid_from")
                                   else None, "valid_until": item["valid_until"].isoformat()
                                   if item.get("valid_until") else None} for item in data["qualifications"]]
    return data


def _summary(change: PlatformChangeRequest) -> dict[str, Any]:
    return {"id": change.pk, "platform": change.platform_id, "platform_name": change.platform.name,
            "region": change.platform.region_id, "kind": change.kind, "status": change.status,
            "changes": change.changes, "submitted_at": change.submitted_at,
            "submitted_by": str(change.submitted_by) if change.submitted_by else None,
            "reviewed_at": change.reviewed_at, "review_note": change.review_note}


def _change_request(change: PlatformChangeRequest) -> dict[str, Any]:
    """With the field-by-field diff against the approved version (detail responses only)."""
    return {**_summary(change), "diff": [{k: row[k] for k in ("field", "label", "old", "new", "stale")}
                                         for row in change_request_diff(change)]}


def _my_platform(platform: Platform) -> dict[str, Any]:
    pending = open_change_request(platform)
    return {"id": platform.pk, "name": platform.name, "status": platform.status, "tier": platform.tier,
            "values": platform_values(platform), "open_change_request": pending.pk if pending else None}


def _child_out(obj: models.Model, fields: tuple[str, ...]) -> dict[str, Any]:
    return {"id": obj.pk, "platform": obj.platform_id, **{f: getattr(obj, f) for f in fields}}  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- operators: platforms
@router.get("/my/platforms", response=list[MyPlatformOut], summary="我的平台 Platforms my organisation operates")
def my_platforms(request):
    return [_my_platform(p) for p in platform_list_for_operator(user=_user(request))]


@router.post("/my/platforms", response={201: MyPlatformOut},
             summary="新建平台（草稿，审核通过后公开） Create a platform as a draft")
def my_platform_create(request, payload: PlatformCreateIn):
    platform = services.platform_create(user=_user(request), data=_changes(payload))
    return Status(201, _my_platform(platform))


@router.get("/my/platforms/{platform_id}", response=MyPlatformOut, summary="我的平台详情 One of my platforms")
def my_platform(request, platform_id: int):
    return _my_platform(platform_get_for_manage(platform_id=platform_id, user=_user(request)))


@router.post("/my/platforms/{platform_id}/change-requests", response={200: EditResult, 201: EditResult},
             summary="提交平台信息变更 Change a platform: published ones get a change request (201), "
                     "drafts change at once (200)")
def my_platform_change(request, platform_id: int, payload: PlatformChangesIn):
    user = _user(request)
    platform = platform_get_for_manage(platform_id=platform_id, user=user)
    change = services.platform_edit(platform=platform, user=user, data=_changes(payload))
    if change is None:
        return Status(200, {"applied": True, "change_request": None})
    return Status(201, {"applied": False, "change_request": _change_request(change)})


@router.get("/my/platforms/{platform_id}/change-requests", response=ChangeRequestList,
            summary="平台的变更申请 Change requests of my platform")
def my_platform_change_requests(request, platform_id: int):
    platform = platform_get_for_manage(platform_id=platform_id, user=_user(request))
    items = [_summary(c) for c in change_request_list_for_platform(platform=platform)]
    return {"count": len(items), "items": items}


@router.post("/my/platforms/{platform_id}/publication", response={201: ChangeRequestOut},
             summary="提交发布申请 Ask to publish a draft platform")
def my_platform_publish(request, platform_id: int):
    user = _user(request)
    platform = platform_get_for_manage(platform_id=platform_id, user=user)
    return Status(201, _change_request(services.platform_submit_for_publication(platform=platform, user=user)))


# --------------------------------------------------------------------------- operators: children
def _make_child_routes(slug: str, path: str, schema_in: type[Schema], schema_out: type[Schema], label: str) -> None:
    kind, model, fields = CHILD_KINDS[slug]

    def _get(request, platform_id: int, child_id: int):
        platform = platform_get_for_manage(platform_id=platform_id, user=_user(request))
        obj = model.objects.filter(pk=child_id, platform=platform).first()
        if obj is None:
            raise not_found(label, path)
        return obj

    def create(request, platform_id: int, payload: Any):
        user = _user(request)
        platform = platform_get_for_manage(platform_id=platform_id, user=user)
        obj = services.platform_child_create(platform=platform, user=user, kind=kind, data=payload.dict())
        return Status(201, _child_out(obj, fields))

    def listing(request, platform_id: int):
        platform = platform_get_for_manage(platform_id=platform_id, user=_user(request))
        return [_child_out(obj, fields) for obj in model.objects.filter(platform=platform)]

    def update(request, platform_id: int, child_id: int, payload: Any):
        obj = _get(request, platform_id, child_id)
        obj = services.platform_child_update(obj=obj, user=request.user, kind=kind, data=payload.dict())
        return _child_out(obj, fields)

    def delete(request, platform_id: int, child_id: int):
        obj = _get(request, platform_id, child_id)
        services.platform_child_delete(obj=obj, user=request.user, kind=kind)
        return Status(204, None)

    # Annotations are strings here (from __future__ import annotations): give ninja the classes.
    create.__annotations__["payload"] = schema_in
    update.__annotations__["payload"] = schema_in
    base = f"/my/platforms/{{platform_id}}/{path}"
    router.add_api_operation(base, ["GET"], listing, response=list[schema_out],  # type: ignore[valid-type]
                             summary=f"{label}列表 List", operation_id=f"my_{slug}_list")
    router.add_api_operation(base, ["POST"], create, response={201: schema_out},
                             summary=f"新增{label}（直接生效） Create", operation_id=f"my_{slug}_create")
    router.add_api_operation(f"{base}/{{child_id}}", ["PUT"], update, response=schema_out,
                             summary=f"修改{label}（直接生效） Replace", operation_id=f"my_{slug}_update")
    router.add_api_operation(f"{base}/{{child_id}}", ["DELETE"], delete, response={204: None},
                             summary=f"删除{label} Delete", operation_id=f"my_{slug}_delete")


_make_child_routes("equipment", "equipment", EquipmentIn, MyEquipmentOut, "仪器设备")
_make_child_routes("services", "test-services", TestServiceIn, MyTestServiceOut, "检测服务")
_make_child_routes("experts", "experts", ExpertIn, MyExpertOut, "专家")


# --------------------------------------------------------------------------- operators: capabilities (0307)
class PilotLineIn(Schema):
    name: str
    process_step: str
    description: str = ""
    scale_value: Decimal | None = None
    scale_unit: str = ""  # L, m³, kg, t, m², 件 … or 升, 吨, 立方米 (capabilities.unit_info)
    cleanroom_class: int | None = None  # ISO 14644-1 class (5 = 百级 … 8 = 十万级)
    gmp_status: str = ""
    is_active: bool = True


class MyPilotLineOut(PilotLineIn):
    id: int
    platform: int
    scale_dimension: str
    scale_base: float | None


class HazardPermitIn(Schema):
    kind: str
    line: int | None = None  # one of the platform's pilot lines; empty = the whole platform
    processes: str = ""
    number: str = ""
    issued_on: dt.date | None = None
    valid_until: dt.date | None = None


class MyHazardPermitOut(HazardPermitIn):
    id: int
    platform: int
    valid: bool
    status: str


class ScopeItemIn(Schema):
    qualification: int  # a CMA or CNAS qualification of the same platform
    category: str
    parameter: str = ""
    standard: str = ""
    limitation: str = ""


class MyScopeItemOut(ScopeItemIn):
    id: int
    platform: int


def _line_out(line: PilotLine) -> dict[str, Any]:
    return {"id": line.pk, "platform": line.platform_id, "scale_dimension": line.scale_dimension,
            "scale_base": line.scale_base, **{f: getattr(line, f) for f in services_capabilities.LINE_FIELDS}}


def _permit_out(permit: HazardPermit) -> dict[str, Any]:
    return {"id": permit.pk, "platform": permit.platform_id, "kind": permit.kind, "line": permit.line_id,
            "processes": permit.processes, "number": permit.number, "issued_on": permit.issued_on,
            "valid_until": permit.valid_until, "valid": permit.is_valid_on(),
            "status": capabilities.permit_status(permit)}


def _scope_out(item: AccreditationScopeItem) -> dict[str, Any]:
    return {"id": item.pk, "platform": item.qualification.platform_id, "qualification": item.qualification_id,
            "category": item.category, "parameter": item.parameter, "standard": item.standard,
            "limitation": item.limitation}


@dataclass(frozen=True)
class _CapabilityRoutes:
    slug: str
    path: str
    label: str
    schema_in: type[Schema]
    schema_out: type[Schema]
    rows: Callable[[Platform], Any]
    out: Callable[[Any], dict[str, Any]]
    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., Any]
    arg: str


def _capability_record(routes: _CapabilityRoutes, request, platform_id: int, record_id: int):
    platform = platform_get_for_manage(platform_id=platform_id, user=_user(request))
    obj = routes.rows(platform).filter(pk=record_id).first()
    if obj is None:
        raise not_found(routes.label, routes.path)
    return obj


def _make_capability_routes(routes: _CapabilityRoutes) -> None:
    def listing(request, platform_id: int):
        platform = platform_get_for_manage(platform_id=platform_id, user=_user(request))
        return [routes.out(obj) for obj in routes.rows(platform)]

    def create(request, platform_id: int, payload: Any):
        user = _user(request)
        platform = platform_get_for_manage(platform_id=platform_id, user=user)
        return Status(201, routes.out(routes.create(platform=platform, user=user, data=payload.dict())))

    def update(request, platform_id: int, record_id: int, payload: Any):
        obj = _capability_record(routes, request, platform_id, record_id)
        return routes.out(routes.update(**{routes.arg: obj}, user=request.user, data=payload.dict()))

    def delete(request, platform_id: int, record_id: int):
        obj = _capability_record(routes, request, platform_id, record_id)
        routes.delete(**{routes.arg: obj}, user=request.user)
        return Status(204, None)

    create.__annotations__["payload"] = routes.schema_in
    update.__annotations__["payload"] = routes.schema_in
    base = f"/my/platforms/{{platform_id}}/{routes.path}"
    router.add_api_operation(base, ["GET"], listing, response=list[routes.schema_out],  # type: ignore[name-defined]
                             summary=f"{routes.label}列表 List", operation_id=f"my_{routes.slug}_list")
    router.add_api_operation(base, ["POST"], create, response={201: routes.schema_out},
                             summary=f"新增{routes.label}（直接生效） Create", operation_id=f"my_{routes.slug}_create")
    router.add_api_operation(f"{base}/{{record_id}}", ["PUT"], update, response=routes.schema_out,
                             summary=f"修改{routes.label}（直接生效） Replace", operation_id=f"my_{routes.slug}_update")
    router.add_api_operation(f"{base}/{{record_id}}", ["DELETE"], delete, response={204: None},
                             summary=f"删除{routes.label} Delete", operation_id=f"my_{routes.slug}_delete")


_PERMITS = _CapabilityRoutes(
    "hazard_permits", "hazard-permits", "危险工艺许可", HazardPermitIn, MyHazardPermitOut, permits_for_manage,
    _permit_out, services_capabilities.hazard_permit_create, services_capabilities.hazard_permit_update,
    services_capabilities.hazard_permit_delete, "permit")
_make_capability_routes(_CapabilityRoutes(
    "pilot_lines", "pilot-lines", "中试产线", PilotLineIn, MyPilotLineOut, lines_for_manage, _line_out,
    services_capabilities.pilot_line_create, services_capabilities.pilot_line_update,
    services_capabilities.pilot_line_delete, "line"))
_make_capability_routes(_PERMITS)
_make_capability_routes(_CapabilityRoutes(
    "scope_items", "accreditation-scope", "资质认可范围条目", ScopeItemIn, MyScopeItemOut,
    lambda platform: AccreditationScopeItem.objects.select_related("qualification").filter(
        qualification__platform=platform).order_by("qualification_id", "category", "parameter", "pk"),
    _scope_out, services_capabilities.scope_item_create, services_capabilities.scope_item_update,
    services_capabilities.scope_item_delete, "item"))


@router.post("/my/platforms/{platform_id}/hazard-permits/{record_id}/expire", response=MyHazardPermitOut,
             summary="标记许可失效（有效期至改为昨天） Mark a permit as no longer in force")
def my_hazard_permit_expire(request, platform_id: int, record_id: int):
    permit = _capability_record(_PERMITS, request, platform_id, record_id)
    return _permit_out(services_capabilities.hazard_permit_expire(permit=permit, user=request.user))


# --------------------------------------------------------------------------- reviewers
@router.get("/platform-change-requests", response=ChangeRequestList,
            summary="平台变更审核队列 The review queue of my region (reviewers)")
def change_request_queue_api(request, status: str = "submitted", limit: int = 50, offset: int = 0):
    queryset = change_request_queue(user=_user(request), status=status)
    limit, offset = max(1, min(limit, 200)), max(0, offset)
    return {"count": queryset.count(), "items": [_summary(c) for c in queryset[offset:offset + limit]]}


@router.get("/platform-change-requests/{change_request_id}", response=ChangeRequestOut,
            summary="变更申请详情（逐字段对比） A change request with its field-by-field diff")
def change_request_detail_api(request, change_request_id: int):
    return _change_request(change_request_get_for_user(change_request_id=change_request_id, user=_user(request)))


@router.post("/platform-change-requests/{change_request_id}/approve", response=ChangeRequestOut,
             summary="通过 Approve (applies the change atomically)")
def change_request_approve_api(request, change_request_id: int, payload: ApproveIn | None = None):
    change = change_request_get_for_user(change_request_id=change_request_id, user=_user(request))
    change = services.change_request_approve(change_request=change, reviewer=request.user,
                                             note=payload.note if payload else "")
    return _change_request(change)


@router.post("/platform-change-requests/{change_request_id}/return", response=ChangeRequestOut,
             summary="退回（须填写原因） Return to the operator with a reason")
def change_request_return_api(request, change_request_id: int, payload: ReturnIn):
    change = change_request_get_for_user(change_request_id=change_request_id, user=_user(request))
    return _change_request(services.change_request_return(change_request=change, reviewer=request.user,
                                                          reason=payload.reason))


@router.post("/platform-change-requests/{change_request_id}/withdraw", response=ChangeRequestOut,
             summary="撤回（运营方） Withdraw my open request")
def change_request_withdraw_api(request, change_request_id: int):
    change = change_request_get_for_user(change_request_id=change_request_id, user=_user(request))
    return _change_request(services.change_request_withdraw(change_request=change, user=request.user))

