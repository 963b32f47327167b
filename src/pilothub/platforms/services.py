"""Writes of the registry's editing workflow.

- An operator creates a platform as a draft and edits it freely; it becomes public when a reviewer
  of its region approves the publication request.
- Edits to a published platform become a change request (submitted → approved | returned with a
  reason); the Platform row keeps the approved version until approval applies the change in one
  transaction.
- Equipment, test services and experts are edited directly, without review (decision 0303); so are
  pilot lines, hazard permits and accreditation scope items (services_capabilities.py, decision 0307).
- Every changed field is kept in PlatformFieldChange (who, when, old, new, which request), every
  write is audited, and the matching index is told after the transaction commits.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from pilothub.accounts.models import Role, User
from pilothub.core.audit import AuditAction, audit_record, model_snapshot
from pilothub.core.errors import Conflict, DomainError, forbidden, not_found
from pilothub.core.notifications import notify
from pilothub.core.validation import raise_first_validation_error
from pilothub.regions.models import Region

from . import permissions
from .models import (
    ChangeRequestKind,
    ChangeRequestStatus,
    ContactVisibility,
    FieldChangeAction,
    Platform,
    PlatformChangeRequest,
    PlatformFieldChange,
    PlatformStatus,
    Qualification,
    QualificationKind,
)
from .selectors_manage import (
    CHILD_KINDS,
    M2M_FIELDS,
    field_label,
    platform_values,
)

NOT_OPERATOR_EDITABLE = {"tier": ("平台层级由认定结果决定，运营方不能修改", "The tier comes from certification"),
                         "status": ("平台状态由审核决定，运营方不能修改", "The status comes from review"),
                         "operator": ("运营单位不能修改", "The operating organisation cannot be changed"),
                         "is_demo": ("演示标记不能修改", "The demo flag cannot be changed")}
TEXT_FIELDS = {"name", "address", "main_business", "description", "contact_name", "contact_phone", "contact_email"}
BOOL_FIELDS = {"independent_legal_entity", "open_sharing"}


class RegistryAuditAction(AuditAction):
    CHANGE_REQUEST_SUBMIT = "platform_change_submit"
    CHANGE_REQUEST_AMEND = "platform_change_amend"
    CHANGE_REQUEST_WITHDRAW = "platform_change_withdraw"
    CHANGE_REQUEST_APPROVE = "platform_change_approve"
    CHANGE_REQUEST_RETURN = "platform_change_return"


# --------------------------------------------------------------------------- helpers
def _touch_index(platform_ids: Iterable[int]) -> None:
    ids = sorted(set(platform_ids))

    def touch() -> None:
        from pilothub.matching.services import match_index_touch

        match_index_touch(platform_ids=ids)

    transaction.on_commit(touch)


def _require_operator(user: User, platform: Platform) -> None:
    if not permissions.can_manage(user, platform):
        raise forbidden("修改此平台（只有其运营单位可以修改）", "edit this platform (only its operator may)")
    if not user.can_publish:
        raise forbidden("修改平台信息（所属单位尚未通过审核）", "edit platforms before your organisation is approved")


def _require_reviewer(user: User, platform: Platform) -> None:
    if not permissions.can_review(user, platform):
        raise forbidden("审核此平台的变更（不在您的管辖区域）", "review this platform (outside your region)")


def _lock(platform: Platform) -> Platform:
    return Platform.objects.select_for_update().select_related("region", "operator").get(pk=platform.pk)


def _date(value: Any, field: str) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise DomainError("invalid_date", f"日期格式不正确：{value}（应为 YYYY-MM-DD）",
                          f"Invalid date: {value} (expected YYYY-MM-DD)", field=field) from None


def _qualifications(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list | tuple):
        raise DomainError("invalid", "资质应为列表", "qualifications must be a list", field="qualifications")
    result = []
    seen = set()
    for index, item in enumerate(value, start=1):
        if not isinstance(item, Mapping):
            raise DomainError("invalid", f"第 {index} 项资质格式不正确", f"Qualification {index} is malformed",
                              field="qualifications")
        kind = str(item.get("kind") or "").strip()
        number = str(item.get("number") or "").strip()
        if kind not in QualificationKind.values:
            raise DomainError("invalid", f"第 {index} 项资质的类型不正确：{kind or '未填写'}",
                              f"Qualification {index}: unknown kind {kind!r}", field="qualifications")
        if not number:
            raise DomainError("required", f"第 {index} 项资质未填写证书编号",
                              f"Qualification {index}: the certificate number is required", field="qualifications")
        valid_from = _date(item.get("valid_from"), "qualifications")
        valid_until = _date(item.get("valid_until"), "qualifications")
        if valid_until is None:
            raise DomainError("required", f"第 {index} 项资质（{kind} {number}）未填写有效期至",
                              f"Qualification {index}: the expiry date is required", field="qualifications")
        if valid_from and valid_from > valid_until:
            raise DomainError("invalid", f"第 {index} 项资质（{kind} {number}）的有效期起晚于有效期至",
                              f"Qualification {index}: valid_from is after valid_until", field="qualifications")
        if (kind, number) in seen:
            raise DomainError("duplicate", f"资质 {kind} {number} 重复", f"Qualification {kind} {number} is repeated",
                              field="qualifications")
        seen.add((kind, number))
        result.append({"kind": kind, "number": number, "scope": str(item.get("scope") or "").strip(),
                       "valid_from": valid_from, "valid_until": valid_until})
    return sorted(result, key=lambda q: (q["kind"], q["number"]))


def _clean_value(field: str, value: Any) -> Any:
    """One submitted value in the JSON shape platform_values() uses, or a DomainError."""
    if field in TEXT_FIELDS:
        return str(value or "").strip()
    if field in BOOL_FIELDS:
        if not isinstance(value, bool):
            raise DomainError("invalid", f"{field_label('platform', field)}应为是或否",
                              f"{field} must be true or false", field=field)
        return value
    if field in ("longitude", "latitude"):
        if value in (None, ""):
            return None
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise DomainError("invalid", f"{field_label('platform', field)}应为数字", f"{field} must be a number",
                              field=field) from None
        low, high = (-180.0, 180.0) if field == "longitude" else (-90.0, 90.0)
        if not low <= number <= high:
            raise DomainError("out_of_range", f"{field_label('platform', field)}超出范围（{low:g}～{high:g}）",
                              f"{field} is out of range ({low:g} to {high:g})", field=field)
        return number
    if field == "region":
        code = str(value or "").strip()
        if not Region.objects.filter(code=code, is_active=True).exists():
            raise DomainError("unknown_region", f"未知的行政区划代码：{code or '未填写'}", f"Unknown region: {code}",
                              field=field)
        return code
    if field in M2M_FIELDS:
        codes = sorted({str(code).strip() for code in (value or []) if str(code).strip()})
        known = set(M2M_FIELDS[field].objects.filter(code__in=codes).values_list("code", flat=True))
        missing = [code for code in codes if code not in known]
        if missing:
            raise DomainError("unknown_code", f"未知的{field_label('platform', field)}：{'、'.join(missing)}",
                              f"Unknown {field}: {', '.join(missing)}", field=field)
        return codes
    if field == "contact_visibility":
        if value not in ContactVisibility.values:
            raise DomainError("invalid", "联系方式可见范围应为“公开”或“仅登录用户可见”",
                              "contact_visibility must be public or logged_in", field=field)
        return value
    if field == "qualifications":
        return _qualifications(value)
    raise DomainError("unknown_field", f"未知字段：{field}", f"Unknown field: {field}", field=field)


def _clean_changes(data: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for field, value in data.items():
        if field in NOT_OPERATOR_EDITABLE:
            zh, en = NOT_OPERATOR_EDITABLE[field]
            raise DomainError("not_editable", zh, en, field=field)
        cleaned[field] = _clean_value(field, value)
    return cleaned


def _diff(platform: Platform, cleaned: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(changed fields → new value, changed fields → approved value)."""
    current = platform_values(platform)
    changes = {field: value for field, value in cleaned.items() if current.get(field) != value}
    return changes, {field: current.get(field) for field in changes}


def _assign_simple(platform: Platform, changes: Mapping[str, Any]) -> None:
    for field, value in changes.items():
        if field == "region":
            platform.region_id = value
        elif field not in M2M_FIELDS and field != "qualifications":
            setattr(platform, field, value)


def _validate_platform(platform: Platform, changes: Mapping[str, Any]) -> None:
    """Validate the platform as it would be with these changes, without saving anything."""
    probe = Platform.objects.get(pk=platform.pk) if platform.pk else Platform(operator=platform.operator)
    if not platform.pk:
        probe.region_id = platform.region_id
    _assign_simple(probe, changes)
    if not probe.name:
        raise DomainError("required", "请填写平台名称", "The platform name is required", field="name")
    raise_first_validation_error(probe, exclude=["operator", "region"])
    duplicate = Platform.objects.filter(name=probe.name, operator_id=probe.operator_id).exclude(pk=platform.pk)
    if duplicate.exists():
        raise Conflict("duplicate_name", f"本单位已有名为“{probe.name}”的平台", "Your organisation already has a "
                       "platform with this name", field="name")
    for item in changes.get("qualifications", []):
        qualification = Qualification(platform=probe, **_qualification_kwargs(item))
        raise_first_validation_error(qualification, exclude=["platform"])


def _qualification_kwargs(item: Mapping[str, Any]) -> dict[str, Any]:
    return {"kind": item["kind"], "number": item["number"], "scope": item.get("scope", ""),
            "valid_from": datetime.date.fromisoformat(item["valid_from"]) if item.get("valid_from") else None,
            "valid_until": datetime.date.fromisoformat(item["valid_until"])}


def _apply(platform: Platform, changes: Mapping[str, Any]) -> None:
    """Write the changes onto the (locked) platform row and its qualifications."""
    _assign_simple(platform, changes)
    try:
        with transaction.atomic():
            platform.save()
    except IntegrityError:
        raise Conflict("duplicate_name", f"本单位已有名为“{platform.name}”的平台",
                       "Your organisation already has a platform with this name", field="name") from None
    for field, model in M2M_FIELDS.items():
        if field in changes:
            getattr(platform, field).set(list(model.objects.filter(code__in=changes[field])))
    if "qualifications" in changes:
        _replace_qualifications(platform, changes["qualifications"])


def _replace_qualifications(platform: Platform, items: list[dict[str, Any]]) -> None:
    """Make the platform's qualifications the requested set, matched on (kind, number): a kept
    certificate keeps its row, so its accreditation scope items (decision 0307) survive a change
    of its dates or scope text; only a certificate no longer listed is deleted, with its items."""
    existing = {(q.kind, q.number): q for q in platform.qualifications.all()}
    wanted = {(item["kind"], item["number"]): _qualification_kwargs(item) for item in items}
    Qualification.objects.filter(pk__in=[q.pk for key, q in existing.items() if key not in wanted]).delete()
    for key, kwargs in wanted.items():
        current = existing.get(key)
        if current is None:
            Qualification.objects.create(platform=platform, **kwargs)
        elif any(getattr(current, name) != value for name, value in kwargs.items()):
            for name, value in kwargs.items():
                setattr(current, name, value)
            current.save()


def _history(*, platform: Platform, user: User | None, changes: Mapping[str, Any], old: Mapping[str, Any],
             change_request: PlatformChangeRequest | None = None, object_type: str = "platform",
             object_id: int | None = None, object_label: str = "", action: str = FieldChangeAction.UPDATE,
             when: datetime.datetime | None = None) -> list[PlatformFieldChange]:
    when = when or timezone.now()
    name = (user.display_name or user.username) if user is not None else "system"
    return PlatformFieldChange.objects.bulk_create([PlatformFieldChange(
        platform=platform, object_type=object_type, object_id=object_id, object_label=object_label[:255],
        action=action, field=field, old=old.get(field), new=value, changed_by=user, changed_by_name=name,
        changed_at=when, change_request=change_request) for field, value in changes.items()])


def field_changes_record(*, platform: Platform, user: User | None, changes: Mapping[str, Any],
                         old: Mapping[str, Any], object_type: str, object_id: int | None, object_label: str,
                         action: str) -> list[PlatformFieldChange]:
    """History rows for a direct edit of one of a platform's records (used by
    services_capabilities for lines, permits and accreditation scope items)."""
    return _history(platform=platform, user=user, changes=changes, old=old, object_type=object_type,
                    object_id=object_id, object_label=object_label, action=action)


def _snapshot(platform: Platform) -> dict[str, Any]:
    return {**model_snapshot(platform, exclude=("updated_at",)), **platform_values(platform)}


def _audit(*, actor, action: str, obj: models.Model, platform: Platform, before: dict | None, after: dict | None,
           note: str = "") -> None:
    audit_record(actor=actor, action=action, obj=obj, region_path=platform.region.path, before=before,
                 after=after, note=note)


def _reviewers_of(platform: Platform) -> list[User]:
    codes = [code for code in platform.region.path.strip("/").split("/") if code]
    return list(User.objects.filter(role=Role.REVIEWER, region_id__in=codes, is_active=True))


def _operators_of(platform: Platform) -> list[User]:
    return list(User.objects.filter(role=Role.OPERATOR, organisation_id=platform.operator_id, is_active=True))


def _request_url(change_request: PlatformChangeRequest) -> str:
    return reverse("platforms:change_request", kwargs={"change_request_id": change_request.pk})


# --------------------------------------------------------------------------- platforms
@transaction.atomic
def platform_create(*, user: User, data: Mapping[str, Any]) -> Platform:
    """A new platform, as a draft of the user's organisation; public only after review."""
    if not permissions.can_create(user):
        raise forbidden("新建中试平台（仅限平台运营方）", "create platforms (platform operators only)")
    if not user.can_publish:
        raise forbidden("新建中试平台（所属单位尚未通过审核）", "create platforms before your organisation is approved")
    if not data.get("region"):
        raise DomainError("required", "请选择行政区划", "The region is required", field="region")
    cleaned = _clean_changes(data)
    platform = Platform(operator=user.organisation, region_id=cleaned["region"], status=PlatformStatus.DRAFT)
    _validate_platform(platform, cleaned)
    _apply(platform, cleaned)
    platform.refresh_from_db()
    initial = {field: value for field, value in platform_values(platform).items() if value not in ("", None, [])}
    _history(platform=platform, user=user, changes=initial, old={}, action=FieldChangeAction.CREATE)
    _audit(actor=user, action=RegistryAuditAction.CREATE, obj=platform, platform=platform, before=None,
           after=_snapshot(platform))
    _touch_index([platform.pk])
    return platform


@transaction.atomic
def platform_edit(*, platform: Platform, user: User, data: Mapping[str, Any]) -> PlatformChangeRequest | None:
    """Edit a platform's fields.

    A platform not yet public is changed at once (returns None). A published one gets a change
    request (returns it); if one is already open, it is amended — the operator's latest wish
    replaces the earlier one.
    """
    platform = _lock(platform)
    _require_operator(user, platform)
    cleaned = _clean_changes(data)
    pending = platform.change_requests.select_for_update().filter(status=ChangeRequestStatus.SUBMITTED).first()
    if platform.status != PlatformStatus.PUBLISHED:
        if pending is not None:
            raise Conflict("under_review", "平台发布申请正在审核中，请先撤回申请再修改",
                           "The publication request is under review; withdraw it before editing")
        changes, old = _diff(platform, cleaned)
        if not changes:
            raise DomainError("no_changes", "没有需要保存的修改", "Nothing changed")
        _validate_platform(platform, changes)
        before = _snapshot(platform)
        _apply(platform, changes)
        _history(platform=platform, user=user, changes=changes, old=old)
        _audit(actor=user, action=RegistryAuditAction.UPDATE, obj=platform, platform=platform, before=before,
               after=_snapshot(platform))
        _touch_index([platform.pk])
        return None
    changes, old = _diff(platform, cleaned)
    if pending is not None:
        # Keep earlier requested fields the operator did not resubmit.
        merged = {**{k: v for k, v in pending.changes.items() if k not in cleaned}, **changes}
        merged_base = {**{k: v for k, v in pending.base.items() if k in merged}, **old}
        if not merged:
            raise DomainError("no_changes", "与已发布信息相比没有修改；如需取消申请，请撤回",
                              "Nothing differs from the published version; withdraw the request instead")
        _validate_platform(platform, merged)
        before = model_snapshot(pending)
        pending.changes, pending.base, pending.submitted_at, pending.submitted_by = merged, merged_base, \
            timezone.now(), user
        pending.save(update_fields=["changes", "base", "submitted_at", "submitted_by"])
        _audit(actor=user, action=RegistryAuditAction.CHANGE_REQUEST_AMEND, obj=pending, platform=platform,
               before=before, after=model_snapshot(pending))
        return pending
    if not changes:
        raise DomainError("no_changes", "与已发布信息相比没有修改", "Nothing differs from the published version")
    _validate_platform(platform, changes)
    return _submit(platform=platform, user=user, kind=ChangeRequestKind.UPDATE, changes=changes, base=old)


def _submit(*, platform: Platform, user: User, kind: str, changes: dict, base: dict) -> PlatformChangeRequest:
    try:
        with transaction.atomic():
            change_request = PlatformChangeRequest.objects.create(platform=platform, kind=kind, changes=changes,
                                                                  base=base, submitted_by=user)
    except IntegrityError:
        raise Conflict("under_review", "该平台已有待审核的申请", "This platform already has an open request") from None
    _audit(actor=user, action=RegistryAuditAction.CHANGE_REQUEST_SUBMIT, obj=change_request, platform=platform,
           before=None, after=model_snapshot(change_request))
    what = "发布申请" if kind == ChangeRequestKind.PUBLISH else "信息变更"
    fields = "、".join(field_label("platform", field) for field in changes)
    notify(recipients=_reviewers_of(platform), title=f"中试平台{what}待审核：{platform.name}",
           body=f"{platform.operator.name}提交{what}" + (f"，涉及：{fields}" if fields else ""),
           url=_request_url(change_request))
    return change_request


PUBLICATION_REQUIREMENTS = (
    ("main_business", "请填写主营业务", "Fill in the main business"),
    ("industries", "请至少选择一个产业领域", "Choose at least one industry"),
    ("service_types", "请至少选择一种服务类型", "Choose at least one service type"),
)


@transaction.atomic
def platform_submit_for_publication(*, platform: Platform, user: User) -> PlatformChangeRequest:
    platform = _lock(platform)
    _require_operator(user, platform)
    if platform.status == PlatformStatus.PUBLISHED:
        raise Conflict("already_published", "平台已发布", "The platform is already published")
    values = platform_values(platform)
    for field, zh, en in PUBLICATION_REQUIREMENTS:
        if not values[field]:
            raise DomainError("required", zh, en, field=field)
    return _submit(platform=platform, user=user, kind=ChangeRequestKind.PUBLISH, changes={}, base={})


@transaction.atomic
def change_request_withdraw(*, change_request: PlatformChangeRequest, user: User) -> PlatformChangeRequest:
    change_request = PlatformChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    platform = Platform.objects.select_related("region").get(pk=change_request.platform_id)
    _require_operator(user, platform)
    if not change_request.is_open:
        raise Conflict("not_open", "只有待审核的申请可以撤回", "Only open requests can be withdrawn")
    before = model_snapshot(change_request)
    change_request.status = ChangeRequestStatus.WITHDRAWN
    change_request.save(update_fields=["status"])
    _audit(actor=user, action=RegistryAuditAction.CHANGE_REQUEST_WITHDRAW, obj=change_request, platform=platform,
           before=before, after=model_snapshot(change_request))
    return change_request


def _lock_for_review(change_request: PlatformChangeRequest, reviewer: User) -> tuple[PlatformChangeRequest, Platform]:
    change_request = PlatformChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    platform = _lock(change_request.platform)
    _require_reviewer(reviewer, platform)
    if not change_request.is_open:
        raise Conflict("not_open", "该申请已处理，不能再审核", "This request was already decided")
    return change_request, platform


@transaction.atomic
def change_request_approve(*, change_request: PlatformChangeRequest, reviewer: User,
                           note: str = "") -> PlatformChangeRequest:
    """Apply the request in one transaction: every field or none (a bad change changes nothing)."""
    change_request, platform = _lock_for_review(change_request, reviewer)
    before = _snapshot(platform)
    now = timezone.now()
    if change_request.kind == ChangeRequestKind.PUBLISH:
        old_status = platform.status
        platform.status = PlatformStatus.PUBLISHED
        platform.save(update_fields=["status", "updated_at"])
        _history(platform=platform, user=reviewer, changes={"status": PlatformStatus.PUBLISHED},
                 old={"status": old_status}, change_request=change_request, when=now)
        action = RegistryAuditAction.PUBLISH
    else:
        changes = _clean_changes(change_request.changes)  # vocabularies may have changed since
        changes, old = _diff(platform, changes)
        _validate_platform(platform, changes)
        _apply(platform, changes)
        _history(platform=platform, user=change_request.submitted_by, changes=changes, old=old,
                 change_request=change_request, when=now)
        action = RegistryAuditAction.UPDATE
    change_request.status = ChangeRequestStatus.APPROVED
    change_request.reviewed_by, change_request.reviewed_at = reviewer, now
    change_request.review_note = (note or "").strip()
    change_request.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    platform.refresh_from_db()
    _audit(actor=reviewer, action=action, obj=platform, platform=platform, before=before, after=_snapshot(platform),
           note=f"变更申请 #{change_request.pk}")
    # An approved change is a fresh, reviewed listing: it restarts the confirmation clock (decision 0305).
    from .freshness import platform_mark_confirmed

    platform_mark_confirmed(platform=platform, user=reviewer, now=now, note=f"变更申请 #{change_request.pk} 已通过")
    _audit(actor=reviewer, action=RegistryAuditAction.CHANGE_REQUEST_APPROVE, obj=change_request, platform=platform,
           before=None, after=model_snapshot(change_request))
    what = "发布申请" if change_request.kind == ChangeRequestKind.PUBLISH else "信息变更"
    notify(recipients=_operators_of(platform), title=f"中试平台{what}已通过：{platform.name}",
           body=f"审核人员已通过您的{what}，公开信息已更新。", url=_request_url(change_request))
    _touch_index([platform.pk])
    return change_request


@transaction.atomic
def change_request_return(*, change_request: PlatformChangeRequest, reviewer: User,
                          reason: str) -> PlatformChangeRequest:
    """Return to the operator with a reason; the published version stays as it is."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("reason_required", "退回时请填写退回原因", "Give a reason when returning a request",
                          field="reason")
    change_request, platform = _lock_for_review(change_request, reviewer)
    before = model_snapshot(change_request)
    change_request.status = ChangeRequestStatus.RETURNED
    change_request.reviewed_by, change_request.reviewed_at = reviewer, timezone.now()
    change_request.review_note = reason
    change_request.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    _audit(actor=reviewer, action=RegistryAuditAction.CHANGE_REQUEST_RETURN, obj=change_request, platform=platform,
           before=before, after=model_snapshot(change_request), note=reason)
    what = "发布申请" if change_request.kind == ChangeRequestKind.PUBLISH else "信息变更"
    notify(recipients=_operators_of(platform), title=f"中试平台{what}被退回：{platform.name}",
           body=f"退回原因：{reason}", url=_request_url(change_request))
    return change_request


# --------------------------------------------------------------------------- equipment, services, experts
def _child_spec(kind: str) -> tuple[str, Any, tuple[str, ...]]:
    for spec in CHILD_KINDS.values():
        if spec[0] == kind:
            return spec
    raise DomainError("unknown_kind", f"未知的记录类型：{kind}", f"Unknown record type: {kind}")


def _child_values(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {field: getattr(obj, field) for field in fields}


def _child_validate(obj: models.Model, kind: str) -> None:
    if not (getattr(obj, "name", "") or "").strip():
        raise DomainError("required", "请填写名称", "The name is required", field="name")
    if kind == "test_service" and obj.price is not None and not obj.unit.strip():  # type: ignore[attr-defined]
        raise DomainError("required", "填写价格时请同时填写计价单位（如“样品”“项”）",
                          "Give the unit the price is per", field="unit")
    raise_first_validation_error(obj, exclude=["platform"])


def _child_clean(fields: tuple[str, ...], data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise DomainError("unknown_field", f"未知字段：{'、'.join(unknown)}", f"Unknown field: {', '.join(unknown)}",
                          field=unknown[0])
    return {field: value.strip() if isinstance(value, str) else value for field, value in data.items()}


def _child_label(obj: models.Model) -> str:
    return str(obj)


@transaction.atomic
def platform_child_create(*, platform: Platform, user: User, kind: str, data: Mapping[str, Any]) -> models.Model:
    """Add an equipment item, test service or expert to the user's own platform (no review)."""
    platform = _lock(platform)
    _require_operator(user, platform)
    kind, model, fields = _child_spec(kind)
    obj = model(platform=platform, **_child_clean(fields, data))
    _child_validate(obj, kind)
    obj.save()
    values = _child_values(obj, fields)
    _history(platform=platform, user=user, changes={k: v for k, v in values.items() if v not in (None, "")},
             old={}, object_type=kind, object_id=obj.pk, object_label=_child_label(obj),
             action=FieldChangeAction.CREATE)
    _audit(actor=user, action=RegistryAuditAction.CREATE, obj=obj, platform=platform, before=None,
           after=model_snapshot(obj))
    _touch_index([platform.pk])
    return obj


def _lock_child(obj: models.Model, kind: str, user: User) -> tuple[models.Model, Platform, tuple[str, ...]]:
    kind, model, fields = _child_spec(kind)
    platform = _lock(Platform(pk=obj.platform_id))  # type: ignore[attr-defined]
    _require_operator(user, platform)
    locked = model.objects.select_for_update().filter(pk=obj.pk, platform=platform).first()  # type: ignore[attr-defined]
    if locked is None:
        raise not_found("记录", "Record")
    return locked, platform, fields


@transaction.atomic
def platform_child_update(*, obj: models.Model, user: User, kind: str, data: Mapping[str, Any]) -> models.Model:
    obj, platform, fields = _lock_child(obj, kind, user)
    old = _child_values(obj, fields)
    before = model_snapshot(obj)
    for field, value in _child_clean(fields, data).items():
        setattr(obj, field, value)
    _child_validate(obj, kind)
    new = _child_values(obj, fields)
    changes = {field: value for field, value in new.items() if old[field] != value}
    if not changes:
        return obj
    obj.save()
    _history(platform=platform, user=user, changes=changes, old=old, object_type=kind, object_id=obj.pk,
             object_label=_child_label(obj))
    _audit(actor=user, action=RegistryAuditAction.UPDATE, obj=obj, platform=platform, before=before,
           after=model_snapshot(obj))
    _touch_index([platform.pk])
    return obj


@transaction.atomic
def platform_child_delete(*, obj: models.Model, user: User, kind: str) -> None:
    obj, platform, fields = _lock_child(obj, kind, user)
    before = model_snapshot(obj)
    label, object_id = _child_label(obj), obj.pk
    try:
        with transaction.atomic():
            obj.delete()
    except models.ProtectedError:
        raise Conflict("in_use", f"“{label}”已有预约或订单，不能删除；可改为停用",
                       f"{label} has bookings or orders; deactivate it instead") from None
    kept = {k: v for k, v in _json_values(before, fields).items() if v not in (None, "")}
    _history(platform=platform, user=user, changes={"*": None}, old={"*": kept}, object_type=kind,
             object_id=object_id, object_label=label, action=FieldChangeAction.DELETE)
    audit_record(actor=user, action=RegistryAuditAction.DELETE, object_type=obj._meta.label_lower,
                 object_id=str(object_id), object_repr=label, region_path=platform.region.path, before=before,
                 after=None)
    _touch_index([platform.pk])


def _json_values(snapshot: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    return {field: snapshot.get(field) for field in fields}


__all__ = [
    "RegistryAuditAction", "change_request_approve", "change_request_return", "change_request_withdraw",
    "platform_child_create", "platform_child_delete", "platform_child_update",
    "platform_create", "platform_edit", "platform_submit_for_publication",
]
