"""Browser flow: an operator writes with Quill, a reviewer of the region publishes, the public sees it."""

import pytest

from pilothub.content.models import Article, ArticleStatus
from pilothub.testing.factories import operator, reviewer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


def test_write_with_quill_review_and_publish(page, login):
    author = operator("110116", username="hr-operator")
    reviewer("110116", username="hr-reviewer")

    login("hr-operator", PASSWORD)
    page.goto("/content/write/solutions/")
    page.fill("input[name=title]", "纳米材料公斤级放大中试方案")
    editor = page.locator(".ql-editor")
    editor.click()
    page.keyboard.type("提供公斤级")
    page.keyboard.press("Control+b")
    page.keyboard.type("连续化制备")
    page.keyboard.press("Control+b")
    page.keyboard.type("与表征服务。")
    page.click("#article-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    article = Article.objects.get(author=author)
    assert article.body_html == "<p>提供公斤级<strong>连续化制备</strong>与表征服务。</p>"
    page.get_by_role("button", name="提交审核").click()
    page.wait_for_load_state("networkidle")
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.SUBMITTED

    page.context.clear_cookies()
    login("hr-reviewer", PASSWORD)
    page.goto("/content/mine/")
    page.get_by_role("link", name="纳米材料公斤级放大中试方案").click()
    page.select_option("select[name=decision]", "publish")
    page.get_by_role("button", name="提交审核结论").click()
    page.wait_for_load_state("networkidle")
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.PUBLISHED

    page.context.clear_cookies()
    page.goto("/content/solutions/")
    page.get_by_role("link", name="纳米材料公斤级放大中试方案").click()
    assert page.locator(".rich-text strong").inner_text() == "连续化制备"
    assert "与表征服务" in page.locator(".rich-text").inner_text()
