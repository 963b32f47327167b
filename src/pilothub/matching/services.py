"""Writes of the matching app: index maintenance. (Matching itself only reads: see selectors.py.)"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from . import index
from .models import IndexChange


@transaction.atomic
def match_index_touch(*, platform_ids: Iterable[int]) -> int:
    """Record that these platforms changed in a way `updated_at` may not show (e.g. an equipment
    row edited in place). Every process's index refreshes them on its next query.

    Registry services call this with transaction.on_commit after such edits. Returns the number
    of platforms recorded. No audit event: this is index bookkeeping, not a change of record.
    """
    ids = sorted({int(i) for i in platform_ids})
    IndexChange.objects.bulk_create([IndexChange(platform_id=i) for i in ids])
    return len(ids)


def match_index_rebuild(*, progress: index.Progress | None = None, embed: bool = True) -> dict:
    """Rebuild the index from the database and write its snapshot (when persistence is on): this
    process serves it at once, the others map the new file when theirs is missing or stale and
    otherwise keep following the database incrementally."""
    return index.build_snapshot(progress, embed=embed)
