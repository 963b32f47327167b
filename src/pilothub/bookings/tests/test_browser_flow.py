"""The order flow once in the browser: contract → voucher → booking → approval → delivery →
acceptance → rating."""

import pytest
from django.utils import timezone

from pilothub.bookings.models import Booking, OrderSource, OrderStatus
from pilothub.bookings.services import order_create
from pilothub.bookings.vouchers.models import VoucherWallet

from .factories import PDF_BYTES, Setting, local

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def act(page, name, fields=None):
    section = page.locator(f"#action-{name}")
    for field, value in (fields or {}).items():
        section.locator(f"[name={field}]").fill(value)
    section.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def test_order_flow_in_the_browser(page, login, tmp_path):
    s = Setting()
    for user in (s.operator, s.enterprise):
        user.set_password("pilothub-demo")
        user.save()
    order = order_create(platform=s.platform, customer=s.enterprise_org, actor=s.enterprise, title="芯片失效分析",
                         source=OrderSource.QUOTE, source_ref="demands.quote:1", quoted_amount=90_000,
                         status=OrderStatus.QUOTED)
    order_url = f"/bookings/orders/{order.pk}/"

    login(s.operator.username)
    page.goto(order_url)
    act(page, "contract", {"amount": "90000", "signed_on": timezone.localdate().isoformat()})
    assert page.locator("#order-status").inner_text() == "已签约"

    login(s.enterprise.username)
    page.goto(order_url)
    act(page, "voucher", {"amount": "60000"})
    page.goto(f"/bookings/equipment/{s.equipment.pk}/")
    page.fill("#booking-form [name=day]", local(2, 9).date().isoformat())
    page.fill("#booking-form [name=start_time]", "09:00")
    page.fill("#booking-form [name=end_time]", "11:00")
    page.fill("#booking-form [name=purpose]", "失效样品形貌观察")
    page.fill("#booking-form [name=order]", str(order.pk))
    page.click("#booking-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "预约申请已提交" in page.content()

    login(s.operator.username)
    page.goto("/bookings/queue/")
    page.locator("button[value=approve]").first.click()
    page.wait_for_load_state("networkidle")
    page.goto(order_url)
    act(page, "start")
    report = tmp_path / "报告.pdf"
    report.write_bytes(PDF_BYTES)
    page.locator("#action-upload [name=kind]").select_option("delivery_report")
    page.locator("#action-upload [name=file]").set_input_files(str(report))
    act(page, "upload")
    act(page, "deliver")
    assert page.locator("#order-status").inner_text() == "已交付"

    login(s.enterprise.username)
    page.goto(order_url)
    act(page, "accept")
    for field in ("quality", "timeliness", "price", "communication"):
        page.locator(f"#action-rate [name={field}]").select_option("4")
    act(page, "rate", {"review": "沟通顺畅"})
    assert page.locator("#order-status").inner_text() == "已评价"
    assert "沟通顺畅" in page.content()

    order.refresh_from_db()
    assert order.status == OrderStatus.RATED
    assert Booking.objects.get().status == "approved" and Booking.objects.get().order_id == order.pk
    assert VoucherWallet.objects.get().used_amount == 60_000
