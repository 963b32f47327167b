"""Reads for organisations and users, each behind one permission gate."""

from __future__ import annotations

from django.db.models import QuerySet

from pilothub.core.errors import not_found

from .models import Organisation, OrganisationStatus, User
from .scoping import reviewer_scope_q


def organisation_get_for_user(*, organisation_id: int, user: User) -> Organisation:
    """The one gate for reading an organisation: members, reviewers of its region, administrators."""
    organisation = Organisation.objects.select_related("region").filter(pk=organisation_id).first()
    if organisation is None or not user.has_perm("accounts.view_organisation", organisation):
        raise not_found("单位", "Organisation")
    return organisation


def organisation_list_for_review(*, user: User, status: str | None = OrganisationStatus.PENDING) -> QuerySet[Organisation]:
    queryset = Organisation.objects.select_related("region").filter(reviewer_scope_q(user))
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("created_at")
