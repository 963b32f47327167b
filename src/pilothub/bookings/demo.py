"""Demo data: opening hours, bookings, orders through the year with ratings, and vouchers.

Builds on the registry's demo platforms and the accounts demo organisations when they exist and
does nothing (with a note) when they do not. Idempotent: demo orders are keyed by source_ref
"demo:<n>", bookings by their slot. Orders walk the real services; only their timestamps are then
moved back into the past months they represent (the services stamp "now").
"""

from __future__ import annotations

import contextlib
import datetime

from django.utils import timezone

from pilothub.accounts.models import Organisation, OrganisationKind, OrganisationStatus, Role, User
from pilothub.core.errors import DomainError
from pilothub.platforms.models import Platform, PlatformStatus

from .models import Booking, BookingPolicy, OpeningHours, OrderRating, OrderSource, ServiceOrder
from .services import (
    attachment_add,
    booking_approve,
    booking_create,
    order_accept,
    order_contract,
    order_create,
    order_deliver,
    order_quote,
    order_start,
    rating_create,
)
from .vouchers.models import VoucherPlatform
from .vouchers.services import redemption_submit, voucher_apply

DEMO_PDF = b"%PDF-1.4\n% PilotHub demo delivery report\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SCORES = [(5, 5, 4, 5), (4, 4, 4, 5), (5, 4, 3, 4), (3, 4, 4, 3), (5, 5, 5, 5), (4, 3, 4, 4)]
REVIEWS = ["报告规范，数据详实，推荐。", "周期略长，但沟通及时。", "价格偏高，技术能力强。", "", "一次通过验收。", ""]
TITLES = ["材料力学性能测试", "电子元器件失效分析", "小批量试制工艺验证", "传感器可靠性验证", "样品成分分析", "工艺放大熟化咨询"]


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(f"  {text}")


def _operator_user(platform: Platform) -> User | None:
    return User.objects.filter(organisation_id=platform.operator_id, role=Role.OPERATOR, is_active=True).first()


def _ensure_availability(platform: Platform) -> None:
    if not OpeningHours.objects.filter(platform=platform, equipment__isnull=True).exists():
        OpeningHours.objects.bulk_create([OpeningHours(platform=platform, weekday=day, opens=datetime.time(9, 0),
                                                       closes=datetime.time(17, 30)) for day in range(5)])
    BookingPolicy.objects.get_or_create(platform=platform, defaults={"free_cancel_hours": 24})
    if platform.region.path.startswith("/110000/"):
        VoucherPlatform.objects.get_or_create(platform=platform, defaults={"accepts": True})


def _past_day(month: int, day: int = 10) -> datetime.date:
    today = timezone.localdate()
    candidate = datetime.date(today.year, month, min(day, 28))
    return candidate if candidate < today else today - datetime.timedelta(days=1)


def _walk_order(n: int, platform: Platform, operator: User, customer: Organisation, customer_user: User,
                month: int) -> None:
    signed_on = _past_day(month)
    amount = 20_000 + 15_000 * n
    order = order_create(platform=platform, customer=customer, actor=customer_user, title=TITLES[n % len(TITLES)],
                         source=OrderSource.DIRECT, source_ref=f"demo:{n}")
    order_quote(order=order, actor=operator, amount=amount)
    order_contract(order=order, actor=operator, amount=amount, signed_on=signed_on)
    attachment_add(order=order, actor=operator, kind="contract", name=f"合同-{n}.pdf", content=DEMO_PDF)
    if customer.is_tech_sme and VoucherPlatform.objects.filter(platform=platform, accepts=True).exists():
        # A date before the rule took effect leaves the order without vouchers.
        with contextlib.suppress(DomainError):
            voucher_apply(order=order, actor=customer_user, amount=amount // 2)
    order_start(order=order, actor=operator)
    attachment_add(order=order, actor=operator, kind="delivery_report", name=f"交付报告-{n}.pdf", content=DEMO_PDF)
    order_deliver(order=order, actor=operator)
    order_accept(order=order, actor=customer_user)
    quality, timeliness, price, communication = SCORES[n % len(SCORES)]
    rating_create(order=order, actor=customer_user, quality=quality, timeliness=timeliness, price=price,
                  communication=communication, review=REVIEWS[n % len(REVIEWS)])
    if order.voucher_uses.exists():
        # The platform claims the voucher part (Beijing: 通兑), for the reviewers' redemption queue.
        attachment_add(order=order, actor=operator, kind="invoice", name=f"发票-{n}.pdf", content=DEMO_PDF)
        with contextlib.suppress(DomainError):
            redemption_submit(order=order, actor=operator)
    # Move the timestamps back to the month the order represents.
    at = timezone.make_aware(datetime.datetime.combine(signed_on, datetime.time(10, 0)))
    ServiceOrder.objects.filter(pk=order.pk).update(created_at=at - datetime.timedelta(days=5),
                                                    delivered_at=at + datetime.timedelta(days=10),
                                                    accepted_at=at + datetime.timedelta(days=12))
    OrderRating.objects.filter(order=order).update(created_at=at + datetime.timedelta(days=13))


def load(stdout=None) -> None:
    platforms = list(Platform.objects.filter(is_demo=True, status=PlatformStatus.PUBLISHED)
                     .select_related("region").order_by("pk")[:6])
    enterprises = list(Organisation.objects.filter(is_demo=True, kind=OrganisationKind.ENTERPRISE,
                                                   status=OrganisationStatus.APPROVED).order_by("pk"))
    if not platforms or not enterprises:
        _say(stdout, "没有演示平台或演示企业，跳过预约与订单演示数据 (no demo platforms/enterprises: skipped)")
        return
    customer = enterprises[0]
    customer_user = User.objects.filter(organisation=customer, is_active=True).first()
    if customer_user is None:
        _say(stdout, "演示企业没有用户，跳过 (the demo enterprise has no user: skipped)")
        return
    for platform in platforms:
        _ensure_availability(platform)
    months = [month for month in range(1, 13) if datetime.date(timezone.localdate().year, month, 1)
              < timezone.localdate()]
    made = 0
    for n in range(min(len(months), 12)):
        platform = platforms[n % len(platforms)]
        operator = _operator_user(platform)
        if operator is None or ServiceOrder.objects.filter(source_ref=f"demo:{n}").exists():
            continue
        _walk_order(n, platform, operator, customer, customer_user, months[n])
        made += 1
    booked = _future_bookings(platforms, customer_user)
    _say(stdout, f"演示订单 {made} 个，未来预约 {booked} 个 (demo orders {made}, future bookings {booked})")


def _future_bookings(platforms: list[Platform], user: User) -> int:
    made = 0
    today = timezone.localdate()
    for index, platform in enumerate(platforms[:3]):
        equipment = platform.equipment.filter(shareable=True, is_active=True).order_by("pk").first()
        operator = _operator_user(platform)
        if equipment is None:
            continue
        day = today + datetime.timedelta(days=3 + index)
        while day.weekday() >= 5:  # demo opening hours are Monday to Friday
            day += datetime.timedelta(days=1)
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
        if Booking.objects.filter(equipment=equipment, start=start).exists():
            continue
        booking = booking_create(equipment=equipment, actor=user, start=start,
                                 end=start + datetime.timedelta(hours=2), purpose="演示：样品测试")
        if operator is not None and index % 2 == 0:
            booking_approve(booking=booking, actor=operator)
        made += 1
    return made
