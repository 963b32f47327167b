"""API pieces of the trust layer, for the registry's API to mount and reuse.

- `CapabilityFilters`: query parameters for the platform list endpoint; use
  `def platform_list(request, filters: Query[CapabilityFilters])` and
  `qs = apply_capability_filters(qs, filters)`.
- `router`: GET /platforms/{id}/capabilities (public: active lines, hazard permits, and each
  accreditation with its computed validity). Mount with `router.add_router("", api_trust.router)`
  in platforms/api.py.
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from ninja import Router, Schema

from pilothub.core.errors import not_found

from . import capabilities, freshness
from .models import Platform, PlatformStatus

router = Router(tags=["platforms"])


class CapabilityFilters(Schema):
    process_step: str | None = None
    min_scale: float | None = None
    unit: str | None = None
    cleanroom: str | None = None  # ISO class 1–9 or 百级/千级/万级/十万级
    gmp: bool | None = None


def apply_capability_filters(qs: QuerySet, filters: CapabilityFilters) -> QuerySet:
    """Validates the parameters (DomainError → 400 with its code) and filters the platforms."""
    params = {key: value for key, value in filters.dict().items() if value not in (None, "")}
    if "min_scale" in params:
        params["min_scale"] = str(params["min_scale"])
    if "gmp" in params:
        params["gmp"] = "1" if params["gmp"] else ""
    return capabilities.filter_platforms(qs, **capabilities.capability_filters_from_params(params))


class LineOut(Schema):
    name: str
    process_step: str
    process_step_label: str
    scale_value: float | None
    scale_unit: str
    scale_dimension: str
    scale_base: float | None
    cleanroom_class: int | None
    gmp_status: str


class PermitOut(Schema):
    kind: str
    kind_label: str
    processes: str
    number: str
    valid_until: datetime.date | None
    valid: bool


class CapabilityQualificationOut(Schema):
    kind: str
    number: str
    valid_until: datetime.date
    valid: bool
    status: str
    scope: list[str]


class CapabilitiesOut(Schema):
    platform_id: int
    freshness: str
    lines: list[LineOut]
    hazard_permits: list[PermitOut]
    qualifications: list[CapabilityQualificationOut]


@router.get("/platforms/{platform_id}/capabilities", response=CapabilitiesOut, auth=None,
            summary="平台产线、危险工艺许可与资质（含有效性） Lines, permits and accreditations")
def platform_capabilities(request, platform_id: int):
    platform = Platform.objects.select_related("region").filter(pk=platform_id, status=PlatformStatus.PUBLISHED).first()
    if platform is None or freshness.freshness_state(platform) == freshness.FreshnessState.HIDDEN:
        raise not_found("平台", "Platform")
    lines = [LineOut(name=line.name, process_step=line.process_step, process_step_label=line.get_process_step_display(),
                     scale_value=float(line.scale_value) if line.scale_value is not None else None,
                     scale_unit=line.scale_unit, scale_dimension=line.scale_dimension, scale_base=line.scale_base,
                     cleanroom_class=line.cleanroom_class, gmp_status=line.gmp_status)
             for line in capabilities.lines_for_display(platform)]
    permits = [PermitOut(kind=p.kind, kind_label=p.get_kind_display(), processes=p.processes, number=p.number,
                         valid_until=p.valid_until, valid=p.is_valid_on()) for p in platform.hazard_permits.all()]
    quals = [CapabilityQualificationOut(kind=v.qualification.kind, number=v.qualification.number,
                              valid_until=v.qualification.valid_until, valid=v.valid, status=v.status,
                              scope=[str(s) for s in v.scope_items] if v.valid else [])
             for v in capabilities.qualifications_for_display(platform)]
    return {"platform_id": platform.pk, "freshness": freshness.freshness_state(platform), "lines": lines,
            "hazard_permits": permits, "qualifications": quals}
