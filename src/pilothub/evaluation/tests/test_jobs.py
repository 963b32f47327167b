"""All result reports of an evaluation round as one ZIP, made by a background job (core.jobs)."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from pilothub.core.models import BackgroundJob
from pilothub.evaluation import services
from pilothub.evaluation.jobs import report_entry_name
from pilothub.testing.factories import EquipmentFactory, PlatformFactory, operator, region, reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored_round():
    jx = reviewer("330400")
    round_ = services.round_create(actor=jx, region_code="330400", year=2025,
                                   declaration_deadline=timezone.localdate() + datetime.timedelta(days=5))
    system = services.system_for_round(round_)
    values = {i.code: (True if i.rule["type"] == "boolean" else 5) for i in services.declarable_indicators(system)}
    for n, name in enumerate(["南湖中试平台", "秀洲/中试平台"]):
        op = operator("330402")
        platform = PlatformFactory(name=name, operator=op.organisation, region=region("330402"))
        EquipmentFactory(platform=platform, original_value=15_000_000 + n)
        declaration = services.declaration_save(actor=op, round_=round_, platform=platform,
                                                values={**values, "patents": 5 + n})
        services.declaration_submit(actor=op, declaration=declaration)
    services.round_score(actor=jx, round_=round_)
    return round_, jx


def test_the_zip_holds_one_pdf_per_result(client, scored_round, django_capture_on_commit_callbacks):
    round_, jx = scored_round
    results = list(round_.results.select_related("platform"))
    assert len(results) == 2
    client.force_login(jx)
    page = client.get(reverse("evaluation:round_detail", args=[round_.pk])).content.decode()
    assert reverse("core:job_start", args=["evaluation_round_reports"]) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:job_start", args=["evaluation_round_reports"]), {"round_id": round_.pk})
    job = BackgroundJob.objects.get()
    assert response.url == reverse("core:job_detail", args=[job.pk])
    assert (job.status, job.steps_done, job.steps_total, job.result_summary) == ("done", 2, 2, {"reports": 2}), \
        job.error_zh
    assert job.scope_region_path == round_.region.path and job.result_name == "嘉兴市-2025-年度效能评估报告.zip"
    download = client.get(reverse("core:job_download", args=[job.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    expected = sorted(report_entry_name(r) for r in results)
    assert sorted(archive.namelist()) == expected
    assert all(archive.read(name).startswith(b"%PDF-") for name in expected)
    xiuzhou = next(r for r in results if r.platform.name == "秀洲/中试平台")
    # "/" cannot make a folder inside the ZIP; the rank leads, the result id keeps names unique.
    assert f"{xiuzhou.rank_in_region:03d}-秀洲_中试平台-{xiuzhou.pk}.pdf" in archive.namelist()


def test_only_reviewers_of_the_region_and_admins_may_bundle_the_reports(client, scored_round):
    round_, _jx = scored_round
    start = reverse("core:job_start", args=["evaluation_round_reports"])
    for outsider in (reviewer("110000"), operator("330402")):
        client.force_login(outsider)
        assert client.post(start, {"round_id": round_.pk}).status_code == 404
    assert not BackgroundJob.objects.exists()
    client.force_login(reviewer("330402"))  # a county reviewer below the round's city: not in its scope
    assert client.post(start, {"round_id": round_.pk}).status_code == 404


def test_an_unscored_round_has_nothing_to_bundle(client):
    jx = reviewer("330400")
    round_ = services.round_create(actor=jx, region_code="330400", year=2025,
                                   declaration_deadline=timezone.localdate() + datetime.timedelta(days=5))
    client.force_login(jx)
    response = client.post(reverse("core:job_start", args=["evaluation_round_reports"]), {"round_id": round_.pk})
    assert response.status_code == 400 and "尚未评分" in response.content.decode()
    assert not BackgroundJob.objects.exists()
