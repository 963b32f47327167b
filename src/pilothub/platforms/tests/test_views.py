import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from pilothub.platforms.models import ContactVisibility, PlatformStatus, TestService
from pilothub.testing.factories import UserFactory

from .factories import EquipmentFactory, make_platform, region

pytestmark = pytest.mark.django_db
DIRECTORY = "/platforms/"


def test_urls_have_the_names_other_apps_use():
    assert reverse("platforms:directory") == "/platforms/"
    assert reverse("platforms:map") == "/platforms/map/"
    assert reverse("platforms:map_data") == "/platforms/map/data/"
    assert reverse("platforms:detail", kwargs={"pk": 7}) == "/platforms/7/"


def test_directory_lists_filters_and_marks_demo_data(client):
    make_platform(name="怀柔演示平台", region=region("110116"), is_demo=True, industries=("hydrogen",))
    make_platform(name="嘉兴真实平台", region=region("330402"))
    response = client.get(DIRECTORY)
    assertContains(response, "怀柔演示平台")
    assertContains(response, "嘉兴真实平台")
    assertContains(response, "demo-mark", count=1)
    assertContains(response, "共 2 个平台")
    response = client.get(DIRECTORY, {"region": "110000"})
    assertContains(response, "怀柔演示平台")
    assertNotContains(response, "嘉兴真实平台")
    assertContains(response, '<option value="110116">　怀柔区（1）</option>', html=False)


def test_directory_search_and_no_results_state(client):
    make_platform(name="生物药平台", main_business="抗体偶联药物工艺开发")
    response = client.get(DIRECTORY, {"q": "抗体"})
    assertContains(response, "生物药平台")
    response = client.get(DIRECTORY, {"q": "航空发动机叶片"})
    assertContains(response, "没有找到符合条件的平台")
    assertNotContains(response, "生物药平台")


def test_directory_htmx_request_gets_only_the_results(client):
    make_platform(name="甲平台")
    response = client.get(DIRECTORY, {"q": "甲平台"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assertContains(response, "甲平台")
    assertNotContains(response, "<html")
    assertNotContains(response, 'id="directory-q"')


def test_directory_bad_filter_shows_an_error_not_a_crash(client):
    response = client.get(DIRECTORY, {"region": "999999"})
    assert response.status_code == 400
    assertContains(response, "未知的行政区划代码", status_code=400)


def test_directory_paginates(client):
    for n in range(23):
        make_platform(name=f"平台{n:02d}")
    first = client.get(DIRECTORY)
    assertContains(first, "平台00")
    assertNotContains(first, "平台20")
    assertContains(first, "第 1 / 2 页")
    second = client.get(DIRECTORY, {"page": 2})
    assertContains(second, "平台22")
    assertNotContains(second, "平台00")


def test_detail_shows_everything(client):
    today = timezone.localdate()
    platform = make_platform(name="详情平台", industries=("biologics",), service_types=("scale-up",),
                             qualifications=(("CMA", today + datetime.timedelta(days=90)),
                                             ("CNAS", today - datetime.timedelta(days=3))), experts=1,
                             tier="municipal", is_demo=True)
    EquipmentFactory(platform=platform, name="超高效液相色谱仪", shareable=True)
    EquipmentFactory(platform=platform, name="内部用冻干机", shareable=False)
    TestService.objects.create(platform=platform, name="细菌内毒素检查", standard="《中国药典》1143", price=600,
                               unit="批", turnaround_days=5, qualification_scope="CMA")
    response = client.get(reverse("platforms:detail", kwargs={"pk": platform.pk}))
    for text in ("详情平台", "生物药", "工艺放大熟化", "市级", "演示数据", "超高效液相色谱仪", "内部用冻干机",
                 "不对外共享", "细菌内毒素检查", "600 元/批", "5 天", "专家0", "药物制剂", "暂无评价", "已过期", "有效"):
        assertContains(response, text)
    shareable = platform.equipment.get(shareable=True)
    assertContains(response, reverse("bookings:equipment_detail", args=[shareable.pk]))
    assertContains(response, f"{reverse('demands:create')}?platform={platform.pk}")


def test_detail_of_unpublished_or_unknown_platform_is_404(client):
    draft = make_platform(name="草稿", status=PlatformStatus.DRAFT)
    assert client.get(reverse("platforms:detail", kwargs={"pk": draft.pk})).status_code == 404
    assert client.get(reverse("platforms:detail", kwargs={"pk": 999999})).status_code == 404


@pytest.mark.parametrize("visibility, anonymous_sees", [(ContactVisibility.PUBLIC, True),
                                                        (ContactVisibility.LOGGED_IN, False)])
def test_contacts_follow_the_operators_choice(client, visibility, anonymous_sees):
    platform = make_platform(contact_name="王工", contact_phone="010-61234567", contact_email="wang@example.cn",
                             contact_visibility=visibility)
    url = reverse("platforms:detail", kwargs={"pk": platform.pk})
    anonymous = client.get(url).content.decode()
    assert ("010-61234567" in anonymous) is anonymous_sees
    assert ("wang@example.cn" in anonymous) is anonymous_sees
    assert ("登录后查看联系方式" in anonymous) is not anonymous_sees
    client.force_login(UserFactory())
    logged_in = client.get(url)
    assertContains(logged_in, "010-61234567")
    assertContains(logged_in, "王工")


def test_map_page_and_data(client, settings):
    settings.PILOTHUB_MAP_TILE_URL = "https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=KEY&x={x}&y={y}&l={z}"
    make_platform(name="甲", longitude=116.63, latitude=40.32)
    page = client.get(reverse("platforms:map"))
    assertContains(page, "tianditu.gov.cn")
    assertContains(page, "platforms/map.js")
    assertNotContains(page, "<script>")
    data = client.get(reverse("platforms:map_data"), {"bbox": "116,40,117,41", "zoom": "12"}).json()
    assert data["mode"] == "points"
    assert data["points"][0][3] == "甲"
    wide = client.get(reverse("platforms:map_data"), {"zoom": "3"}).json()
    assert wide == {"mode": "grid", "count": 1, "cell": wide["cell"], "cells": [[40.32, 116.63, 1, wide["cells"][0][3]]]}
    bad = client.get(reverse("platforms:map_data"), {"bbox": "x"})
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "invalid_bbox"


def test_pages_have_no_inline_script_or_style(client):
    platform = make_platform(name="甲")
    for url in (DIRECTORY, reverse("platforms:map"), reverse("platforms:detail", kwargs={"pk": platform.pk})):
        html = client.get(url).content.decode()
        assert "style=" not in html
        assert " onclick=" not in html and " onchange=" not in html
        for chunk in html.split("<script")[1:]:
            head = chunk.split(">", 1)[0]
            assert "src=" in head or 'type="application/json"' in head, head
