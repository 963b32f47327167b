"""Region scope of government reviewers, shared by every app's permission gate."""

from __future__ import annotations

from django.db.models import Q

from pilothub.core.errors import forbidden


def reviewer_scope_q(user, *, region_field: str = "region") -> Q:
    """Records a reviewer (or administrator) may govern: their region and everything under it.

    `region_field` is the path from the filtered model to its Region FK ("region",
    "platform__region", ...). Anyone else gets a 403.
    """
    if user.is_authenticated and user.is_system_admin:
        return Q()
    if user.is_authenticated and user.is_reviewer:
        return Q(**{f"{region_field}__path__startswith": user.region.path})
    raise forbidden("查看此区域的数据", "see this region's records")


def user_governs_path(user, path: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_system_admin:
        return True
    return bool(user.is_reviewer and path.startswith(user.region.path))
