"""Browser flow: an operator adds a pilot line from 我的平台 and the directory's line filter finds
the platform at once (decision 0307: capability edits need no review)."""

import pytest
from playwright.sync_api import expect

from pilothub.platforms.models import PilotLine
from pilothub.testing.factories import PlatformFactory

from .factories_manage import operated_platform

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


def test_operator_adds_a_pilot_line_and_the_directory_filter_finds_it(page, login):
    user, platform = operated_platform("110116", name="怀柔合成生物中试平台")
    user.username = "hr-op"
    user.save()
    PlatformFactory(name="海淀材料检测平台")  # published, no lines: the filter must leave it out

    page.goto("/platforms/?process_step=small_batch")
    expect(page.locator(".result-count")).to_contain_text("共 0 个平台")

    login("hr-op", PASSWORD)
    page.goto(f"/platforms/manage/{platform.pk}/")
    page.get_by_role("link", name="管理产线与工艺").click()
    page.fill("#capability-form input[name=name]", "5吨发酵小批量试产线")
    page.select_option("#capability-form select[name=process_step]", "small_batch")
    page.fill("#capability-form input[name=scale_value]", "5")
    page.fill("#capability-form input[name=scale_unit]", "吨")
    page.select_option("#capability-form select[name=cleanroom_class]", "8")
    page.click("#capability-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#lines")).to_contain_text("5吨发酵小批量试产线")
    line = PilotLine.objects.get(platform=platform)
    assert (line.scale_dimension, line.scale_base) == ("mass", 5000.0)

    page.context.clear_cookies()
    page.goto("/platforms/")
    expect(page.locator(".result-count")).to_contain_text("共 2 个平台")
    page.select_option("#f-step", "small_batch")
    expect(page.locator(".result-count")).to_contain_text("共 1 个平台")
    assert "process_step=small_batch" in page.url
    expect(page.locator(".platform-card")).to_contain_text("怀柔合成生物中试平台")
    # 5 t meets "at least 2 t" and fails "at least 6 t" (units parsed the same way on both sides).
    page.goto("/platforms/?process_step=small_batch&min_scale=2&unit=t")
    expect(page.locator(".result-count")).to_contain_text("共 1 个平台")
    page.goto("/platforms/?process_step=small_batch&min_scale=6&unit=t")
    expect(page.locator(".result-count")).to_contain_text("共 0 个平台")
