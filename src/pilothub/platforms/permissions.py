"""Object permissions of the registry's editing workflow (django-rules predicates).

An operator manages the platforms its organisation operates; a reviewer governs the platforms of
their region and everything under it (a 北京市 reviewer covers 怀柔区); administrators do both.
"""

from __future__ import annotations

import rules

from pilothub.accounts.models import Role
from pilothub.accounts.rules import governs_region, is_system_admin


@rules.predicate
def operates_platform(user, platform) -> bool:
    return bool(platform is not None and user.is_authenticated and user.is_active and user.role == Role.OPERATOR
                and user.organisation_id is not None and user.organisation_id == platform.operator_id)


@rules.predicate
def governs_platform(user, platform) -> bool:
    return platform is not None and governs_region(user, platform.region)


@rules.predicate
def is_operator(user) -> bool:
    return bool(user.is_authenticated and user.role == Role.OPERATOR and user.organisation_id is not None)


rules.add_perm("platforms.manage_platform", operates_platform)
rules.add_perm("platforms.review_platform", is_system_admin | governs_platform)
rules.add_perm("platforms.view_platform_history", is_system_admin | operates_platform | governs_platform)
rules.add_perm("platforms.add_platform", is_operator)


# rules.has_perm, not user.has_perm: Django's ModelBackend grants superusers every permission,
# and an administrator must not edit a platform as if they were its operator.
def can_manage(user, platform) -> bool:
    return bool(rules.has_perm("platforms.manage_platform", user, platform))


def can_review(user, platform) -> bool:
    return bool(rules.has_perm("platforms.review_platform", user, platform))


def can_view_history(user, platform) -> bool:
    return bool(rules.has_perm("platforms.view_platform_history", user, platform))


def can_create(user) -> bool:
    return bool(rules.has_perm("platforms.add_platform", user))
