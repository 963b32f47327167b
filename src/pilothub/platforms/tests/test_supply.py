"""Supply lists: snapshot immutability, diff, downloads (PDF with Chinese text), pages and API."""

from __future__ import annotations

import datetime
import io
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from pilothub.core.errors import DomainError, PermissionDeniedError
from pilothub.platforms import supply
from pilothub.platforms.demo import load_vocabularies
from pilothub.platforms.exporting import HEADERS
from pilothub.platforms.models import (
    ContactVisibility,
    Platform,
    PlatformStatus,
    SupplyListImmutableError,
    SupplyListRelease,
)
from pilothub.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vocabulary(db):
    load_vocabularies()


@pytest.fixture
def beijing():
    hr = factories.PlatformFactory(name="怀柔平台甲", region=factories.region("110116"), contact_name="王工",
                                   contact_phone="010-1", contact_visibility=ContactVisibility.LOGGED_IN)
    hd = factories.PlatformFactory(name="海淀平台乙", region=factories.region("110108"), contact_name="李工",
                                   contact_phone="010-2", contact_visibility=ContactVisibility.PUBLIC)
    factories.PlatformFactory(name="嘉兴平台丙", region=factories.region("330402"))
    return hr, hd


def test_publish_snapshots_region_and_subregions(beijing):
    reviewer = factories.reviewer("110000")
    release = supply.supply_list_publish(region_code="110000", actor=reviewer, note="首期")
    assert release.sequence == 1 and release.platform_count == 2
    assert [e["row"]["平台名称"] for e in release.entries] == ["怀柔平台甲", "海淀平台乙"]
    assert release.title == (f"北京市中试平台供给清单（{release.release_date.year}年{release.release_date.month}月"
                             f"{release.release_date.day}日，第 1 期）")
    assert release.diff == {"first": True, "added": [], "removed": [], "changed": []}


def test_release_is_immutable_and_later_edits_do_not_change_it(beijing):
    hr, _hd = beijing
    release = supply.supply_list_publish(region_code="110000", actor=None)
    hr.main_business = "全新的主营业务"
    hr.save()
    stored = SupplyListRelease.objects.get(pk=release.pk)
    assert stored.entries[0]["row"]["主营业务"] == "工艺放大与小批量试生产"
    with pytest.raises(SupplyListImmutableError):
        stored.save()
    with pytest.raises(SupplyListImmutableError):
        SupplyListRelease.objects.filter(pk=release.pk).update(title="x")
    with pytest.raises(SupplyListImmutableError):
        stored.delete()
    with pytest.raises(SupplyListImmutableError):
        SupplyListRelease.objects.all().delete()


def test_diff_against_previous_release(beijing, client):
    hr, hd = beijing
    first = supply.supply_list_publish(region_code="110000", actor=None)
    hr.tier = "municipal"
    hr.address = "新地址"
    hr.save()
    hd.status = PlatformStatus.WITHDRAWN
    hd.save()
    new = factories.PlatformFactory(name="大兴平台丁", region=factories.region("110115"))
    second = supply.supply_list_publish(region_code="110000", actor=None)
    assert second.sequence == 2 and second.previous == first
    assert [(i["platform_id"], i["name"]) for i in second.diff["added"]] == [(new.pk, "大兴平台丁")]
    assert [(i["platform_id"], i["name"]) for i in second.diff["removed"]] == [(hd.pk, "海淀平台乙")]
    [changed] = second.diff["changed"]
    assert changed["platform_id"] == hr.pk and changed["fields"] == ["详细地址", "平台层级"]
    assert changed["before"]["平台层级"] == "培育" and changed["after"]["平台层级"] == "市级"
    page = client.get(reverse("platforms:supply_list_detail", args=[second.pk])).content.decode()
    assert "新增 1 个、移出 1 个、信息变更 1 个平台。" in page
    assert "怀柔平台甲（" in page and "：详细地址、平台层级</li>" in page


def test_publish_rules(beijing):
    with pytest.raises(PermissionDeniedError):
        supply.supply_list_publish(region_code="110000", actor=factories.reviewer("330400"))
    with pytest.raises(DomainError, match="release_date_future"):
        supply.supply_list_publish(region_code="110000", actor=None,
                                   release_date=datetime.date.today() + datetime.timedelta(days=2))
    with pytest.raises(DomainError, match="supply_list_empty"):
        supply.supply_list_publish(region_code="442000", actor=None)
    assert SupplyListRelease.objects.count() == 0


def test_excel_download_is_the_template_and_hides_private_contacts_from_visitors(client, beijing):
    release = supply.supply_list_publish(region_code="110000", actor=None)
    response = client.get(reverse("platforms:supply_list_download", args=[release.pk, "xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == HEADERS
    rows = {r[0]: dict(zip(HEADERS, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["怀柔平台甲"]["联系电话"] == "（登录后可见）"
    assert rows["海淀平台乙"]["联系电话"] == "010-2"
    client.force_login(factories.UserFactory())
    sheet = load_workbook(io.BytesIO(client.get(
        reverse("platforms:supply_list_download", args=[release.pk, "xlsx"])).content)).active
    assert sheet["L2"].value == "010-1"


def test_pdf_contains_chinese_text(client, beijing, tmp_path):
    release = supply.supply_list_publish(region_code="110000", actor=None)
    response = client.get(reverse("platforms:supply_list_download", args=[release.pk, "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    pdf = tmp_path / "list.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    assert "北京市中试平台供给清单" in text
    assert "怀柔平台甲" in text and "海淀平台乙" in text


def test_pages_and_api(client, beijing):
    release = supply.supply_list_publish(region_code="110000", actor=None)
    page = client.get(reverse("platforms:supply_lists"))
    assert page.status_code == 200 and release.title in page.content.decode()
    detail = client.get(reverse("platforms:supply_list_detail", args=[release.pk])).content.decode()
    assert "怀柔平台甲" in detail and "（登录后可见）" in detail
    body = client.get("/api/v1/supply-lists?region=110116").json()
    assert body == {"count": 0, "items": []}
    body = client.get("/api/v1/supply-lists?region=110000").json()
    assert body["count"] == 1 and body["items"][0]["id"] == release.pk and body["items"][0]["region"] == "110000"
    one = client.get(f"/api/v1/supply-lists/{release.pk}").json()
    assert [e["平台名称"] for e in one["entries"]] == ["怀柔平台甲", "海淀平台乙"]
    assert one["entries"][0]["联系电话"] == "（登录后可见）"
    assert one["diff"]["first"] is True
    assert client.get("/api/v1/supply-lists/999999").status_code == 404


def test_publish_page_for_reviewer(client, beijing):
    reviewer = factories.reviewer("110000")
    client.force_login(reviewer)
    response = client.post(reverse("platforms:supply_list_publish"),
                           {"region": "110000", "release_date": datetime.date.today().isoformat(), "note": "第一期"})
    release = SupplyListRelease.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("platforms:supply_list_detail",
                                                                          args=[release.pk])
    assert release.published_by == reviewer
    client.force_login(factories.UserFactory())
    assert client.get(reverse("platforms:supply_list_publish")).status_code == 403
    assert Platform.objects.count() == 3
