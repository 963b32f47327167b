"""Browser flow: an operator edits a published field, a Beijing reviewer approves, the public sees it."""

import pytest
from django.urls import NoReverseMatch, reverse

from pilothub.platforms.models import ChangeRequestStatus, Platform, PlatformChangeRequest
from pilothub.testing.factories import reviewer

from .factories_manage import operated_platform

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


def test_operator_edits_reviewer_approves_public_sees_it(page, login):
    user, platform = operated_platform("110116", main_business="工艺放大")
    user.username = "hr-op"
    user.save()
    reviewer("110000", username="bj-reviewer")

    login("hr-op", PASSWORD)
    page.goto(f"/platforms/manage/{platform.pk}/edit/")
    page.fill("textarea[name=main_business]", "抗体药物 200L 工艺放大与小批量试生产")
    page.click("#platform-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=pending]").is_visible()
    assert Platform.objects.get(pk=platform.pk).main_business == "工艺放大"

    page.context.clear_cookies()
    login("bj-reviewer", PASSWORD)
    page.goto("/platforms/manage/review/")
    page.get_by_role("link", name=platform.name).click()
    row = page.locator("#diff tr[data-field=main_business]")
    assert row.locator("del").inner_text() == "工艺放大"
    assert row.locator("ins").inner_text() == "抗体药物 200L 工艺放大与小批量试生产"
    page.select_option("select[name=decision]", "approve")
    page.click("#review-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert PlatformChangeRequest.objects.get(platform=platform).status == ChangeRequestStatus.APPROVED

    page.context.clear_cookies()
    try:
        detail = reverse("platforms:detail", kwargs={"pk": platform.pk})
    except NoReverseMatch:
        # TODO(merge with reg-dir): the public detail page `platforms:detail` is built on another
        # branch; once merged, the branch below runs and checks the page itself.
        detail = None
    if detail is None:
        assert Platform.objects.get(pk=platform.pk).main_business == "抗体药物 200L 工艺放大与小批量试生产"
    else:
        page.goto(detail)
        assert "抗体药物 200L 工艺放大与小批量试生产" in page.locator("main").inner_text()
