"""A visitor narrows the directory, searches, opens a platform and sees it on the map."""

import pytest
from playwright.sync_api import expect

from .factories import make_platform, region

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_directory_filter_search_detail_and_map(page, settings):
    # No tiles can be fetched here: point the tile layer at a local path that 404s quickly.
    settings.PILOTHUB_MAP_TILE_URL = "/static/no-tiles/{z}/{x}/{y}.png"
    make_platform(name="怀柔抗体偶联药物中试平台", region=region("110116"), industries=("biologics",),
                  main_business="抗体偶联药物（ADC）偶联工艺开发与放大", longitude=116.63, latitude=40.32, is_demo=True)
    make_platform(name="海淀新材料验证平台", region=region("110108"), industries=("new-materials",),
                  main_business="高分子材料改性与性能测试", longitude=116.30, latitude=39.98)
    make_platform(name="嘉兴纺织检测平台", region=region("330402"), industries=("textile-apparel",),
                  main_business="纺织品检测", longitude=120.76, latitude=30.75)

    page.goto("/platforms/")
    assert page.locator(".platform-card").count() == 3
    page.select_option("#f-region", "110000")
    expect(page.locator(".result-count")).to_contain_text("共 2 个平台")
    assert "region=110000" in page.url
    assert "嘉兴纺织检测平台" not in page.locator(".results").inner_text()

    page.fill("#directory-q", "抗体")
    page.press("#directory-q", "Enter")
    expect(page.locator(".result-count")).to_contain_text("共 1 个平台")
    card = page.locator(".platform-card")
    assert card.count() == 1
    assert "演示数据" in card.inner_text()

    card.locator("h2 a").click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text().startswith("怀柔抗体偶联药物中试平台")
    assert "抗体偶联药物" in page.locator("main").inner_text()

    page.goto("/platforms/map/")
    expect(page.locator("#platform-map")).to_have_attribute("data-count", "3")
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.locator(".leaflet-marker-icon").count() >= 2
    page.select_option("#map-filters select[name=region]", "330000")
    expect(page.locator("#platform-map")).to_have_attribute("data-count", "1")
    assert "region=330000" in page.url
