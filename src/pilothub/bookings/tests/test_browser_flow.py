"""The whole flow once in the browser: demand → quote → accepted quote (order) → contract → voucher →
booking → approval → delivery → acceptance → rating; and a 通兑 voucher from order to redemption
approval, the reviewer seeing the checks first."""

import datetime

import pytest
from django.utils import timezone

from pilothub.bookings.models import Booking, MaintenanceBlock, OrderStatus, ServiceOrder
from pilothub.bookings.vouchers.models import VoucherRedemption, VoucherWallet
from pilothub.demands.models import Demand
from pilothub.testing.factories import reviewer

from .factories import PDF_BYTES, Setting, local

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def act(page, name, fields=None):
    section = page.locator(f"#action-{name}")
    for field, value in (fields or {}).items():
        section.locator(f"[name={field}]").fill(value)
    section.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def with_passwords(*users):
    for user in users:
        user.set_password("pilothub-demo")
        user.save()


def upload(page, kind, path):
    page.locator("#action-upload [name=kind]").select_option(kind)
    page.locator("#action-upload [name=file]").set_input_files(str(path))
    act(page, "upload")


def test_demand_to_rating_in_the_browser(page, login, tmp_path):
    s = Setting()
    with_passwords(s.operator, s.enterprise)

    # The enterprise publishes a demand; the platform quotes; the enterprise accepts.
    login(s.enterprise.username)
    page.goto("/demands/new/")
    page.fill("input[name=title]", "芯片失效分析")
    page.fill("textarea[name=text]", "需要 SEM 观察失效样品的形貌。")
    page.fill("input[name=deadline]", (timezone.localdate() + datetime.timedelta(days=20)).isoformat())
    page.click("form.form button[type=submit]")
    page.wait_for_load_state("networkidle")
    demand = Demand.objects.get()

    login(s.operator.username)
    page.goto(f"/demands/{demand.pk}/")
    page.click("a.button:has-text('报价')")
    page.fill("input[name=price]", "90000")
    page.fill("input[name=duration_days]", "15")
    page.click("form.quote button[type=submit]")
    page.wait_for_load_state("networkidle")

    login(s.enterprise.username)
    page.goto(f"/demands/{demand.pk}/quotes/")
    page.locator("table.quotes button:has-text('接受此报价')").click()
    page.wait_for_load_state("networkidle")
    order = ServiceOrder.objects.get()
    assert (order.status, order.quoted_amount) == (OrderStatus.QUOTED, 90_000)
    page.goto(f"/demands/{demand.pk}/quotes/")
    page.click(f"a:has-text('订单 #{order.pk}')")  # the quotes page links the order
    page.wait_for_load_state("networkidle")
    order_url = f"/bookings/orders/{order.pk}/"
    assert page.url.endswith(order_url)

    login(s.operator.username)
    page.goto("/")
    page.click("nav.work-nav >> text=开放设置")  # the operator's availability settings
    page.wait_for_load_state("networkidle")
    maintenance = page.locator("#settings-maintenance form.narrow")
    maintenance.locator("[name=equipment]").select_option(str(s.equipment.pk))
    maintenance.locator("[name=start]").fill(local(3, 8).strftime("%Y-%m-%dT%H:%M"))
    maintenance.locator("[name=end]").fill(local(3, 20).strftime("%Y-%m-%dT%H:%M"))
    maintenance.locator("[name=reason]").fill("年度校准")
    maintenance.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "已登记维护时段" in page.locator(".messages").inner_text()
    assert "年度校准" in page.locator("#settings-maintenance table").inner_text()
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
    page.goto("/")
    page.click("nav.work-nav >> text=预约审批")  # the operator's workbench entry
    page.wait_for_load_state("networkidle")
    page.locator("button[value=approve]").first.click()
    page.wait_for_load_state("networkidle")
    page.goto(order_url)
    act(page, "start")
    report = tmp_path / "报告.pdf"
    report.write_bytes(PDF_BYTES)
    upload(page, "delivery_report", report)
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
    assert MaintenanceBlock.objects.get().reason == "年度校准"


def test_a_tongdui_voucher_from_order_to_redemption_approval(page, login, tmp_path):
    """Beijing's rule is 通兑: the enterprise pays its share, the platform claims the voucher part."""
    from pilothub.bookings.services import order_create

    s = Setting()
    beijing = reviewer("110000")
    with_passwords(s.operator, s.enterprise, beijing)
    for org in (s.enterprise_org, s.platform.operator):  # a related party, for the reviewer to see
        org.legal_representative = "孙八"
        org.save()
    order = order_create(platform=s.platform, customer=s.enterprise_org, actor=s.enterprise, title="材料成分检测",
                         source="quote", source_ref="demands.quote:1", quoted_amount=50_000,
                         status=OrderStatus.QUOTED)
    order_url = f"/bookings/orders/{order.pk}/"
    pdf = tmp_path / "文件.pdf"
    pdf.write_bytes(PDF_BYTES)

    login(s.operator.username)
    page.goto(order_url)
    act(page, "contract", {"amount": "50000", "signed_on": timezone.localdate().isoformat()})
    upload(page, "contract", pdf)

    login(s.enterprise.username)
    page.goto(order_url)
    act(page, "voucher", {"amount": "30000"})
    assert "30000" in page.locator("dl.facts").inner_text()

    login(s.operator.username)
    page.goto(order_url)
    act(page, "start")
    upload(page, "delivery_report", pdf)
    act(page, "deliver")

    login(s.enterprise.username)
    page.goto(order_url)
    act(page, "accept")
    assert page.locator("#action-redeem").count() == 0  # 通兑: the enterprise does not claim

    login(s.operator.username)
    page.goto(order_url)
    act(page, "redeem")
    assert "发票" in page.locator("#action-redeem .error").inner_text()  # evidence missing: the invoice
    upload(page, "invoice", pdf)
    act(page, "redeem")
    assert "待审核" in page.locator("#redemptions").inner_text()
    redemption = VoucherRedemption.objects.get()
    assert (redemption.mode, redemption.amount, redemption.payee_id) == ("tongdui", 30_000, s.platform.operator_id)

    login(beijing.username)
    page.goto("/")
    page.click("nav.work-nav >> text=创新券兑付")
    page.wait_for_load_state("networkidle")
    page.click(f"a:has-text('#{redemption.pk}')")
    page.wait_for_load_state("networkidle")
    flagged = page.locator("#checks tr.flagged")
    assert flagged.count() == 1 and "法定代表人相同（孙八）" in flagged.inner_text()
    act(page, "approve", {"note": "已核实"})
    assert "请逐项核查后勾选确认" in page.locator("#action-approve .error").inner_text()
    page.locator("#action-approve [name=acknowledge_flags]").check()
    act(page, "approve", {"note": "已核实：同名不同人，附身份证明"})
    assert page.locator("#redemption-status").inner_text() == "已核准"
    redemption.refresh_from_db()
    assert (redemption.status, redemption.reviewed_by_id) == ("approved", beijing.pk)
