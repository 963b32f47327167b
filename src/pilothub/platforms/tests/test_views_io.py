"""Import/export pages: permissions, background job with progress, errors listed, template download."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pilothub.platforms.demo import load_vocabularies
from pilothub.platforms.exporting import HEADERS
from pilothub.platforms.models import ImportJob, ImportJobStatus, Platform
from pilothub.testing import factories

from .io_helpers import GOOD, csv_bytes, row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vocabulary(db):
    load_vocabularies()


def upload(client, data: bytes, name: str = "p.csv", **extra):
    return client.post(reverse("platforms:io_import"),
                       {"file": SimpleUploadedFile(name, data), "coordinate_system": "wgs84", **extra})


def test_only_reviewers_and_admins_reach_the_page(client):
    client.force_login(factories.operator())
    assert client.get(reverse("platforms:io")).status_code == 403
    assert upload(client, csv_bytes([GOOD])).status_code == 403
    assert Platform.objects.count() == 0
    client.force_login(factories.reviewer("110000"))
    page = client.get(reverse("platforms:io"))
    assert page.status_code == 200 and "下载 Excel 模板" in page.content.decode()


def test_invalid_upload_lists_every_problem_and_imports_nothing(client, django_capture_on_commit_callbacks):
    client.force_login(factories.reviewer("110000"))
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, csv_bytes([GOOD, row(平台名称="乙", 平台层级="部级"), row(平台名称="丙", 经度="x")]))
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("platforms:io_job", args=[job.pk])
    assert job.status == ImportJobStatus.INVALID
    assert [(p["row"], p["column"]) for p in job.report["problems"]] == [(3, "平台层级"), (4, "经度")]
    page = client.get(response["Location"]).content.decode()
    assert "发现 2 个问题，未导入任何数据" in page and "不是有效的平台层级" in page and 'hx-trigger' not in page
    assert Platform.objects.count() == 0


def test_valid_upload_imports_and_reports_counts(client, django_capture_on_commit_callbacks):
    client.force_login(factories.reviewer("110000"))
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, csv_bytes([GOOD, row(平台名称="第二个")]))
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.DONE and (job.report["created"], job.report["updated"]) == (2, 0)
    assert job.rows_checked == job.rows_total == 2
    page = client.get(response["Location"]).content.decode()
    assert "导入完成" in page and '<span data-count="created">2</span>' in page
    assert Platform.objects.count() == 2


def test_progress_fragment_polls_until_finished(client):
    reviewer = factories.reviewer("110000")
    client.force_login(reviewer)
    job = ImportJob.objects.create(created_by=reviewer, filename="big.csv", content=b"", status=ImportJobStatus.CHECKING,
                                   rows_total=1000, rows_checked=400)
    fragment = client.get(reverse("platforms:io_job_progress", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and 'value="40"' in fragment and "已检查 400 / 1000 行" in fragment
    client.force_login(factories.reviewer("110000"))  # someone else's job
    assert client.get(reverse("platforms:io_job_progress", args=[job.pk])).status_code == 404


def test_oversized_upload_is_refused(client, settings):
    from pilothub.platforms import importing

    client.force_login(factories.admin())
    response = upload(client, b"x" * (importing.MAX_FILE_BYTES + 1))
    assert response.status_code == 400 and "文件过大" in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_template_download(client):
    response = client.get(reverse("platforms:io_template", args=["csv"]))
    assert response.status_code == 200
    assert next(csv.reader(io.StringIO(response.content.decode("utf-8-sig")))) == HEADERS
    assert client.get(reverse("platforms:io_template", args=["pdf"])).status_code == 404


def test_export_is_limited_to_the_reviewers_region(client):
    factories.PlatformFactory(name="怀柔平台", region=factories.region("110116"))
    client.force_login(factories.reviewer("330400"))
    response = client.get(reverse("platforms:io_export"), {"region": "110000", "file_format": "csv"})
    assert response.status_code == 302  # not in the reviewer's choices
    client.force_login(factories.reviewer("110000"))
    response = client.get(reverse("platforms:io_export"), {"region": "110000", "file_format": "csv"})
    assert response.status_code == 200 and "怀柔平台" in response.content.decode("utf-8-sig")
