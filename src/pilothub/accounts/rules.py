"""Object permissions for accounts (django-rules predicates), used by the gates in selectors."""

from __future__ import annotations

import rules

from pilothub.regions.models import Region


@rules.predicate
def is_system_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_system_admin)


@rules.predicate
def is_reviewer(user) -> bool:
    return bool(user.is_authenticated and user.is_reviewer)


def governs_region(user, region: Region | None) -> bool:
    """A reviewer governs their region and everything under it."""
    if region is None or not (user.is_authenticated and user.is_reviewer):
        return False
    return region.path.startswith(user.region.path)


@rules.predicate
def governs_organisation(user, organisation) -> bool:
    return organisation is not None and governs_region(user, organisation.region)


@rules.predicate
def belongs_to_organisation(user, organisation) -> bool:
    return bool(organisation is not None and user.is_authenticated and user.organisation_id == organisation.pk)


rules.add_perm("accounts.view_organisation", is_system_admin | belongs_to_organisation | governs_organisation)
rules.add_perm("accounts.review_organisation", is_system_admin | governs_organisation)
rules.add_perm("accounts.change_organisation", is_system_admin | belongs_to_organisation)
rules.add_perm("core.view_audit", is_system_admin | is_reviewer)
