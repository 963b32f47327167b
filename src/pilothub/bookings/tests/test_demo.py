import datetime
import io

import pytest
from django.utils import timezone

from pilothub.accounts import demo as accounts_demo
from pilothub.bookings import demo
from pilothub.bookings.models import Booking, OpeningHours, OrderRating, ServiceOrder
from pilothub.testing.factories import EquipmentFactory, PlatformFactory

pytestmark = pytest.mark.django_db


def test_demo_without_platforms_does_nothing_and_says_so():
    out = io.StringIO()
    demo.load(stdout=out)
    assert "跳过" in out.getvalue()
    assert not ServiceOrder.objects.exists()


def test_demo_builds_rated_orders_and_bookings_idempotently():
    organisations = accounts_demo.load()
    platform = PlatformFactory(operator=organisations["operator"], is_demo=True)
    EquipmentFactory(platform=platform)
    demo.load()
    today = timezone.localdate()
    months_so_far = sum(datetime.date(today.year, month, 1) < today for month in range(1, 13))
    demo_orders = ServiceOrder.objects.filter(source_ref__startswith="demo:")
    assert demo_orders.count() == OrderRating.objects.count() == months_so_far
    assert set(demo_orders.values_list("status", flat=True)) <= {"rated"}
    # Every order paid partly with vouchers has its redemption claim, with contract, report and invoice.
    from pilothub.bookings.vouchers.models import VoucherRedemption

    with_vouchers = set(demo_orders.filter(voucher_uses__isnull=False).values_list("pk", flat=True))
    assert with_vouchers and set(VoucherRedemption.objects.values_list("order_id", flat=True)) == with_vouchers
    assert all(set(r.evidence) == {"contract", "delivery_report", "invoice"} for r in VoucherRedemption.objects.all())
    # One future booking, approved, which opened its own order from the booking.
    assert Booking.objects.get().status == "approved"
    assert ServiceOrder.objects.filter(source="booking").count() == 1
    assert OpeningHours.objects.filter(platform=platform).count() == 5
    counts = (ServiceOrder.objects.count(), OrderRating.objects.count(), Booking.objects.count())
    demo.load()
    assert (ServiceOrder.objects.count(), OrderRating.objects.count(), Booking.objects.count()) == counts
