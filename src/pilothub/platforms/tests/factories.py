"""Registry factories for the directory tests, on top of the shared ones."""

from __future__ import annotations

import datetime

from pilothub.platforms.models import Expert, Industry, Platform, Qualification, ServiceType
from pilothub.testing.factories import EquipmentFactory, PlatformFactory, TestServiceFactory, region

__all__ = ["EquipmentFactory", "PlatformFactory", "TestServiceFactory", "make_platform", "region"]


def make_platform(*, industries: tuple[str, ...] = (), service_types: tuple[str, ...] = (),
                  qualifications: tuple[tuple[str, datetime.date], ...] = (), equipment: int = 0,
                  shareable: bool = True, experts: int = 0, **fields) -> Platform:
    """A platform with vocabularies (codes from the reference data) and children."""
    platform = PlatformFactory(**fields)
    if industries:
        platform.industries.set(Industry.objects.filter(code__in=industries))
    if service_types:
        platform.service_types.set(ServiceType.objects.filter(code__in=service_types))
    for n, (kind, valid_until) in enumerate(qualifications):
        Qualification.objects.create(platform=platform, kind=kind, number=f"{kind}{platform.pk:04d}{n}",
                                     valid_until=valid_until)
    for _ in range(equipment):
        EquipmentFactory(platform=platform, shareable=shareable)
    for n in range(experts):
        Expert.objects.create(platform=platform, name=f"专家{n}", title="研究员", field="药物制剂")
    return platform
