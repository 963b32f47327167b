from pilothub.regions.models import Region

from .models import Industry, RegionIndustryGroup, ServiceType
from .vocabulary import load_vocabularies


def load() -> None:
    if not Industry.objects.exists() or not ServiceType.objects.exists():
        load_vocabularies(Industry, ServiceType, RegionIndustryGroup, Region)
