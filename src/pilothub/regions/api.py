from __future__ import annotations

from ninja import Router, Schema

from .models import Region
from .selectors import region_get

router = Router(tags=["regions"])


class RegionOut(Schema):
    code: str
    name: str
    name_en: str
    level: str
    parent: str | None
    depth: int


def _out(region: Region) -> RegionOut:
    return RegionOut(code=region.code, name=region.name, name_en=region.name_en, level=region.level,
                     parent=region.parent_id, depth=region.depth)


@router.get("/regions", response=list[RegionOut], summary="行政区划列表 Regions (optionally under a parent)")
def regions_list(request, under: str | None = None):
    queryset = Region.objects.filter(is_active=True)
    if under:
        queryset = queryset.filter(path__startswith=region_get(code=under).path)
    return [_out(region) for region in queryset]


@router.get("/regions/{code}", response=RegionOut, summary="行政区划 Region")
def regions_detail(request, code: str):
    return _out(region_get(code=code))
