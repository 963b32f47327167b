"""Write endpoints of the registry: operators' change requests and children, reviewers' decisions."""

from __future__ import annotations

import pytest

from pilothub.accounts.tokens import api_token_create
from pilothub.platforms.models import (
    ChangeRequestStatus,
    Equipment,
    Expert,
    Platform,
    PlatformChangeRequest,
    PlatformStatus,
    TestService,
)
from pilothub.testing.factories import operator, reviewer

from .factories_manage import operated_platform

pytestmark = pytest.mark.django_db


def _bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='test')[1]}"}


def test_change_request_by_token_then_reviewer_approves(client):
    user, platform = operated_platform(contact_phone="010-1")
    headers = _bearer(user)
    response = client.post(f"/api/v1/my/platforms/{platform.pk}/change-requests",
                           {"contact_phone": "010-69600000", "contact_visibility": "public"},
                           content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["applied"] is False
    change_id = body["change_request"]["id"]
    assert {row["field"]: (row["old"], row["new"]) for row in body["change_request"]["diff"]} == {
        "contact_phone": ("010-1", "010-69600000"), "contact_visibility": ("logged_in", "public")}
    assert Platform.objects.get(pk=platform.pk).contact_phone == "010-1"

    beijing = _bearer(reviewer("110000"))
    queue = client.get("/api/v1/platform-change-requests", **beijing).json()
    assert [item["id"] for item in queue["items"]] == [change_id]
    jiaxing = _bearer(reviewer("330400"))
    assert client.get("/api/v1/platform-change-requests", **jiaxing).json()["count"] == 0
    response = client.post(f"/api/v1/platform-change-requests/{change_id}/approve", {},
                           content_type="application/json", **jiaxing)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    response = client.post(f"/api/v1/platform-change-requests/{change_id}/approve", {},
                           content_type="application/json", **beijing)
    assert response.status_code == 200 and response.json()["status"] == ChangeRequestStatus.APPROVED
    assert Platform.objects.get(pk=platform.pk).contact_phone == "010-69600000"


def test_return_requires_a_reason_and_errors_are_shaped(client):
    user, platform = operated_platform()
    headers = _bearer(user)
    response = client.post(f"/api/v1/my/platforms/{platform.pk}/change-requests", {"tier": "national"},
                           content_type="application/json", **headers)
    assert response.status_code == 400
    assert response.json()["error"] == {"code": "not_editable", "field": "tier",
                                        "message_zh": "平台层级由认定结果决定，运营方不能修改",
                                        "message_en": "The tier comes from certification"}
    change_id = client.post(f"/api/v1/my/platforms/{platform.pk}/change-requests", {"address": "新址"},
                            content_type="application/json", **headers).json()["change_request"]["id"]
    huairou = _bearer(reviewer("110116"))
    response = client.post(f"/api/v1/platform-change-requests/{change_id}/return", {"reason": ""},
                           content_type="application/json", **huairou)
    assert response.status_code == 400 and response.json()["error"]["code"] == "reason_required"
    response = client.post(f"/api/v1/platform-change-requests/{change_id}/return", {"reason": "地址需与营业执照一致"},
                           content_type="application/json", **huairou)
    assert response.json()["review_note"] == "地址需与营业执照一致"
    # The operator cannot approve their own request.
    response = client.post(f"/api/v1/platform-change-requests/{change_id}/approve", {},
                           content_type="application/json", **headers)
    assert response.status_code in (403, 409)


def test_another_organisation_gets_403_or_404_and_nothing_changes(client):
    _, platform = operated_platform()
    _, draft = operated_platform(status=PlatformStatus.DRAFT)
    equipment = Equipment.objects.create(platform=platform, name="离心机")
    stranger = _bearer(operator("110116"))
    response = client.post(f"/api/v1/my/platforms/{platform.pk}/change-requests", {"name": "x"},
                           content_type="application/json", **stranger)
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    assert client.post(f"/api/v1/my/platforms/{draft.pk}/change-requests", {"name": "x"},
                       content_type="application/json", **stranger).status_code == 404
    assert client.put(f"/api/v1/my/platforms/{platform.pk}/equipment/{equipment.pk}", {"name": "改"},
                      content_type="application/json", **stranger).status_code == 403
    assert client.delete(f"/api/v1/my/platforms/{platform.pk}/equipment/{equipment.pk}",
                         **stranger).status_code == 403
    assert client.post(f"/api/v1/my/platforms/{platform.pk}/experts", {"name": "冒名"},
                       content_type="application/json", **stranger).status_code == 403
    # Someone else's equipment id under my own platform is a 404.
    mine_user, mine = operated_platform()
    assert client.delete(f"/api/v1/my/platforms/{mine.pk}/equipment/{equipment.pk}",
                         **_bearer(mine_user)).status_code == 404
    assert Equipment.objects.get(pk=equipment.pk).name == "离心机"
    assert not Expert.objects.exists() and not PlatformChangeRequest.objects.exists()
    assert client.post(f"/api/v1/my/platforms/{platform.pk}/change-requests", {"name": "x"},
                       content_type="application/json").status_code == 401


def test_children_crud(client):
    user, platform = operated_platform()
    headers = _bearer(user)
    base = f"/api/v1/my/platforms/{platform.pk}"
    response = client.post(f"{base}/test-services", {"name": "盐雾试验", "standard": "GB/T 10125-2021",
                                                     "price": 1200, "unit": "样品", "turnaround_days": 7,
                                                     "qualification_scope": "CNAS"},
                           content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    service_id = response.json()["id"]
    response = client.put(f"{base}/test-services/{service_id}", {"name": "盐雾试验", "price": 1500, "unit": "样品"},
                          content_type="application/json", **headers)
    assert response.status_code == 200 and response.json()["price"] == 1500
    response = client.put(f"{base}/test-services/{service_id}", {"name": "盐雾试验", "price": 1500},
                          content_type="application/json", **headers)
    assert response.status_code == 400 and response.json()["error"]["field"] == "unit"
    assert TestService.objects.get(pk=service_id).unit == "样品"
    assert [s["name"] for s in client.get(f"{base}/test-services", **headers).json()] == ["盐雾试验"]
    equipment = client.post(f"{base}/equipment", {"name": "三坐标测量机", "original_value": 1_800_000},
                            content_type="application/json", **headers).json()
    assert equipment["shareable"] is True
    assert client.delete(f"{base}/equipment/{equipment['id']}", **headers).status_code == 204
    assert not Equipment.objects.exists()
    expert = client.post(f"{base}/experts", {"name": "李教授", "title": "教授", "field": "精密测量"},
                         content_type="application/json", **headers)
    assert expert.status_code == 201 and Expert.objects.get().field == "精密测量"


def test_draft_create_edit_and_publication_by_session(client):
    user, _ = operated_platform()
    client.force_login(user)
    response = client.post("/api/v1/my/platforms", {
        "name": "嘉兴新能源中试平台", "region": "110116", "industries": ["new-materials"],
        "service_types": ["inspection-testing"], "qualifications": [{"kind": "CNAS", "number": "L9999",
                                                          "valid_until": "2030-01-01"}]},
        content_type="application/json")
    assert response.status_code == 201, response.content
    platform_id = response.json()["id"]
    assert response.json()["status"] == "draft"
    assert response.json()["values"]["qualifications"][0]["number"] == "L9999"
    response = client.post(f"/api/v1/my/platforms/{platform_id}/change-requests", {"main_business": "储能电池"},
                           content_type="application/json")
    assert response.status_code == 200 and response.json() == {"applied": True, "change_request": None}
    response = client.post(f"/api/v1/my/platforms/{platform_id}/publication", content_type="application/json")
    assert response.status_code == 201 and response.json()["kind"] == "publish"
    assert [p["id"] for p in client.get("/api/v1/my/platforms").json()].count(platform_id) == 1


def test_openapi_lists_the_write_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert set(paths["/api/v1/my/platforms/{platform_id}/equipment/{child_id}"]) == {"put", "delete"}
    assert set(paths["/api/v1/platform-change-requests/{change_request_id}/return"]) == {"post"}
    assert set(paths["/api/v1/my/platforms/{platform_id}/change-requests"]) == {"get", "post"}
    assert "contact_visibility" in schema["components"]["schemas"]["PlatformChangesIn"]["properties"]
