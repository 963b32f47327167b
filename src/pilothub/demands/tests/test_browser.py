"""Enterprise publishes → operator quotes → enterprise accepts, in Debian's Chromium."""

import pytest

from pilothub.bookings.models import ServiceOrder
from pilothub.demands.models import Demand, Quote

from .factories import enterprise_user, in_days, operator_with_platform

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def test_publish_quote_accept(page, login):
    owner = enterprise_user("110116", username="qiye")
    op, platform = operator_with_platform("110108")
    op.username = "pingtai"
    op.save()

    login("qiye", PASSWORD)
    page.goto("/demands/new/")
    page.fill("input[name=title]", "MEMS 传感器晶圆级封装中试")
    page.fill("textarea[name=text]", "需要 8 英寸晶圆级封装 200 片，验证良率。")
    page.fill("input[name=deadline]", in_days(20).isoformat())
    page.fill("input[name=budget_min]", "500000")
    page.fill("input[name=budget_max]", "100000")
    page.click("form.form button[type=submit]")
    assert "预算下限不能高于预算上限" in page.locator(".error").first.inner_text()
    assert not Demand.objects.exists()
    page.fill("input[name=budget_max]", "900000")
    page.click("form.form button[type=submit]")
    page.wait_for_load_state("networkidle")
    demand = Demand.objects.get()
    assert page.locator("h1").inner_text().startswith("MEMS 传感器晶圆级封装中试")
    page.click("button:has-text('退出')")

    login("pingtai", PASSWORD)
    page.goto(f"/demands/{demand.pk}/")
    page.click("a.button:has-text('报价')")
    page.fill("input[name=price]", "680000")
    page.fill("input[name=duration_days]", "40")
    page.fill("textarea[name=conditions]", "含两次工艺迭代")
    page.click("form.quote button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "报价已提交" in page.locator(".messages").inner_text()
    page.goto(f"/demands/{demand.pk}/messages/{platform.pk}/")
    page.fill("textarea[name=body]", "可以先寄 5 片样品试封装。")
    page.click("#thread button[type=submit]")
    page.wait_for_selector("text=可以先寄 5 片样品试封装。")
    page.click("button:has-text('退出')")

    login("qiye", PASSWORD)
    page.goto(f"/demands/{demand.pk}/quotes/")
    row = page.locator("table.quotes tr", has_text=platform.name)
    assert "680000" in row.inner_text()
    row.locator("button:has-text('接受此报价')").click()
    page.wait_for_load_state("networkidle")
    order = ServiceOrder.objects.get()
    assert f"服务订单 #{order.pk} 已生成" in page.locator(".messages").inner_text()
    assert (order.platform_id, order.customer_id, order.quoted_amount) == (platform.pk, owner.organisation_id, 680000)
    assert Quote.objects.get().status == "accepted"
    assert Demand.objects.get().status == "matched"


def test_confidential_grant_undertaking_and_access_log(page, login):
    from pilothub.demands.models import DemandDetailView, UndertakingAcceptance
    from pilothub.demands.services import demand_express_interest

    owner = enterprise_user("110116", username="baomi")
    op, platform = operator_with_platform("110108")
    op.username = "shouquan"
    op.save()

    login("baomi", PASSWORD)
    page.goto("/demands/new/")
    page.fill("input[name=title]", "固态电解质涂布工艺放大")
    page.fill("textarea[name=text]", "需要宽幅 600 mm 涂布线验证固态电解质膜。")
    page.fill("textarea[name=confidential_details]", "电解质配方：LLZO 掺钽 0.6，粘结剂 PVDF 3%")
    page.check("input[name=requires_undertaking]")
    page.fill("input[name=deadline]", in_days(30).isoformat())
    page.click("form.form button[type=submit]")
    page.wait_for_load_state("networkidle")
    demand = Demand.objects.get()
    assert "LLZO" in page.locator("section.confidential").inner_text()
    demand_express_interest(demand=demand, platform=platform, actor=op)
    page.reload()
    page.select_option("form.grant select[name=platform]", str(platform.pk))
    page.click("form.grant button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert platform.name in page.locator("ul.grants").inner_text()
    page.click("button:has-text('退出')")

    login("shouquan", PASSWORD)
    page.goto(f"/demands/{demand.pk}/")
    section = page.locator("section.confidential")
    assert "LLZO" not in section.inner_text() and "保密承诺（版本" in section.inner_text()
    page.check("form.undertaking-form input[name=agree]")
    page.click("form.undertaking-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "LLZO" in page.locator("section.confidential").inner_text()
    assert UndertakingAcceptance.objects.get().accepted_by_id == op.pk
    assert DemandDetailView.objects.filter(viewer=op, platform=platform).count() == 1
    page.click("button:has-text('退出')")

    login("baomi", PASSWORD)
    page.goto(f"/demands/{demand.pk}/access-log/")
    assert "shouquan" in page.locator("table.views").inner_text()
    assert "shouquan" in page.locator("table.acceptances").inner_text()
    assert owner.organisation_id == demand.enterprise_id
