"""Responsiveness from real records (decision 0553)."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pilothub.bookings.models import Booking, BookingStatus, OrderSource
from pilothub.bookings.services import order_cancel, order_quote
from pilothub.demands.models import DemandResponse, DemandVisibility
from pilothub.demands.responsiveness import Request, platform_responsiveness, summarise
from pilothub.testing.factories import (
    DemandFactory,
    EquipmentFactory,
    OrganisationFactory,
    ServiceOrderFactory,
)

from .factories import enterprise_user, operator_with_platform

pytestmark = pytest.mark.django_db
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
H = datetime.timedelta(hours=1)


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=SH)


def test_summary_median_share_and_pending():
    now = at(2026, 12, 10, 12)
    requests = [
        Request(1, "booking", at(2026, 12, 1, 9), at(2026, 12, 1, 11)),      # 2 h, within
        Request(1, "booking", at(2026, 12, 4, 15), at(2026, 12, 9, 23)),     # Fri → Wed 23:00, within
        Request(1, "booking", at(2026, 12, 4, 15), at(2026, 12, 10, 0, 30)),  # Thu 00:30, late
        Request(1, "order_inquiry", at(2026, 11, 20, 9), None),              # overdue, unanswered
        Request(1, "order_inquiry", at(2026, 12, 9, 9), None),               # pending (due 12-14)
    ]
    result = summarise(1, requests, now=now)
    assert (result.requests, result.answered, result.within, result.pending) == (4, 3, 2, 1)
    assert result.share_within == 0.5 and result.share_percent == 50.0
    # Elapsed hours: 2, 128, 129.5 → median 128.
    assert result.median_hours == 128.0 and result.median_days == 5.3


def test_no_requests_means_no_figures():
    result = summarise(7, [], now=timezone.now())
    assert (result.requests, result.share_within, result.median_hours) == (0, None, None)


def test_sources_are_read_from_demands_orders_and_bookings():
    now = timezone.now()
    op, platform = operator_with_platform("110108")
    owner = enterprise_user("110116")
    customer = owner.organisation

    # Invited demand answered by interest 5 hours after publication.
    invited = DemandFactory(enterprise=customer, visibility=DemandVisibility.INVITED, published_at=now - 50 * H)
    invited.invited_platforms.add(platform)
    DemandResponse.objects.create(demand=invited, platform=platform, interested_at=now - 45 * H)
    # Enterprise wrote first; the platform answered 10 hours later with a quote.
    public = DemandFactory(enterprise=customer, published_at=now - 100 * H)
    DemandResponse.objects.create(demand=public, platform=platform, enterprise_first_message_at=now - 40 * H,
                                  first_quote_at=now - 30 * H)
    # The platform spoke first: not a request.
    other = DemandFactory(enterprise=customer, published_at=now - 100 * H)
    DemandResponse.objects.create(demand=other, platform=platform, interested_at=now - 90 * H,
                                  enterprise_first_message_at=now - 80 * H)
    # A direct inquiry made 20 days ago, quoted now: answered late.
    late = ServiceOrderFactory(platform=platform, customer=customer, source=OrderSource.DIRECT,
                               created_at=now - datetime.timedelta(days=20))
    order_quote(order=late, actor=op, amount=5000)
    # An inquiry the customer withdrew before any answer: not counted.
    withdrawn = ServiceOrderFactory(platform=platform, customer=customer, source=OrderSource.DIRECT,
                                    created_at=now - datetime.timedelta(days=10))
    order_cancel(order=withdrawn, actor=owner, reason="改变计划")
    # An inquiry from the platform's own organisation: not counted.
    ServiceOrderFactory(platform=platform, customer=platform.operator, source=OrderSource.DIRECT,
                        created_at=now - datetime.timedelta(days=10))
    # A booking decided 2 hours after the request; a pending one overdue; a fresh pending one.
    equipment = EquipmentFactory(platform=platform)
    start = now + datetime.timedelta(days=30)
    Booking.objects.create(equipment=equipment, customer=customer, start=start, end=start + H, purpose="测试",
                           status=BookingStatus.APPROVED, created_at=now - 20 * H, decided_at=now - 18 * H)
    Booking.objects.create(equipment=equipment, customer=customer, start=start + 2 * H, end=start + 3 * H,
                           purpose="测试", created_at=now - datetime.timedelta(days=15))
    Booking.objects.create(equipment=equipment, customer=customer, start=start + 4 * H, end=start + 5 * H,
                           purpose="测试", created_at=now - H)
    # Another platform's record must not leak in.
    _op2, platform2 = operator_with_platform("110105")
    ServiceOrderFactory(platform=platform2, customer=OrganisationFactory(), source=OrderSource.DIRECT,
                        created_at=now - datetime.timedelta(days=10))

    with CaptureQueriesContext(connection) as queries:
        result = platform_responsiveness([platform.pk, platform2.pk], now=now)
    assert len(queries) <= 6  # one query per source, whatever the number of platforms
    mine = result[platform.pk]
    # Counted: invitation (5 h), thread (10 h), late order (~480 h), booking (2 h), overdue booking.
    assert (mine.requests, mine.answered, mine.within, mine.pending) == (5, 4, 3, 1)
    assert mine.median_hours == 7.5  # median of 2, 5, 10, 480
    assert mine.share_percent == 60.0
    other_platform = result[platform2.pk]
    assert (other_platform.requests, other_platform.answered, other_platform.share_within) == (1, 0, 0.0)


def test_window_and_missing_platforms():
    now = timezone.now()
    op, platform = operator_with_platform("110108")
    customer = OrganisationFactory()
    ServiceOrderFactory(platform=platform, customer=customer, source=OrderSource.DIRECT,
                        created_at=now - datetime.timedelta(days=400))
    result = platform_responsiveness([platform.pk, 999_999], now=now)
    assert result[platform.pk].requests == 0  # older than the 365-day window
    assert result[999_999].requests == 0
    year = platform_responsiveness([platform.pk], since=now - datetime.timedelta(days=500), until=now, now=now)
    assert year[platform.pk].requests == 1


def test_template_tag_renders_the_platform_fragment():
    from django.template import Context, Template

    now = timezone.now()
    _op, platform = operator_with_platform("110108")
    equipment = EquipmentFactory(platform=platform)
    start = now + datetime.timedelta(days=30)
    customer = OrganisationFactory()
    Booking.objects.create(equipment=equipment, customer=customer, start=start, end=start + H, purpose="测试",
                           status=BookingStatus.APPROVED, created_at=now - 3 * H, decided_at=now - H)
    Booking.objects.create(equipment=equipment, customer=customer, start=start + 2 * H, end=start + 3 * H,
                           purpose="测试", created_at=now - datetime.timedelta(days=20))
    html = Template("{% load responsiveness %}{% platform_responsiveness platform %}").render(
        Context({"platform": platform}))
    assert 'id="responsiveness"' in html
    assert "50.0%" in html and "（1/2 次请求）" in html and "2.0 小时" in html
    empty = Template("{% load responsiveness %}{% platform_responsiveness platform %}").render(
        Context({"platform": operator_with_platform("110105")[1]}))
    assert "近一年暂无可统计的请求" in empty
