import datetime

import pytest
from django.utils import timezone

from pilothub.platforms.models import ContactVisibility, PlatformStatus, TestService
from pilothub.testing.factories import UserFactory

from .factories import EquipmentFactory, make_platform, region

pytestmark = pytest.mark.django_db


def test_platform_list_shape_filters_and_pagination(client):
    today = timezone.localdate()
    first = make_platform(name="甲平台", region=region("110116"), industries=("hydrogen",),
                          service_types=("scale-up",), tier="national", equipment=2,
                          qualifications=(("CMA", today + datetime.timedelta(days=10)),
                                          ("CNAS", today - datetime.timedelta(days=10))))
    make_platform(name="乙平台", region=region("330402"))
    make_platform(name="丙草稿", status=PlatformStatus.DRAFT)
    body = client.get("/api/v1/platforms").json()
    assert body["count"] == 2
    assert [item["name"] for item in body["items"]] == ["乙平台", "甲平台"]
    item = body["items"][1]
    assert item["id"] == first.pk
    assert item["region"] == {"code": "110116", "name": "怀柔区"}
    assert item["industries"] == [{"code": "hydrogen", "name": "氢能"}]
    assert item["service_types"] == [{"code": "scale-up", "name": "工艺放大熟化"}]
    assert item["tier"] == "national" and item["tier_label"] == "国家级"
    assert item["valid_qualifications"] == ["CMA"]
    assert item["shareable_equipment_count"] == 2
    assert item["url"] == f"/platforms/{first.pk}/"
    assert set(item) >= {"longitude", "latitude", "operator", "main_business", "is_demo", "contacts"}
    for params, names in [({"region": "110000"}, ["甲平台"]), ({"industry": "new-energy"}, ["甲平台"]),
                          ({"service_type": "scale-up"}, ["甲平台"]), ({"tier": "national"}, ["甲平台"]),
                          ({"qualification": "CNAS"}, []), ({"shareable": "true"}, ["甲平台"]),
                          ({"q": "甲平台"}, ["甲平台"])]:
        got = client.get("/api/v1/platforms", params).json()
        assert [i["name"] for i in got["items"]] == names, params
        assert got["count"] == len(names)
    page = client.get("/api/v1/platforms", {"page": 2, "page_size": 1}).json()
    assert page["count"] == 2 and [i["name"] for i in page["items"]] == ["甲平台"]
    beyond = client.get("/api/v1/platforms", {"page": 9}).json()
    assert beyond == {"count": 2, "count_exact": True, "items": []}


def test_platform_list_rejects_bad_filters_with_the_error_body(client):
    response = client.get("/api/v1/platforms", {"tier": "gold"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_tier"
    response = client.get("/api/v1/platforms", {"region": "999999"})
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "region"
    assert client.get("/api/v1/platforms", {"page_size": 1000}).status_code == 422


def test_platform_detail_and_404(client):
    today = timezone.localdate()
    platform = make_platform(name="详情", experts=1, qualifications=(("CNAS", today - datetime.timedelta(days=1)),))
    EquipmentFactory(platform=platform, name="气相色谱仪")
    TestService.objects.create(platform=platform, name="VOC 检测", price=500, unit="样")
    body = client.get(f"/api/v1/platforms/{platform.pk}").json()
    assert body["name"] == "详情"
    assert body["qualifications"][0]["state"] == "expired"
    assert body["valid_qualifications"] == []
    assert [e["name"] for e in body["equipment"]] == ["气相色谱仪"]
    assert body["test_services"][0]["price"] == 500
    assert body["experts"] == [{"name": "专家0", "title": "研究员", "field": "药物制剂"}]
    draft = make_platform(status=PlatformStatus.WITHDRAWN)
    for pk in (draft.pk, 999999):
        response = client.get(f"/api/v1/platforms/{pk}")
        assert response.status_code == 404
        assert response.json() == {"error": {"code": "not_found", "field": None,
                                             "message_zh": "中试平台不存在或您无权查看",
                                             "message_en": "Platform does not exist or you may not see it"}}


def test_contacts_in_the_api_follow_visibility(client):
    public = make_platform(name="公开", contact_phone="0571-1", contact_visibility=ContactVisibility.PUBLIC)
    private = make_platform(name="登录可见", contact_phone="0571-2", contact_visibility=ContactVisibility.LOGGED_IN)
    anonymous = {i["name"]: i["contacts"] for i in client.get("/api/v1/platforms").json()["items"]}
    assert anonymous["公开"]["phone"] == "0571-1"
    assert anonymous["登录可见"] is None
    assert client.get(f"/api/v1/platforms/{private.pk}").json()["contacts"] is None
    client.force_login(UserFactory())
    logged_in = {i["name"]: i["contacts"] for i in client.get("/api/v1/platforms").json()["items"]}
    assert logged_in["登录可见"]["phone"] == "0571-2"
    assert client.get(f"/api/v1/platforms/{public.pk}").json()["contacts"]["phone"] == "0571-1"


def test_equipment_endpoint(client):
    huairou = make_platform(name="怀柔", region=region("110116"))
    jiaxing = make_platform(name="嘉兴", region=region("330402"))
    EquipmentFactory(platform=huairou, name="A 显微镜", shareable=True)
    EquipmentFactory(platform=huairou, name="B 冻干机", shareable=False)
    EquipmentFactory(platform=jiaxing, name="C 光谱仪", shareable=True)
    EquipmentFactory(platform=make_platform(status=PlatformStatus.DRAFT), name="D 草稿设备")
    body = client.get("/api/v1/equipment").json()
    assert body["count"] == 3
    assert set(body["items"][0]) >= {"id", "platform_id", "platform", "region", "name", "model", "shareable"}
    names = lambda params: [i["name"] for i in client.get("/api/v1/equipment", params).json()["items"]]  # noqa: E731
    assert names({"shareable": "true"}) == ["C 光谱仪", "A 显微镜"]
    assert names({"region": "110000"}) == ["A 显微镜", "B 冻干机"]
    assert names({"platform": jiaxing.pk}) == ["C 光谱仪"]


def test_test_services_endpoint(client):
    huairou = make_platform(name="怀柔", region=region("110116"))
    jiaxing = make_platform(name="嘉兴", region=region("330402"))
    TestService.objects.create(platform=huairou, name="盐雾试验", standard="GB/T 10125-2021", price=300, unit="样")
    TestService.objects.create(platform=jiaxing, name="拉伸试验", standard="GB/T 228.1-2021", price=200, unit="样")
    body = client.get("/api/v1/test-services").json()
    assert body["count"] == 2
    assert body["items"][0] == {"id": body["items"][0]["id"], "platform_id": jiaxing.pk, "platform": "嘉兴",
                                "region": "330402", "name": "拉伸试验", "standard": "GB/T 228.1-2021", "price": 200,
                                "unit": "样", "turnaround_days": None, "qualification_scope": ""}
    names = lambda params: [i["name"] for i in client.get("/api/v1/test-services", params).json()["items"]]  # noqa: E731
    assert names({"q": "盐雾"}) == ["盐雾试验"]
    assert names({"q": "10125"}) == ["盐雾试验"]
    assert names({"region": "330000"}) == ["拉伸试验"]
    assert names({"platform": huairou.pk}) == ["盐雾试验"]


def test_openapi_lists_the_registry_paths(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/platforms", "/api/v1/platforms/{platform_id}", "/api/v1/equipment",
            "/api/v1/test-services"} <= set(paths)
