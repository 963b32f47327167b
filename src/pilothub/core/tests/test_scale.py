"""The load-test generator writes what it says, spread over real regions and vocabularies."""

import pytest
from django.core.management import call_command

from pilothub.bookings.models import ServiceOrder
from pilothub.platforms.models import Equipment, Platform

pytestmark = pytest.mark.django_db


def test_generate_scale_data_writes_linked_rows():
    call_command("generate_scale_data", platforms=30, equipment=70, orders=90, seed=1, stdout=None)
    platforms = Platform.objects.filter(name__regex=r"\d{6}$", is_demo=True)
    assert platforms.count() == 30
    assert all(p.industries.count() == 2 and p.service_types.count() == 2 for p in platforms)
    assert Equipment.objects.filter(platform__in=platforms).count() == 70
    orders = ServiceOrder.objects.filter(platform__in=platforms)
    assert orders.count() == 90 and not orders.filter(contract_amount__isnull=True).exists()
    assert not platforms.filter(region__children__isnull=False).exists()  # platforms sit in leaf regions
    assert all(-180 <= p.longitude <= 180 and -90 <= p.latitude <= 90 for p in platforms)
