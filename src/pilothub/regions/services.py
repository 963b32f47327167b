"""Writes to the region hierarchy."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from .loading import load_regions, read_region_rows
from .models import Region


@transaction.atomic
def regions_load_file(*, path: Path) -> int:
    """Load or update regions from a YAML file; all or nothing."""
    return load_regions(read_region_rows(path), Region)
