"""A reviewer imports a file with mistakes (errors listed, nothing imported), then a corrected one."""

from __future__ import annotations

import pytest

from pilothub.platforms.demo import load_vocabularies
from pilothub.platforms.models import Platform
from pilothub.testing import factories

from .io_helpers import GOOD, csv_bytes, row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_web_import_invalid_then_valid(page, login, tmp_path):
    load_vocabularies()
    factories.reviewer("110000", username="bj-reviewer")
    bad = tmp_path / "平台-有错误.csv"
    bad.write_bytes(csv_bytes([GOOD, row(平台名称="第二个平台", 平台层级="部级", 经度="东经116")]))
    good = tmp_path / "平台-已修正.csv"
    good.write_bytes(csv_bytes([GOOD, row(平台名称="第二个平台")]))

    login("bj-reviewer", "correct-horse-battery")
    page.goto("/platforms/io/")
    page.set_input_files("#import-form input[type=file]", str(bad))
    page.click("#import-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "发现 2 个问题，未导入任何数据" in page.locator("#import-errors-summary").inner_text()
    problems = page.locator("#import-problems tbody tr").all_inner_texts()
    assert len(problems) == 2
    assert problems[0].split("\t")[:2] == ["3", "经度"] and "不是数字" in problems[0]
    assert problems[1].split("\t")[:2] == ["3", "平台层级"] and "培育、市级、省级、国家级" in problems[1]
    assert Platform.objects.count() == 0

    page.goto("/platforms/io/")
    page.set_input_files("#import-form input[type=file]", str(good))
    page.click("#import-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "导入完成" in page.locator("#import-summary").inner_text()
    assert page.locator("[data-count=created]").inner_text() == "2"
    assert sorted(Platform.objects.values_list("name", flat=True)) == sorted([GOOD["平台名称"], "第二个平台"])
