"""Reads of the region hierarchy."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from pilothub.core.errors import DomainError

from .models import Region


def region_get(*, code: str) -> Region:
    try:
        return Region.objects.select_related("parent").get(code=str(code).strip())
    except Region.DoesNotExist:
        raise DomainError("unknown_region", f"未知的行政区划代码：{code}", f"Unknown region code: {code}",
                          field="region")


def region_subtree(*, code: str) -> QuerySet[Region]:
    """This region and everything under it."""
    region = region_get(code=code)
    return Region.objects.filter(path__startswith=region.path)


def region_subtree_q(*, code: str, field: str = "region") -> Q:
    """A filter for records whose `field` (a Region FK) lies in the region or under it."""
    region = region_get(code=code)
    return Q(**{f"{field}__path__startswith": region.path})


def region_ancestor_codes(*, code: str) -> list[str]:
    """Codes from the region up to its root, the region first: 110116 → [110116, 110000]."""
    region = region_get(code=code)
    return [part for part in reversed(region.path.strip("/").split("/"))]


def region_contains(*, ancestor: Region, descendant: Region) -> bool:
    return descendant.path.startswith(ancestor.path)


def region_choices() -> list[tuple[str, str]]:
    """Regions for a select box, indented by depth."""
    return [(code, f"{'　' * depth}{name}") for code, name, depth in
            Region.objects.filter(is_active=True).values_list("code", "name", "depth")]
