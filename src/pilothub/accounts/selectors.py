"""Reads for organisations and users, each behind one permission gate."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from pilothub.core.errors import not_found

from .models import Organisation, OrganisationStatus, PasswordHistory, User
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


def password_recent_hashes(*, user: User, count: int) -> list[str]:
    """The hashes of the user's last `count` passwords, newest first."""
    return list(PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[:count])


def password_is_expired(*, user: User, now: datetime.datetime | None = None) -> bool:
    """Older than PILOTHUB_PASSWORD_MAX_AGE_DAYS (0: never). A password of unknown age (written
    directly, not through set_password) does not expire: the migration stamped existing ones."""
    max_age = int(getattr(settings, "PILOTHUB_PASSWORD_MAX_AGE_DAYS", 0) or 0)
    if max_age <= 0 or user.password_changed_at is None or not user.has_usable_password():
        return False
    return (now or timezone.now()) - user.password_changed_at > datetime.timedelta(days=max_age)
