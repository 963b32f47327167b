"""The foundation as a person meets it, in Debian's Chromium."""

import pytest
from django.core.management import call_command

from pilothub.accounts.models import Organisation, OrganisationStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_speaks_chinese_and_switches_to_english(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert "中试通" in page.title()
    page.click("button[value=en]")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"


def test_enterprise_registers_and_a_huairou_reviewer_approves(page, login):
    call_command("demo_data")
    page.goto("/accounts/register/")
    page.select_option("select[name=role]", "enterprise")
    page.fill("input[name=organisation_name]", "北京雁栖湖新材料有限公司")
    page.fill("input[name=credit_code]", "91110000802100433A")  # wrong check character
    page.select_option("select[name=region]", "110116")
    page.fill("input[name=display_name]", "赵工")
    page.fill("input[name=email]", "zhao@example.cn")
    page.fill("input[name=username]", "zhaogong")
    page.fill("input[name=password]", "yanqi-lake-2026")
    page.fill("input[name=password_again]", "yanqi-lake-2026")
    page.click("form.form button[type=submit]")
    assert page.locator(".has-error .error").first.inner_text() == "统一社会信用代码校验位不正确"
    assert not Organisation.objects.filter(name="北京雁栖湖新材料有限公司").exists()

    page.fill("input[name=credit_code]", "91110000802100433B")
    page.fill("input[name=password]", "yanqi-lake-2026")
    page.fill("input[name=password_again]", "yanqi-lake-2026")
    page.click("form.form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "等待所在地区政府审核人员审核" in page.locator(".messages").inner_text()
    page.click("button:has-text('退出')")

    login("demo-reviewer-hr")
    page.goto("/accounts/review/")
    row = page.locator("tr", has_text="北京雁栖湖新材料有限公司")
    row.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert Organisation.objects.get(name="北京雁栖湖新材料有限公司").status == OrganisationStatus.APPROVED
    page.goto("/audit/")
    assert "北京雁栖湖新材料有限公司" in page.locator("table.data").inner_text()
