"""POST /api/v1/match: the contract, its errors, and what never appears."""

import pytest

from pilothub.matching.models import IndexChange, PassageEmbedding
from pilothub.platforms.models import Platform, PlatformStatus

from .factories import demo_platforms, platform

pytestmark = pytest.mark.django_db
URL = "/api/v1/match"


def post(client, body):
    return client.post(URL, body, content_type="application/json")


def test_results_are_ranked_with_chinese_reasons(client):
    platforms = demo_platforms()
    response = post(client, {"text": "我们有个ADC项目想做放大", "top": 3})
    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0]["platform_id"] == platforms["adc"].pk
    assert results[0]["name"] == "怀柔抗体偶联药物中试平台"
    assert set(results[0]) == {"platform_id", "name", "score", "reasons"}
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
    reasons = results[0]["reasons"]
    assert reasons[0] == "关键词匹配：adc、抗体偶联药物（由“adc”联想）、工艺放大熟化（由“放大”联想）"
    assert "相关设备：ADC偶联高活隔离器" in reasons
    assert "服务类型符合：工艺放大熟化" in reasons
    assert "位于北京市怀柔区" not in reasons and "所在地区：北京市怀柔区" in reasons


def test_region_means_the_region_and_everything_under_it(client):
    platforms = demo_platforms()
    beijing = post(client, {"text": "芯片", "region": "110000"}).json()["results"]
    assert [r["platform_id"] for r in beijing] == [platforms["chip_bj"].pk]
    assert "位于北京市海淀区（在所选地区范围内）" in beijing[0]["reasons"]
    jiaxing = post(client, {"text": "芯片", "region": "330400"}).json()["results"]
    assert [r["platform_id"] for r in jiaxing] == [platforms["chip"].pk]
    town = post(client, {"text": "材料拉伸", "region": "442000"}).json()["results"]
    assert [r["platform_id"] for r in town] == [platforms["materials"].pk]
    assert post(client, {"text": "芯片", "region": "110116"}).json()["results"] == []


def test_service_types_take_codes_or_chinese_names(client):
    platforms = demo_platforms()
    by_name = post(client, {"text": "芯片", "service_types": ["检验检测"]}).json()["results"]
    by_code = post(client, {"text": "芯片", "service_types": ["inspection-testing"]}).json()["results"]
    assert by_name == by_code
    assert by_name[0]["platform_id"] == platforms["chip"].pk and "服务类型符合：检验检测" in by_name[0]["reasons"]


def test_hidden_and_withdrawn_platforms_never_appear(client):
    demo_platforms()
    platform("怀柔抗体偶联药物草稿平台", main="抗体偶联药物 ADC", status=PlatformStatus.DRAFT)
    platform("怀柔抗体偶联药物下线平台", main="抗体偶联药物 ADC", status=PlatformStatus.WITHDRAWN)
    names = [r["name"] for r in post(client, {"text": "抗体偶联药物", "top": 50}).json()["results"]]
    assert names == ["怀柔抗体偶联药物中试平台"]


@pytest.mark.parametrize(("body", "status", "field", "code"), [
    ({"text": ""}, 400, "text", "text_required"),
    ({"text": "   "}, 400, "text", "text_required"),
    ({"text": "芯" * 2001}, 400, "text", "text_too_long"),
    ({"text": "芯片", "region": "999999"}, 400, "region", "unknown_region"),
    ({"text": "芯片", "top": 0}, 400, "top", "top_out_of_range"),
    ({"text": "芯片", "top": 51}, 400, "top", "top_out_of_range"),
    ({"text": "芯片", "service_types": ["不存在的服务"]}, 400, "service_types", "unknown_service_type"),
    ({"text": "芯片", "top": "many"}, 422, "top", "invalid"),
    ({}, 422, "text", "invalid"),
])
def test_bad_input_is_a_clear_error_naming_the_field_and_changes_nothing(client, body, status, field, code):
    demo_platforms()
    before = (Platform.objects.count(), PassageEmbedding.objects.count(), IndexChange.objects.count())
    response = post(client, body)
    assert response.status_code == status
    error = response.json()["error"]
    assert (error["code"], error["field"]) == (code, field)
    assert error["message_zh"] and error["message_en"]
    assert (Platform.objects.count(), PassageEmbedding.objects.count(), IndexChange.objects.count()) == before


def test_the_longest_allowed_text_and_top_50_are_accepted(client):
    demo_platforms()
    response = post(client, {"text": "芯片" * 1000, "top": 50})
    assert response.status_code == 200 and len(response.json()["results"]) >= 1


def test_the_endpoint_is_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "post" in schema["paths"]["/api/v1/match"]
