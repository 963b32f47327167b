"""Helpers for the editing-workflow tests: vocabularies and a published platform with an operator."""

from __future__ import annotations

from pilothub.platforms.models import Platform, PlatformStatus
from pilothub.testing.factories import PlatformFactory, industry, operator, service_type


def vocabularies() -> None:
    industry("pharma-health", "医药健康")
    industry("new-materials", "新材料")
    service_type("scale-up", "工艺放大熟化")
    service_type("inspection-testing", "检验检测")


def operated_platform(region_code: str = "110116", status: str = PlatformStatus.PUBLISHED, **kwargs):
    """(operator user, platform their organisation operates)."""
    vocabularies()
    user = operator(region_code)
    platform: Platform = PlatformFactory(operator=user.organisation, status=status, **kwargs)
    platform.industries.set(["pharma-health"])
    platform.service_types.set(["scale-up"])
    return user, platform
