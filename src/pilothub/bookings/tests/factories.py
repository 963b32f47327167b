"""Factories and helpers for the bookings tests (shared ones are in pilothub.testing.factories)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from pilothub.accounts.models import Role
from pilothub.bookings.models import OpeningHours
from pilothub.bookings.vouchers.models import VoucherPlatform
from pilothub.testing.factories import (
    EquipmentFactory,
    OrganisationFactory,
    PlatformFactory,
    UserFactory,
    region,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# The PNG signature and a 1×1 IHDR chunk (core/uploads.py checks that the IHDR follows).
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def open_all_week(platform, opens=datetime.time(8, 0), closes=datetime.time(20, 0), equipment=None):
    OpeningHours.objects.bulk_create([OpeningHours(platform=platform, equipment=equipment, weekday=day, opens=opens,
                                                   closes=closes) for day in range(7)])


class Setting:
    """A published Huairou platform with an operator user, a shareable instrument open 08–20 every
    day, and an approved Huairou enterprise (科技型中小企业) with a user."""

    def __init__(self, *, tech_sme: bool = True, accepts_vouchers: bool = True):
        operator_org = OrganisationFactory(kind="platform_operator", region=region("110116"))
        self.operator = UserFactory(role=Role.OPERATOR, organisation=operator_org)
        self.platform = PlatformFactory(operator=operator_org, region=region("110116"))
        self.equipment = EquipmentFactory(platform=self.platform, name="扫描电子显微镜")
        open_all_week(self.platform)
        self.enterprise_org = OrganisationFactory(region=region("110116"), is_sme=True, is_tech_sme=tech_sme)
        self.enterprise = UserFactory(role=Role.ENTERPRISE, organisation=self.enterprise_org)
        if accepts_vouchers:
            VoucherPlatform.objects.create(platform=self.platform, accepts=True)


def local(days_ahead: int, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware datetime `days_ahead` days from today at hour:minute Beijing time."""
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
