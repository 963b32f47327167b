"""The supply-list PDF as a background job (core.jobs) from the release page; the direct
download keeps working."""

from __future__ import annotations

import subprocess

import pytest
from django.test import override_settings
from django.urls import reverse

from pilothub.core.models import BackgroundJob
from pilothub.platforms import supply
from pilothub.platforms.demo import load_vocabularies
from pilothub.platforms.models import ContactVisibility
from pilothub.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def release(db):
    load_vocabularies()
    factories.PlatformFactory(name="怀柔平台甲", region=factories.region("110116"), contact_name="王工",
                              contact_phone="010-12345678", contact_visibility=ContactVisibility.LOGGED_IN)
    factories.PlatformFactory(name="海淀平台乙", region=factories.region("110108"))
    return supply.supply_list_publish(region_code="110000", actor=None)


def test_the_release_page_offers_the_job_for_large_releases_to_logged_in_users(client, release):
    detail = reverse("platforms:supply_list_detail", args=[release.pk])
    start = reverse("core:job_start", args=["supply_list_pdf"])
    client.force_login(factories.UserFactory())
    assert start not in client.get(detail).content.decode()  # 2 platforms: below the default 300
    with override_settings(PILOTHUB_SUPPLY_PDF_JOB_MIN_ROWS=2):
        body = client.get(detail).content.decode()
        assert start in body and f'name="release_id" value="{release.pk}"' in body
        assert reverse("platforms:supply_list_download", args=[release.pk, "pdf"]) in body  # still there
        client.logout()
        assert start not in client.get(detail).content.decode()


def test_the_pdf_job_makes_the_same_pdf_as_the_direct_download(client, release, tmp_path,
                                                                django_capture_on_commit_callbacks):
    user = factories.UserFactory()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:job_start", args=["supply_list_pdf"]), {"release_id": release.pk})
    job = BackgroundJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("core:job_detail", args=[job.pk])
    assert (job.status, job.steps_done, job.steps_total, job.requested_by) == ("done", 1, 1, user), job.error_zh
    assert (job.scope_region_path, job.scope_label) == ("/110000/", release.title)
    assert job.result_name == supply.supply_list_filename(release, ".pdf")
    download = client.get(reverse("core:job_download", args=[job.pk]))
    content = b"".join(download.streaming_content)
    assert download["Content-Type"] == "application/pdf" and content.startswith(b"%PDF")
    assert content == supply.supply_list_pdf(release, user=user)
    pdf = tmp_path / "list.pdf"
    pdf.write_bytes(content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    assert "怀柔平台甲" in text and "010-12345678" in text  # the requester is logged in: contacts shown
    direct = client.get(reverse("platforms:supply_list_download", args=[release.pk, "pdf"]))
    assert direct.status_code == 200 and direct.content.startswith(b"%PDF")


def test_a_pdf_job_for_a_missing_release_is_refused(client, release):
    client.force_login(factories.UserFactory())
    assert client.post(reverse("core:job_start", args=["supply_list_pdf"]), {"release_id": 987654}).status_code == 404
    assert client.post(reverse("core:job_start", args=["supply_list_pdf"]), {"release_id": "x"}).status_code == 400
    assert client.post(reverse("core:job_start", args=["supply_list_pdf"])).status_code == 400
    assert not BackgroundJob.objects.exists()
