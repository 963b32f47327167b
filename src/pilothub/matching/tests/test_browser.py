"""An enterprise finds platforms on 找平台 in a real browser."""

import pytest

from .factories import demo_platforms

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_enterprise_describes_a_need_and_reads_the_reasons(page):
    demo_platforms()
    page.goto("/matching/")
    page.fill("textarea[name=text]", "我们有个ADC项目想做放大")
    page.select_option("select[name=region]", "110000")
    page.click("#match-form button[type=submit]")
    first = page.locator(".match-result").first
    assert first.locator("h3").inner_text().startswith("怀柔抗体偶联药物中试平台")
    assert "服务类型符合：工艺放大熟化" in first.locator(".reasons").inner_text()
    names = page.locator(".match-result h3").all_inner_texts()
    assert not any(name.startswith(("嘉兴", "中山")) for name in names)  # 110000 = Beijing only
