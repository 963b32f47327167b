from .loading import BUILTIN_REGIONS_FILE, load_regions, read_region_rows
from .models import Region


def load() -> None:
    if not Region.objects.exists():
        load_regions(read_region_rows(BUILTIN_REGIONS_FILE), Region)
