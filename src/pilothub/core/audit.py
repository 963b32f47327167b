"""Writing and reading the audit trail.

Every create/update/delete of a domain record and every decision calls `audit_record` inside the
service's transaction, so the event commits or rolls back with the change it describes.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
import uuid
from typing import Any

from django.db import connection, models, transaction
from django.db.models.fields.files import FieldFile

from .models import AuditEvent


class AuditAction:
    """Named event types. Apps add their own constants next to their services."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    REJECT = "reject"
    PUBLISH = "publish"
    WITHDRAW = "withdraw"
    SCORE = "score"
    TOKEN_CREATE = "token_create"
    TOKEN_REVOKE = "token_revoke"
    REGISTER = "register"


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, list | tuple | set):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, models.Model):
        return value.pk
    return value


def model_snapshot(instance: models.Model, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """The concrete field values of a record, JSON-ready (foreign keys as their ids)."""
    snapshot: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude or field.name in {"password"}:
            continue
        snapshot[field.attname] = _jsonable(getattr(instance, field.attname))
    return snapshot


def _hash_event(previous_hash: str, payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{previous_hash}|{canonical}".encode()).hexdigest()


def _event_payload(event: AuditEvent) -> dict[str, Any]:
    return {
        "occurred_at": event.occurred_at.isoformat(),
        "actor": event.actor_username,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "region_path": event.region_path,
        "before": event.before,
        "after": event.after,
        "note": event.note,
    }


@transaction.atomic
def audit_record(*, actor: Any, action: str, obj: models.Model | None = None, object_type: str = "",
                 object_id: str = "", object_repr: str = "", region_path: str = "",
                 before: dict[str, Any] | None = None, after: dict[str, Any] | None = None,
                 note: str = "") -> AuditEvent:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:255]
    if connection.vendor == "postgresql":
        # Serialise writers so the hash chain stays a single line under concurrency.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [7_411_001])
    previous = AuditEvent.objects.order_by("-id").values_list("event_hash", flat=True).first() or ""
    user = actor if getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
        actor=user,
        actor_username=getattr(user, "username", "") or "system",
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        region_path=region_path,
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        note=note,
        previous_hash=previous,
    )
    event.event_hash = _hash_event(previous, _event_payload(event))
    event.save()
    return event


def audit_verify_chain() -> tuple[int, list[int]]:
    """Walks the trail oldest first; returns (events checked, ids whose hash does not match)."""
    broken: list[int] = []
    previous = ""
    count = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        expected = _hash_event(previous, _event_payload(event))
        if event.previous_hash != previous or event.event_hash != expected:
            broken.append(event.id)
        previous = event.event_hash
    return count, broken
