"""Reads of the registry's editing workflow: permission gates, queues, diffs and history.

(The public directory's reads live in selectors.py.)
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from pilothub.accounts.scoping import reviewer_scope_q
from pilothub.core.errors import forbidden, not_found
from pilothub.regions.models import Region

from . import permissions
from .models import (
    AccreditationScopeItem,
    ChangeRequestKind,
    ChangeRequestStatus,
    ContactVisibility,
    Equipment,
    Expert,
    HazardPermit,
    Industry,
    PilotLine,
    Platform,
    PlatformChangeRequest,
    PlatformFieldChange,
    PlatformStatus,
    QualificationKind,
    ServiceType,
    TestService,
)

# The fields an operator edits (tier comes from certification; status from review).
EDITABLE_FIELDS: tuple[str, ...] = (
    "name", "region", "address", "longitude", "latitude", "industries", "service_types",
    "independent_legal_entity", "main_business", "description", "contact_name", "contact_phone",
    "contact_email", "contact_visibility", "open_sharing", "qualifications",
)
M2M_FIELDS: dict[str, Any] = {"industries": Industry, "service_types": ServiceType}

# Child records operators edit directly (no review; decision 0303). URL slug → (kind, model, fields).
CHILD_KINDS: dict[str, tuple[str, Any, tuple[str, ...]]] = {
    "equipment": ("equipment", Equipment,
                  ("name", "model", "maker", "specs", "original_value", "location", "shareable", "fee_rule",
                   "is_active")),
    "services": ("test_service", TestService,
                 ("name", "standard", "price", "unit", "turnaround_days", "qualification_scope", "is_active")),
    "experts": ("expert", Expert, ("name", "title", "field")),
}
CHILD_SLUG_BY_KIND = {kind: slug for slug, (kind, _model, _fields) in CHILD_KINDS.items()}


def _platforms() -> QuerySet[Platform]:
    return Platform.objects.select_related("region", "operator")


def platform_get_for_manage(*, platform_id: int, user) -> Platform:
    """The one gate for operator writes: the user's organisation operates the platform.

    A platform the user may not even see (another organisation's draft) is a 404; a public one
    they do not operate is a 403.
    """
    platform = _platforms().filter(pk=platform_id).first()
    if platform is None:
        raise not_found("中试平台", "Platform")
    if permissions.can_manage(user, platform):
        return platform
    if platform.status == PlatformStatus.PUBLISHED or permissions.can_view_history(user, platform):
        raise forbidden("修改此平台（只有其运营单位可以修改）", "edit this platform (only its operator may)")
    raise not_found("中试平台", "Platform")


def platform_get_for_history(*, platform_id: int, user) -> Platform:
    """Operators of the platform, reviewers of its region and administrators."""
    platform = _platforms().filter(pk=platform_id).first()
    if platform is None or not permissions.can_view_history(user, platform):
        if platform is not None and platform.status == PlatformStatus.PUBLISHED and user.is_authenticated:
            raise forbidden("查看此平台的修改记录", "see this platform's history")
        raise not_found("中试平台", "Platform")
    return platform


def platform_list_for_operator(*, user) -> QuerySet[Platform]:
    if not permissions.can_create(user):
        return Platform.objects.none()
    return _platforms().filter(operator_id=user.organisation_id).order_by("name")


def open_change_request(platform: Platform) -> PlatformChangeRequest | None:
    return platform.change_requests.filter(status=ChangeRequestStatus.SUBMITTED).first()


def returned_change_request(platform: Platform) -> PlatformChangeRequest | None:
    """The platform's latest request, if it was returned (the operator fixes and resubmits it)."""
    latest = platform.change_requests.order_by("-submitted_at", "-id").first()
    return latest if latest is not None and latest.status == ChangeRequestStatus.RETURNED else None


def change_request_get_for_user(*, change_request_id: int, user) -> PlatformChangeRequest:
    """Operators see their platforms' requests; reviewers those of their region."""
    request = (PlatformChangeRequest.objects.select_related("platform__region", "platform__operator",
                                                            "submitted_by", "reviewed_by")
               .filter(pk=change_request_id).first())
    if request is None or not permissions.can_view_history(user, request.platform):
        raise not_found("变更申请", "Change request")
    return request


def change_request_queue(*, user, status: str = ChangeRequestStatus.SUBMITTED) -> QuerySet[PlatformChangeRequest]:
    """A reviewer's queue: requests of platforms in their region and below (403 for anyone else)."""
    queryset = (PlatformChangeRequest.objects.filter(reviewer_scope_q(user, region_field="platform__region"))
                .select_related("platform__region", "platform__operator", "submitted_by"))
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("submitted_at", "id") if status == ChangeRequestStatus.SUBMITTED else queryset


def change_request_list_for_platform(*, platform: Platform) -> QuerySet[PlatformChangeRequest]:
    return platform.change_requests.select_related("submitted_by", "reviewed_by")


def platform_history(*, platform: Platform) -> QuerySet[PlatformFieldChange]:
    return platform.field_changes.select_related("change_request")


# --------------------------------------------------------------------------- values and display
def qualification_value(qualification) -> dict[str, Any]:
    return {"kind": qualification.kind, "number": qualification.number, "scope": qualification.scope,
            "valid_from": qualification.valid_from.isoformat() if qualification.valid_from else None,
            "valid_until": qualification.valid_until.isoformat()}


def platform_values(platform: Platform) -> dict[str, Any]:
    """The approved values of the editable fields, JSON-ready (the shape change requests use)."""
    values: dict[str, Any] = {}
    for name in EDITABLE_FIELDS:
        if name == "region":
            values[name] = platform.region_id
        elif name in M2M_FIELDS:
            values[name] = sorted(getattr(platform, name).values_list("code", flat=True)) if platform.pk else []
        elif name == "qualifications":
            values[name] = sorted((qualification_value(q) for q in platform.qualifications.all()),
                                  key=lambda q: (q["kind"], q["number"])) if platform.pk else []
        else:
            values[name] = getattr(platform, name)
    return values


# History object types → their model (for field labels and choice labels).
HISTORY_MODELS: dict[str, Any] = {
    "platform": Platform, "equipment": Equipment, "test_service": TestService, "expert": Expert,
    "pilot_line": PilotLine, "hazard_permit": HazardPermit, "scope_item": AccreditationScopeItem}


def field_label(object_type: str, field: str) -> str:
    if field == "qualifications":
        return _("资质")
    if field == "*":
        return _("全部字段")
    model = HISTORY_MODELS.get(object_type, Platform)
    try:
        return str(getattr(model._meta.get_field(field), "verbose_name", field))
    except Exception:  # noqa: BLE001 - a field that no longer exists keeps its name
        return field


def code_names(values: dict[str, list]) -> dict[str, dict[str, str]]:
    """Names for the codes of industries, service types and regions, one query per vocabulary."""
    names: dict[str, dict[str, str]] = {}
    for field, model in (*M2M_FIELDS.items(), ("region", Region)):
        codes = {str(code) for code in values.get(field, [])}
        names[field] = dict(model.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
    return names


def display_value(object_type: str, field: str, value: Any, names: dict[str, dict[str, str]] | None = None) -> str:
    """A value as a person reads it (names for codes, 是/否 for booleans, — for empty).

    `names` (from code_names) saves the look-ups when many values are shown at once.
    """
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if object_type == "platform":
        if field in M2M_FIELDS or field == "region":
            codes = list(value) if field in M2M_FIELDS else [value]
            lookup = names[field] if names is not None else code_names({field: codes})[field]
            if field == "region":
                return f"{lookup[value]}（{value}）" if value in lookup else str(value)
            return "、".join(lookup.get(code, code) for code in codes)
        if field == "contact_visibility":
            return str(dict(ContactVisibility.choices).get(value, value))
        if field == "status":
            return str(dict(PlatformStatus.choices).get(value, value))
        if field == "qualifications":
            kinds = dict(QualificationKind.choices)
            today = timezone.localdate().isoformat()
            return "；".join(
                f"{kinds.get(q.get('kind'), q.get('kind'))} {q.get('number')}"
                f"（{q.get('valid_from') or '—'} {_('至')} {q.get('valid_until')}"
                f"{_('，已过期') if str(q.get('valid_until') or '') < today else ''}）" for q in value)
    if isinstance(value, dict):
        return "；".join(f"{field_label(object_type, key)}：{display_value(object_type, key, item)}"
                        for key, item in value.items() if item not in (None, "", []))
    if object_type in HISTORY_MODELS and object_type != "platform":
        # A coded choice (process step, permit kind, GMP status …) reads as its label.
        try:
            choices = HISTORY_MODELS[object_type]._meta.get_field(field).choices
        except Exception:  # noqa: BLE001 - a field that no longer exists keeps its value
            choices = None
        if choices:
            return str(dict(choices).get(value, value))
    return str(value)


# --------------------------------------------------------------------------- capabilities (decision 0307)
def lines_for_manage(platform: Platform) -> QuerySet[PilotLine]:
    """All the platform's lines, out-of-use ones included (the public sees only active ones)."""
    return platform.pilot_lines.order_by("-is_active", "process_step", "name", "pk")


def permits_for_manage(platform: Platform) -> QuerySet[HazardPermit]:
    return platform.hazard_permits.select_related("line").order_by("kind", "number", "pk")


def accreditations_for_manage(platform: Platform) -> QuerySet[Any]:
    """The platform's CMA/CNAS qualifications (the ones scope items may belong to), with their items."""
    return (platform.qualifications.filter(kind__in=[QualificationKind.CMA, QualificationKind.CNAS])
            .prefetch_related("scope_items").order_by("kind", "number", "pk"))


def change_request_diff(change_request: PlatformChangeRequest) -> list[dict[str, Any]]:
    """Field by field: the approved value now → the requested value; `stale` when the approved
    value changed after the operator submitted (e.g. by an import)."""
    current = platform_values(change_request.platform)
    if change_request.kind == ChangeRequestKind.PUBLISH:
        # A publication request shows everything the public would start to see.
        return [{"field": field, "label": field_label("platform", field), "old": None, "new": current[field],
                 "old_display": "—", "new_display": display_value("platform", field, current[field]),
                 "stale": False} for field in EDITABLE_FIELDS if current[field] not in (None, "", [])]
    rows = []
    for field in EDITABLE_FIELDS:
        if field not in change_request.changes:
            continue
        new = change_request.changes[field]
        old = current.get(field)
        rows.append({"field": field, "label": field_label("platform", field), "old": old, "new": new,
                     "old_display": display_value("platform", field, old),
                     "new_display": display_value("platform", field, new),
                     "stale": field in change_request.base and change_request.base[field] != old})
    return rows


def history_rows(changes) -> list[dict[str, Any]]:
    changes = list(changes)
    wanted: dict[str, list] = {"industries": [], "service_types": [], "region": []}
    for change in changes:
        if change.object_type == "platform" and change.field in wanted:
            for value in (change.old, change.new):
                if value:
                    wanted[change.field].extend(value if isinstance(value, list) else [value])
    names = code_names(wanted)
    return [{"change": change, "label": field_label(change.object_type, change.field),
             "old_display": display_value(change.object_type, change.field, change.old, names),
             "new_display": display_value(change.object_type, change.field, change.new, names)}
            for change in changes]
