"""Pages, API, scoping, snapshot and Excel export."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from pilothub.dashboard.models import DashboardSnapshot
from pilothub.dashboard.targets import all_targets, targets_for_region
from pilothub.platforms.models import PlatformStatus
from pilothub.testing import factories as f

pytestmark = pytest.mark.django_db


def test_targets_are_loaded_from_yaml():
    targets = {t.id: t for t in all_targets()}
    assert (targets["bj-national-2030"].value, targets["bj-national-2030"].deadline) == (10, 2030)
    assert (targets["bj-municipal-2030"].value, targets["bj-municipal-2030"].tier) == (50, "municipal")
    assert (targets["zs-provincial-2025"].value, targets["zs-provincial-2025"].deadline) == (1, 2025)
    zs = targets["zs-public-service-2027"]
    assert (zs.metric, zs.comparison, zs.value, zs.required, zs.deadline) == ("public_service", "gt", 30, 31, 2027)
    jx = targets["jx-provincial-2027"]
    assert (jx.value, jx.count_mode, jx.tiers_counted()) == (4, "at_or_above", ("provincial", "national"))
    assert targets["jx-national-2027"].value == 1
    assert all(t.citation for t in all_targets())
    assert {t.region for t in all_targets()} == {"110000", "442000", "330400"}
    assert [t.id for t in targets_for_region("330400")][:2] == ["jx-provincial-2027", "jx-national-2027"]


def test_page_shows_the_numbers_for_a_reviewer(client, world):
    client.force_login(f.reviewer("330400"))
    response = client.get(reverse("dashboard:region", args=["330400"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "嘉兴市中试数据看板" in html
    tiers = re.search(r'id="table-tiers".*?</table>', html, re.S).group(0)
    published = [p for p in world.platforms if p.region.path.startswith("/330000/330400/")
                 and p.status == PlatformStatus.PUBLISHED]
    provincial = sum(1 for p in published if p.tier == "provincial")
    assert re.search(rf"省级</th><td class=\"num\">{provincial}</td>", tiers)
    assert f'<td class="num">{len(published)}</td>' in tiers
    assert "数据截至" in html and 'id="dashboard-figures"' in html
    assert "<script>" not in html.replace('<script id="dashboard-figures" type="application/json">', "")
    assert 'style="' not in html and "onclick" not in html
    assert re.search(r"<caption>", html) and 'scope="col"' in html and 'scope="row"' in html
    assert "健康食品" in re.search(r'id="table-coverage".*?</table>', html, re.S).group(0)
    data = json.loads(re.search(r'<script id="dashboard-figures" type="application/json">(.*?)</script>',
                                html, re.S).group(1))
    assert data["total_platforms"] == len(published)


def test_home_shows_the_reviewers_region_or_the_selected_one(client, db):
    client.force_login(f.reviewer("330400"))
    assert "嘉兴市中试数据看板" in client.get(reverse("dashboard:home")).content.decode()
    response = client.get(reverse("dashboard:home") + "?region=330481")
    assert "海宁市中试数据看板" in response.content.decode()
    assert client.get(reverse("dashboard:home") + "?region=110000").status_code == 403


def test_selector_lists_region_and_sub_regions(client, db):
    client.force_login(f.reviewer("330400"))
    html = client.get(reverse("dashboard:region", args=["330400"])).content.decode()
    options = re.findall(r'<option value="(\d+)"', html)
    assert options[0] == "330400" and "330402" in options and "110000" not in options


def test_jiaxing_reviewer_cannot_read_beijing(client, db):
    client.force_login(f.reviewer("330400"))
    assert client.get(reverse("dashboard:region", args=["110000"])).status_code == 403
    assert client.get(reverse("dashboard:export", args=["110000"])).status_code == 403
    response = client.get("/api/v1/dashboard/110000")
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    assert client.get("/api/v1/dashboard/110000/tiers").status_code == 403
    assert not DashboardSnapshot.objects.filter(region_id="110000").exists()


def test_district_reviewer_cannot_read_the_city(client, db):
    client.force_login(f.reviewer("330402"))
    assert client.get("/api/v1/dashboard/330400").status_code == 403
    assert client.get("/api/v1/dashboard/330402").status_code == 200


def test_enterprise_and_anonymous_are_refused(client, db):
    assert client.get("/api/v1/dashboard/330400").status_code == 401
    client.force_login(f.UserFactory())
    assert client.get("/api/v1/dashboard/330400").status_code == 403
    assert client.get(reverse("dashboard:region", args=["330400"])).status_code == 403


def test_api_returns_the_same_figures(client, world):
    client.force_login(f.reviewer("330400"))
    body = client.get("/api/v1/dashboard/330400").json()
    published = [p for p in world.platforms if p.region.path.startswith("/330000/330400/")
                 and p.status == PlatformStatus.PUBLISHED]
    assert body["total_platforms"] == len(published)
    assert body["region"] == {"code": "330400", "name": "嘉兴市"}
    section = client.get("/api/v1/dashboard/330400/orders").json()
    assert set(section) == {"region", "as_of", "orders"}
    jx_ids = {p.pk for p in world.platforms if p.region.path.startswith("/330000/330400/")}
    expected = [o for o in world.orders if o.platform_id in jx_ids and o.status != "cancelled"]
    assert sum(row["orders"] for row in section["orders"]) == len(expected) == 6
    assert client.get("/api/v1/dashboard/330400/nonsense").status_code == 404
    codes = [row["code"] for row in client.get("/api/v1/dashboard/regions").json()]
    assert codes[0] == "330400" and "330481" in codes and "110000" not in codes


def test_admin_sees_every_region(client, db):
    client.force_login(f.admin())
    assert client.get("/api/v1/dashboard/110000").status_code == 200
    assert "北京市中试数据看板" in client.get(reverse("dashboard:home")).content.decode()


def test_snapshot_is_reused_until_stale_and_refresh_recomputes(client, world, settings):
    client.force_login(f.reviewer("330400"))
    first = client.get("/api/v1/dashboard/330400").json()
    f.PlatformFactory(region=f.region("330402"), tier="national")
    assert client.get("/api/v1/dashboard/330400").json()["total_platforms"] == first["total_platforms"]
    response = client.post(reverse("dashboard:refresh", args=["330400"]))
    assert response.status_code == 302
    after = client.get("/api/v1/dashboard/330400").json()
    assert after["total_platforms"] == first["total_platforms"] + 1 and after["as_of"] > first["as_of"]
    # a stale snapshot is recomputed on read
    DashboardSnapshot.objects.filter(region_id="330400").update(computed_at=timezone.now() - dt.timedelta(hours=2))
    f.PlatformFactory(region=f.region("330402"))
    assert client.get("/api/v1/dashboard/330400").json()["total_platforms"] == first["total_platforms"] + 2


def test_excel_export_holds_every_figure(client, world):
    client.force_login(f.reviewer("330400"))
    response = client.get(reverse("dashboard:export", args=["330400"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["平台层级", "目标进度", "层级趋势", "重点产业覆盖", "地区分布", "服务量", "需求对接",
                               "创新券", "政策资金"]
    tiers = book["平台层级"]
    assert tiers["A1"].value.startswith("嘉兴市（330400）") and tiers["A2"].value == "统计时间"
    values = {row[0]: row[1] for row in tiers.iter_rows(min_row=5, values_only=True)}
    assert values == {"培育": 1, "市级": 2, "省级": 2, "国家级": 1, "合计": 6}
    orders = {row[0]: row for row in book["服务量"].iter_rows(min_row=5, values_only=True)}
    assert orders[2025][1:] == (3, 2, 66.7, 150_000, 100_000)
    targets = {row[0]: row for row in book["目标进度"].iter_rows(min_row=5, values_only=True)}
    assert targets["浙江省中试平台（累计创建）"][1:4] == (4, 3, 1)
    assert targets["浙江省中试平台（累计创建）"][6] == "推进中" and targets["国家级中试平台"][6] == "已达成"
    coverage = [row for row in book["重点产业覆盖"].iter_rows(min_row=5, values_only=True)]
    assert ("未来产业", "氢能", 2) in [row[:3] for row in coverage]
    subsidies = {row[0]: row for row in book["政策资金"].iter_rows(min_row=5, values_only=True)}
    assert subsidies[2025][1:5] == (12_000_000, 4, 4_000_000, 3_000_000)


def test_public_summary_page_has_no_personal_data(client, world):
    response = client.get(reverse("dashboard:public", args=["330400"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "嘉兴市中试平台建设进展" in html and "浙江省中试平台（累计创建）" in html
    data = json.loads(re.search(r'<script id="dashboard-figures" type="application/json">(.*?)</script>',
                                html, re.S).group(1))
    assert set(data) == {"region", "as_of", "tiers", "total_platforms", "targets", "coverage", "districts"}
    for platform in world.platforms:
        assert platform.name not in html and platform.operator.name not in html
    assert client.get(reverse("dashboard:public", args=["330402"])).status_code == 404
