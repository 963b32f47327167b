"""Factories and small builders for the demand tests (shared factories stay in testing/factories.py)."""

from __future__ import annotations

import datetime
import io
import zipfile

from django.utils import timezone

from pilothub.accounts.models import Role
from pilothub.platforms.models import PlatformStatus
from pilothub.testing.factories import (
    OrganisationFactory,
    PlatformFactory,
    UserFactory,
    industry,
    operator,
    region,
    service_type,
)


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def enterprise_user(region_code: str = "110116", **kwargs):
    return UserFactory(role=Role.ENTERPRISE, organisation=OrganisationFactory(region=region(region_code)), **kwargs)


def operator_with_platform(region_code: str = "110116", *, status: str = PlatformStatus.PUBLISHED,
                           service_types=(), industries=()):
    user = operator(region_code)
    platform = PlatformFactory(operator=user.organisation, region=region(region_code), status=status)
    platform.service_types.set(service_types)
    platform.industries.set(industries)
    return user, platform


def vocab():
    return {"pharma": industry("pharma-health", "医药健康"), "materials": industry("new-materials", "新材料"),
            "scale_up": service_type("scale-up", "工艺放大熟化"), "testing": service_type("inspection-testing", "检验检测")}


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", '<Types><Override PartName="/word/document.xml" ContentType='
                         '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", '<Types><Override PartName="/xl/workbook.xml" ContentType='
                         '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
        package.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def plain_zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("readme.txt", "not an office file")
    return buffer.getvalue()
