"""Operators' writes of a platform's capabilities: pilot lines (产线), hazardous-process permits
(危险工艺许可) and the scope items of its CMA/CNAS accreditations (认可范围条目).

Decision 0307. Like equipment, test services and experts (decision 0303) they go in directly,
without a change request. Every write
- passes the registry's operator gate (the platform's own operator accounts of an approved
  organisation; administrators and reviewers do not edit an operator's facts),
- is validated completely before anything is saved (a DomainError changes nothing),
- writes one audit event and the changed fields to the platform's history (PlatformFieldChange),
- and, for pilot lines (which matching reads), touches the match index after commit.
Direct edits do not count as confirming the listing (freshness, decision 0305): only the one-click
confirmation and an approved change request restart the confirmation clock.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from pilothub.accounts.models import User
from pilothub.core.audit import AuditAction, audit_record, model_snapshot
from pilothub.core.errors import Conflict, DomainError, not_found
from pilothub.core.validation import raise_first_validation_error

from .capabilities import to_base
from .models import (
    AccreditationScopeItem,
    FieldChangeAction,
    HazardPermit,
    HazardPermitKind,
    PilotLine,
    Platform,
    Qualification,
    QualificationKind,
)
from .services import _lock, _require_operator, field_changes_record


class CapabilityAction:
    LINE_CREATE = "pilot_line_create"
    LINE_UPDATE = "pilot_line_update"
    LINE_DELETE = "pilot_line_delete"
    PERMIT_CREATE = "hazard_permit_create"
    PERMIT_UPDATE = "hazard_permit_update"
    PERMIT_EXPIRE = "hazard_permit_expire"
    PERMIT_DELETE = "hazard_permit_delete"
    SCOPE_CREATE = "scope_item_create"
    SCOPE_UPDATE = "scope_item_update"
    SCOPE_DELETE = "scope_item_delete"


# Object types of the history rows (PlatformFieldChange.object_type).
LINE, PERMIT, SCOPE = "pilot_line", "hazard_permit", "scope_item"

LINE_FIELDS = ("name", "process_step", "description", "scale_value", "scale_unit", "cleanroom_class", "gmp_status",
               "is_active")
PERMIT_FIELDS = ("kind", "line", "processes", "number", "issued_on", "valid_until")
SCOPE_FIELDS = ("qualification", "category", "parameter", "standard", "limitation")
ACCREDITATION_KINDS = (QualificationKind.CMA, QualificationKind.CNAS)


# ---------------------------------------------------------------------- shared helpers
def _json(value: Any) -> Any:
    """A field value as the history stores it (JSON, readable without the row it came from)."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, PilotLine):
        return value.name
    if isinstance(value, Qualification):
        return f"{value.kind} {value.number}"
    return value


def _values(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {field: _json(getattr(obj, field)) for field in fields}


def _text(data: Mapping[str, Any], field: str) -> str:
    return str(data.get(field) or "").strip()


def _unknown_fields(data: Mapping[str, Any], fields: tuple[str, ...]) -> None:
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise DomainError("unknown_field", f"未知字段：{'、'.join(unknown)}", f"Unknown field: {', '.join(unknown)}",
                          field=unknown[0])


def _date(value: Any, field: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise DomainError("invalid_date", f"日期格式不正确：{value}（应为 YYYY-MM-DD）",
                          f"Invalid date: {value} (expected YYYY-MM-DD)", field=field) from None


def _record(*, user: User, platform: Platform, obj: models.Model, object_type: str, action: str,
            audit_action: str, old: Mapping[str, Any], new: Mapping[str, Any], before: dict | None,
            after: dict | None, note: str = "") -> None:
    """History rows for the fields that changed, and one audit event."""
    if action == FieldChangeAction.CREATE:
        changes = {k: v for k, v in new.items() if v not in (None, "")}
    elif action == FieldChangeAction.DELETE:
        changes, old = {"*": None}, {"*": {k: v for k, v in old.items() if v not in (None, "")}}
    else:
        changes = {k: v for k, v in new.items() if old.get(k) != v}
    label = str(obj)
    field_changes_record(platform=platform, user=user, changes=changes, old=old, object_type=object_type,
                         object_id=obj.pk, object_label=label, action=action)
    audit_record(actor=user, action=audit_action, object_type=obj._meta.label_lower, object_id=str(obj.pk),
                 object_repr=label, region_path=platform.region.path, before=before, after=after, note=note)


def _touch_index(platform_id: int) -> None:
    def touch() -> None:
        from pilothub.matching.services import match_index_touch

        match_index_touch(platform_ids=[platform_id])

    transaction.on_commit(touch)


@dataclass(frozen=True)
class _Kind:
    """What differs between the three capability records' writes; the writes themselves are shared."""

    object_type: str
    fields: tuple[str, ...]
    create_action: str
    update_action: str
    delete_note: str
    snapshot_exclude: tuple[str, ...] = ()
    touches_match_index: bool = False  # matching reads pilot lines, not permits or scope items


# Sets and validates a record's fields from the input (raises DomainError; saves nothing).
Apply = Callable[[Any, Platform, Mapping[str, Any]], None]


def _after_write(kind: _Kind, platform: Platform) -> None:
    if kind.touches_match_index:
        _touch_index(platform.pk)


def _create(kind: _Kind, *, platform: Platform, user: User, data: Mapping[str, Any],
            new: Callable[[Platform], models.Model], apply: Apply) -> Any:
    platform = _lock(platform)
    _require_operator(user, platform)
    obj = new(platform)
    apply(obj, platform, data)
    obj.save()
    _record(user=user, platform=platform, obj=obj, object_type=kind.object_type, action=FieldChangeAction.CREATE,
            audit_action=kind.create_action, old={}, new=_values(obj, kind.fields), before=None,
            after=model_snapshot(obj, exclude=kind.snapshot_exclude))
    _after_write(kind, platform)
    return obj


def _update(kind: _Kind, *, locked: Any, platform: Platform, user: User, data: Mapping[str, Any],
            apply: Apply, audit_action: str | None = None) -> Any:
    old, before = _values(locked, kind.fields), model_snapshot(locked, exclude=kind.snapshot_exclude)
    apply(locked, platform, data)
    new = _values(locked, kind.fields)
    if new == old:
        return locked
    locked.save()
    _record(user=user, platform=platform, obj=locked, object_type=kind.object_type, action=FieldChangeAction.UPDATE,
            audit_action=audit_action or kind.update_action, old=old, new=new, before=before,
            after=model_snapshot(locked, exclude=kind.snapshot_exclude))
    _after_write(kind, platform)
    return locked


def _delete(kind: _Kind, *, locked: models.Model, platform: Platform, user: User) -> None:
    old, before, pk = _values(locked, kind.fields), model_snapshot(locked), locked.pk
    locked.delete()
    locked.pk = pk  # the history and the audit event name the row that was deleted
    _record(user=user, platform=platform, obj=locked, object_type=kind.object_type, action=FieldChangeAction.DELETE,
            audit_action=AuditAction.DELETE, old=old, new={}, before=before, after=None, note=kind.delete_note)
    _after_write(kind, platform)


LINE_KIND = _Kind(LINE, LINE_FIELDS, CapabilityAction.LINE_CREATE, CapabilityAction.LINE_UPDATE,
                  CapabilityAction.LINE_DELETE, snapshot_exclude=("updated_at",), touches_match_index=True)
PERMIT_KIND = _Kind(PERMIT, PERMIT_FIELDS, CapabilityAction.PERMIT_CREATE, CapabilityAction.PERMIT_UPDATE,
                    CapabilityAction.PERMIT_DELETE)
SCOPE_KIND = _Kind(SCOPE, SCOPE_FIELDS, CapabilityAction.SCOPE_CREATE, CapabilityAction.SCOPE_UPDATE,
                   CapabilityAction.SCOPE_DELETE)


# ---------------------------------------------------------------------- pilot lines
def line_apply(line: PilotLine, data: Mapping[str, Any]) -> None:
    """Set and validate a line's fields; the scale is parsed with the unit table of capabilities.py
    and stored in the base unit of its dimension too. Raises DomainError; saves nothing."""
    _unknown_fields(data, LINE_FIELDS)
    for name in LINE_FIELDS:
        if name in data:
            value = data[name]
            if name in ("name", "description", "scale_unit", "gmp_status"):
                value = str(value or "").strip()
            setattr(line, name, value)
    if not line.name:
        raise DomainError("required", "请填写产线/工艺名称", "The line name is required", field="name")
    if line.scale_value is not None:
        try:
            line.scale_value = Decimal(str(line.scale_value))
        except ArithmeticError:
            raise DomainError("invalid_scale", "规模须为数字", "The scale must be a number", field="scale_value") from None
        if not line.scale_value.is_finite() or line.scale_value <= 0:
            raise DomainError("invalid_scale", "规模须大于 0", "The scale must be positive", field="scale_value")
        if not line.scale_unit:
            raise DomainError("unit_required", "填写规模时请同时填写单位（如 L、m³、kg、t、m²、件）",
                              "Give the unit of the scale", field="scale_unit")
        line.scale_dimension, line.scale_base = to_base(line.scale_value, line.scale_unit)
    elif line.scale_unit:
        raise DomainError("scale_required", "填写了单位时请同时填写规模", "Give a scale with its unit",
                          field="scale_value")
    else:
        line.scale_dimension, line.scale_base = "", None
    if line.cleanroom_class is not None and not 1 <= line.cleanroom_class <= 9:
        raise DomainError("invalid_cleanroom", "洁净度等级须为 ISO 1–9", "The clean-room class must be ISO 1–9",
                          field="cleanroom_class")
    raise_first_validation_error(line, exclude=["platform"])


def _line_apply(line: PilotLine, platform: Platform, data: Mapping[str, Any]) -> None:
    line_apply(line, data)


@transaction.atomic
def pilot_line_create(*, platform: Platform, user: User, data: Mapping[str, Any]) -> PilotLine:
    return _create(LINE_KIND, platform=platform, user=user, data=data, new=lambda p: PilotLine(platform=p),
                   apply=_line_apply)


def _lock_line(line: PilotLine, user: User) -> tuple[PilotLine, Platform]:
    platform = _lock(Platform(pk=line.platform_id))
    _require_operator(user, platform)
    locked = PilotLine.objects.select_for_update().filter(pk=line.pk, platform=platform).first()
    if locked is None:
        raise not_found("产线", "Line")
    return locked, platform


@transaction.atomic
def pilot_line_update(*, line: PilotLine, user: User, data: Mapping[str, Any]) -> PilotLine:
    locked, platform = _lock_line(line, user)
    return _update(LINE_KIND, locked=locked, platform=platform, user=user, data=data, apply=_line_apply)


@transaction.atomic
def pilot_line_delete(*, line: PilotLine, user: User) -> None:
    """Delete a line; its permits stay (their line is cleared). A line that is only out of use for
    a while is better deactivated (在用 unticked): it leaves the directory and matching too."""
    locked, platform = _lock_line(line, user)
    _delete(LINE_KIND, locked=locked, platform=platform, user=user)


# ---------------------------------------------------------------------- hazardous-process permits
def _permit_apply(permit: HazardPermit, platform: Platform, data: Mapping[str, Any]) -> None:
    _unknown_fields(data, PERMIT_FIELDS)
    if "kind" in data:
        permit.kind = _text(data, "kind")
    if permit.kind not in HazardPermitKind.values:
        raise DomainError("invalid_kind", f"许可类型不正确：{permit.kind or '未选择'}",
                          f"Unknown permit kind: {permit.kind!r}", field="kind")
    if "line" in data:
        line = data["line"]
        if line in (None, ""):
            permit.line = None
        else:
            line_id = line.pk if isinstance(line, PilotLine) else line
            found = PilotLine.objects.filter(pk=line_id, platform=platform).first() \
                if str(line_id).isdigit() else None
            if found is None:
                raise DomainError("line_not_of_platform", "所选产线不属于本平台", "The line is not one of this "
                                  "platform's lines", field="line")
            permit.line = found
    for name in ("processes", "number"):
        if name in data:
            setattr(permit, name, _text(data, name))
    for name in ("issued_on", "valid_until"):
        if name in data:
            setattr(permit, name, _date(data[name], name))
    if permit.kind == HazardPermitKind.OTHER and not permit.processes:
        raise DomainError("required", "选择“其他许可”时请填写许可工艺/范围", "Describe what an 'other' permit covers",
                          field="processes")
    if permit.issued_on and permit.valid_until and permit.valid_until < permit.issued_on:
        raise DomainError("invalid_dates", "有效期至不能早于发证日期", "The expiry date is before the issue date",
                          field="valid_until")
    raise_first_validation_error(permit, exclude=["platform", "line"])


@transaction.atomic
def hazard_permit_create(*, platform: Platform, user: User, data: Mapping[str, Any]) -> HazardPermit:
    return _create(PERMIT_KIND, platform=platform, user=user, data=data, new=lambda p: HazardPermit(platform=p),
                   apply=_permit_apply)


def _lock_permit(permit: HazardPermit, user: User) -> tuple[HazardPermit, Platform]:
    platform = _lock(Platform(pk=permit.platform_id))
    _require_operator(user, platform)
    locked = (HazardPermit.objects.select_for_update(of=("self",)).select_related("line")
              .filter(pk=permit.pk, platform=platform).first())
    if locked is None:
        raise not_found("危险工艺许可", "Permit")
    return locked, platform


@transaction.atomic
def hazard_permit_update(*, permit: HazardPermit, user: User, data: Mapping[str, Any],
                         audit_action: str = CapabilityAction.PERMIT_UPDATE) -> HazardPermit:
    locked, platform = _lock_permit(permit, user)
    return _update(PERMIT_KIND, locked=locked, platform=platform, user=user, data=data, apply=_permit_apply,
                   audit_action=audit_action)


@transaction.atomic
def hazard_permit_expire(*, permit: HazardPermit, user: User, today: datetime.date | None = None) -> HazardPermit:
    """Mark a permit as no longer in force (revoked, surrendered, not renewed): its expiry date
    becomes yesterday, so it shows 已失效 at once and the record stays in the history."""
    today = today or timezone.localdate()
    locked, _platform = _lock_permit(permit, user)
    if locked.valid_until is not None and locked.valid_until < today:
        raise Conflict("already_expired", f"该许可已于 {locked.valid_until:%Y-%m-%d} 到期",
                       f"The permit already expired on {locked.valid_until:%Y-%m-%d}")
    yesterday = today - datetime.timedelta(days=1)
    if locked.issued_on is not None and locked.issued_on > yesterday:
        raise Conflict("not_yet_in_force", "该许可今天或以后才生效，不能标记为已失效；如填报有误请修改或删除",
                       "The permit takes effect today or later; edit or delete it instead")
    return hazard_permit_update(permit=locked, user=user, data={"valid_until": yesterday},
                                audit_action=CapabilityAction.PERMIT_EXPIRE)


@transaction.atomic
def hazard_permit_delete(*, permit: HazardPermit, user: User) -> None:
    locked, platform = _lock_permit(permit, user)
    _delete(PERMIT_KIND, locked=locked, platform=platform, user=user)


# ---------------------------------------------------------------------- accreditation scope items
def _scope_apply(item: AccreditationScopeItem, platform: Platform, data: Mapping[str, Any]) -> None:
    _unknown_fields(data, SCOPE_FIELDS)
    if "qualification" in data:
        value = data["qualification"]
        qualification_id = value.pk if isinstance(value, Qualification) else value
        found = Qualification.objects.filter(pk=qualification_id, platform=platform).first() \
            if str(qualification_id or "").isdigit() else None
        if found is None:
            raise DomainError("qualification_not_of_platform", "所选资质不属于本平台",
                              "The qualification is not one of this platform's", field="qualification")
        item.qualification = found
    if item.qualification_id is None:
        raise DomainError("required", "请选择所属资质（CMA 或 CNAS）", "Choose the CMA or CNAS qualification",
                          field="qualification")
    if item.qualification.kind not in ACCREDITATION_KINDS:
        raise DomainError("not_accreditation", "认可范围条目只能填报在 CMA 或 CNAS 资质下",
                          "Scope items belong to a CMA or CNAS qualification", field="qualification")
    for name in ("category", "parameter", "standard", "limitation"):
        if name in data:
            setattr(item, name, _text(data, name))
    if not item.category:
        raise DomainError("required", "请填写检测对象/类别", "The category is required", field="category")
    duplicate = AccreditationScopeItem.objects.filter(
        qualification=item.qualification, category=item.category, parameter=item.parameter,
        standard=item.standard).exclude(pk=item.pk)
    if duplicate.exists():
        raise Conflict("duplicate", "该资质下已有相同的认可范围条目（检测对象、项目/参数和依据标准均相同）",
                       "The qualification already has this scope item", field="category")
    raise_first_validation_error(item, exclude=["qualification"])


@transaction.atomic
def scope_item_create(*, platform: Platform, user: User, data: Mapping[str, Any]) -> AccreditationScopeItem:
    return _create(SCOPE_KIND, platform=platform, user=user, data=data, new=lambda p: AccreditationScopeItem(),
                   apply=_scope_apply)


def _lock_scope(item: AccreditationScopeItem, user: User) -> tuple[AccreditationScopeItem, Platform]:
    platform_id = Qualification.objects.filter(pk=item.qualification_id).values_list("platform_id", flat=True).first()
    if platform_id is None:
        raise not_found("认可范围条目", "Scope item")
    platform = _lock(Platform(pk=platform_id))
    _require_operator(user, platform)
    locked = (AccreditationScopeItem.objects.select_for_update(of=("self",)).select_related("qualification")
              .filter(pk=item.pk, qualification__platform=platform).first())
    if locked is None:
        raise not_found("认可范围条目", "Scope item")
    return locked, platform


@transaction.atomic
def scope_item_update(*, item: AccreditationScopeItem, user: User,
                      data: Mapping[str, Any]) -> AccreditationScopeItem:
    locked, platform = _lock_scope(item, user)
    return _update(SCOPE_KIND, locked=locked, platform=platform, user=user, data=data, apply=_scope_apply)


@transaction.atomic
def scope_item_delete(*, item: AccreditationScopeItem, user: User) -> None:
    locked, platform = _lock_scope(item, user)
    _delete(SCOPE_KIND, locked=locked, platform=platform, user=user)
