"""In the browser, under the strict CSP: an administrator rebuilds the search index from the
maintenance page, and a running job's page follows its progress by htmx polling until it is done."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from pilothub.core.models import BackgroundJob, JobKind, JobStatus
from pilothub.testing import factories

from .test_security_csp_browser import _Watcher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_maintenance_rebuild_and_a_polled_job_page(page, login):
    factories.admin(username="ops-admin")
    factories.PlatformFactory(name="浏览器测试平台", region=factories.region("110116"))
    watcher = _Watcher(page)
    login("ops-admin", "correct-horse-battery")
    violations = watcher.visit("/maintenance/")
    page.click("#start-search-rebuild button")
    page.wait_for_load_state("networkidle")
    assert "任务已完成" in page.locator("#job-result").inner_text()  # eager: it ran in the request
    assert "平台数：1" in page.locator("#job-summary").inner_text()

    job = BackgroundJob.objects.create(kind=JobKind.MATCH_INDEX_REBUILD, requested_by=BackgroundJob.objects.get()
                                       .requested_by, status=JobStatus.RUNNING, steps_done=1, steps_total=4,
                                       step_message="读取平台 read platforms 1/4")
    violations += watcher.visit(f"/jobs/{job.pk}/")
    assert page.locator("#job-progress progress").get_attribute("value") == "25"
    BackgroundJob.objects.filter(pk=job.pk).update(steps_done=3, step_message="嵌入 embedded 3/4")
    page.wait_for_selector('#job-progress progress[value="75"]', timeout=10_000)  # the next poll (2 s)
    assert "嵌入 embedded 3/4" in page.locator("#job-progress").inner_text()
    job.result_file.save("r.txt", ContentFile(b"ok"), save=False)
    BackgroundJob.objects.filter(pk=job.pk).update(status=JobStatus.DONE, steps_done=4, result_file=job.result_file.name,
                                                   result_name="结果.txt", result_summary={"platforms": 1})
    page.wait_for_selector("#job-download", timeout=10_000)
    assert page.locator("#job-progress").get_attribute("hx-trigger") is None  # polling stopped
    assert page.evaluate("window.__cspViolations || []") == [] and watcher.console == []
    assert violations == []
