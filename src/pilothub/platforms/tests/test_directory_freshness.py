"""Freshness in the public registry (decision 0305): overdue listings are marked and ranked after
fresh ones; hidden listings leave the directory, the API and the detail page, and come back when
confirmed."""

import datetime

import pytest
from django.utils import timezone

from pilothub.platforms.freshness import platform_confirm_listing
from pilothub.platforms.models import PlatformStatus
from pilothub.testing.factories import PlatformFactory, operator

pytestmark = pytest.mark.django_db


def _confirmed(days_ago: int, **kwargs):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    return PlatformFactory(status=PlatformStatus.PUBLISHED, last_confirmed_at=when, created_at=when, **kwargs)


def test_overdue_listings_are_marked_and_ranked_after_fresh_ones(client):
    overdue = _confirmed(200, name="抗体偶联药物中试平台 A", main_business="抗体偶联药物工艺放大")
    fresh = _confirmed(10, name="抗体偶联药物中试平台 B", main_business="抗体偶联药物工艺放大")
    body = client.get("/platforms/?q=抗体偶联药物").content.decode()  # relevance: equal text, A first by name
    assert body.index(fresh.name) < body.index(overdue.name)
    assert body.count("信息待更新") == 1
    api = client.get("/api/v1/platforms?q=抗体偶联药物").json()
    assert [item["id"] for item in api["items"]] == [fresh.pk, overdue.pk]
    # An explicit sort by name is the user's order: the overdue listing is only marked.
    body = client.get("/platforms/?sort=name").content.decode()
    assert body.index(overdue.name) < body.index(fresh.name) and body.count("信息待更新") == 1


def test_hidden_listings_leave_the_public_registry_until_confirmed(client):
    visible = _confirmed(10, name="仍公开的平台")
    hidden = _confirmed(300, name="久未确认的平台")
    assert hidden.name not in client.get("/platforms/").content.decode()
    assert visible.name in client.get("/platforms/").content.decode()
    assert client.get(f"/platforms/{hidden.pk}/").status_code == 404
    assert client.get("/api/v1/platforms").json()["count"] == 1
    assert client.get(f"/api/v1/platforms/{hidden.pk}").status_code == 404

    user = operator("110116")
    hidden.operator = user.organisation
    hidden.save(update_fields=["operator"])
    platform_confirm_listing(platform=hidden, user=user)
    assert client.get(f"/platforms/{hidden.pk}/").status_code == 200
    assert client.get("/api/v1/platforms").json()["count"] == 2


def test_the_detail_page_shows_lines_responsiveness_and_the_report_link(client):
    platform = _confirmed(10)
    body = client.get(f"/platforms/{platform.pk}/").content.decode()
    assert f"/platforms/{platform.pk}/report/" in body
    assert "响应速度" in body


def _line(platform, litres: float, cleanroom: int | None = None):
    from pilothub.platforms.models import PilotLine

    return PilotLine.objects.create(platform=platform, name=f"{litres:g}L 发酵线", process_step="scale_up",
                                    scale_value=litres, scale_unit="L", scale_dimension="volume", scale_base=litres,
                                    cleanroom_class=cleanroom)


def test_directory_and_api_filter_by_pilot_line_capability(client):
    big = _confirmed(5, name="大规模发酵平台")
    small = _confirmed(5, name="小规模发酵平台")
    _line(big, 5000, cleanroom=7)
    _line(small, 200)
    body = client.get("/platforms/?process_step=scale_up&min_scale=2&unit=m3").content.decode()
    assert big.name in body and small.name not in body  # 2 m³ = 2000 L
    body = client.get("/platforms/?cleanroom=7").content.decode()
    assert big.name in body and small.name not in body
    api = client.get("/api/v1/platforms?min_scale=100&unit=L").json()
    assert sorted(item["id"] for item in api["items"]) == sorted([big.pk, small.pk])
    assert client.get("/api/v1/platforms?min_scale=1000&unit=L").json()["count"] == 1
    bad = client.get("/api/v1/platforms?min_scale=NaN&unit=L")
    assert bad.status_code == 400 and bad.json()["error"]["field"] == "min_scale"
    assert client.get(f"/api/v1/platforms/{big.pk}/capabilities").json()["lines"][0]["scale_base"] == 5000
