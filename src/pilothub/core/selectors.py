"""Reads of the audit trail, scoped by region for reviewers."""

from __future__ import annotations

from django.db.models import QuerySet

from pilothub.core.errors import forbidden

from .models import AuditEvent


def audit_event_list_for_user(*, user, object_type: str = "", object_id: str = "", action: str = "") -> QuerySet[AuditEvent]:
    """Administrators see everything; reviewers see events of records in their region."""
    if not user.is_authenticated:
        raise forbidden("查看审计日志", "see the audit trail")
    queryset = AuditEvent.objects.all()
    if user.is_system_admin:
        pass
    elif user.is_reviewer:
        queryset = queryset.filter(region_path__startswith=user.region.path)
    else:
        raise forbidden("查看审计日志", "see the audit trail")
    if object_type:
        queryset = queryset.filter(object_type=object_type)
    if object_id:
        queryset = queryset.filter(object_id=object_id)
    if action:
        queryset = queryset.filter(action=action)
    return queryset.order_by("-id")
