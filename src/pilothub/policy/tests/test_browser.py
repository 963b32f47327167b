"""The calculator and the application flow as people meet them, in Debian's Chromium."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from pilothub.core.models import Notification
from pilothub.policy.models import ApplicationStatus, SubsidyApplication

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_calculator_answers_questions_and_prints_a_summary(page):
    page.goto("/policy/")
    page.click("nav.type-tabs a:has-text('新建中试平台')")
    page.select_option("select[name=region]", "110116")
    page.fill("input[name=as_of]", "2026-03-01")
    page.check("input[name=applicant_independent_legal_entity][value=no]")
    page.fill("input[name=industry]", "人工智能")
    page.fill("input[name=total_investment]", "20000000")
    page.check("input[name=has_municipal_support][value=no]")
    page.check("input[name=uses_science_city_facilities][value=no]")
    page.click("#calculator-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#total").inner_text() == "10,000,000 元（1,000 万元）"
    huairou = page.locator("article[data-measure='huairou_draft.new_platform']")
    assert "征求意见稿" in huairou.locator(".badges").inner_text()
    assert "怀柔区中试若干措施（征求意见稿） 第1条" in huairou.inner_text()
    assert "计算依据" in huairou.inner_text()
    operation = page.locator("tr[data-measure='huairou_draft.platform_operation']")
    assert "无量化标准，需咨询主管部门" in operation.inner_text()
    page.emulate_media(media="print")
    assert not page.locator("#calculator-form").is_visible()
    assert page.locator(".site-header").is_hidden()
    assert page.locator("article[data-measure='beijing_2026_1.new_platform']").is_visible()


def _decide(page, login, username, *actions):
    page.click("button:has-text('退出')")
    login(username)
    page.goto("/policy/review/?stage=" + {"first_approve": "submitted", "second_approve": "first_passed"}[actions[0]])
    page.click("a:has-text('浏览器申报的测试合同')")
    for action in actions:
        page.click(f"form.decision button[value={action}]")
        page.wait_for_load_state("networkidle")


def test_enterprise_applies_and_reviewers_publicise_and_pay(page, login):
    call_command("demo_data")
    login("demo-enterprise")
    page.goto("/policy/?type=test_contract")
    page.select_option("select[name=region]", "110116")
    page.fill("input[name=applicant_sector]", "科学仪器和传感器")
    page.fill("input[name=contract_amount]", "500000")
    page.check("input[name=platform_in_municipal_list][value=no]")
    page.click("#calculator-form button[type=submit]")
    item = page.locator("article[data-measure='huairou_draft.test_contract']")
    item.locator("input[name=project_name]").fill("浏览器申报的测试合同")
    item.locator("button:has-text('申报此项')").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#status").inner_text() == "已申报，待初审"
    assert page.locator("#amount").inner_text() == "150,000 元（15 万元）"

    _decide(page, login, "demo-reviewer-hr", "first_approve")
    assert page.locator("#status").inner_text() == "初审通过，待复审"
    _decide(page, login, "demo-reviewer-bj", "second_approve", "publicise", "pay")
    assert page.locator("#status").inner_text() == "已拨付"
    assert "按存档计算依据重新计算，结果一致" in page.inner_text("body")
    history = page.locator("#history").inner_text()
    for label in ("申报", "初审通过", "复审通过", "公示", "拨付"):
        assert label in history

    application = SubsidyApplication.objects.get(project_name="浏览器申报的测试合同")
    assert (application.status, application.amount) == (ApplicationStatus.PAID, 150_000)
    assert Notification.objects.filter(recipient__username="demo-enterprise",
                                       url=f"/policy/applications/{application.pk}/").count() == 5
    page.click("button:has-text('退出')")
    login("demo-enterprise")
    page.goto("/policy/applications/")
    assert "已拨付" in page.locator("tr", has_text="浏览器申报的测试合同").inner_text()
