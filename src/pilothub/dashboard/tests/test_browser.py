"""A 嘉兴 reviewer opens the dashboard in Chromium: Chinese text, ECharts canvases, tables, export."""

import pytest

from pilothub.testing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reviewer_sees_the_dashboard_with_charts(page, login, world):
    reviewer = f.reviewer("330400")
    reviewer.set_password("pilothub-demo")
    reviewer.save()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    login(reviewer.username)
    page.goto("/dashboard/")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "嘉兴市中试数据看板"
    assert "数据截至" in page.locator(".as-of").inner_text()
    # every chart with data drew a canvas
    for name in ("tiers", "targets", "trend", "coverage", "districts", "orders", "demands", "vouchers", "subsidies"):
        assert page.locator(f'[data-chart="{name}"] canvas').count() >= 1, name
    assert errors == []
    assert page.locator("#table-tiers tbody tr").nth(2).inner_text().split() == ["省级", "2"]
    assert "健康食品" in page.locator("#table-coverage tr.uncovered").first.inner_text()
    assert "浙江省中试平台（累计创建）" in page.locator("#table-targets").inner_text()
    page.screenshot(path="/tmp/dashboard-jiaxing.png", full_page=True)
    # the region selector moves to a county's dashboard
    page.select_option("#region-select", "330481")
    page.click(".dashboard-bar form.filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "海宁市中试数据看板"
    with page.expect_download() as download:
        page.click("#export-link")
    assert download.value.suggested_filename.startswith("dashboard-330481-")
