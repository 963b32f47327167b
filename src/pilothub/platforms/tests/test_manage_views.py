"""Pages of the editing workflow: the operator's form round trip, the reviewer's queue and diff."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pilothub.platforms.models import (
    ChangeRequestStatus,
    Equipment,
    Platform,
    PlatformChangeRequest,
    PlatformFieldChange,
    PlatformStatus,
)
from pilothub.testing.factories import operator, reviewer

from .factories_manage import operated_platform

pytestmark = pytest.mark.django_db


def _post_data(platform: Platform, **overrides) -> dict:
    data = {"name": platform.name, "region": platform.region_id, "address": platform.address,
            "longitude": platform.longitude or "", "latitude": platform.latitude or "",
            "industries": list(platform.industries.values_list("code", flat=True)),
            "service_types": list(platform.service_types.values_list("code", flat=True)),
            "main_business": platform.main_business, "description": platform.description,
            "contact_name": platform.contact_name, "contact_phone": platform.contact_phone,
            "contact_email": platform.contact_email, "contact_visibility": platform.contact_visibility,
            "open_sharing": "on", "q-TOTAL_FORMS": "1", "q-INITIAL_FORMS": "0", "q-MIN_NUM_FORMS": "0",
            "q-MAX_NUM_FORMS": "1000",
            # The browser posts the blank extra row too.
            "q-0-kind": "", "q-0-number": "", "q-0-scope": "", "q-0-valid_from": "", "q-0-valid_until": ""}
    data.update(overrides)
    return data


def test_operator_edit_form_round_trip_creates_a_change_request(client):
    user, platform = operated_platform(main_business="工艺放大")
    client.force_login(user)
    page = client.get(reverse("platforms:manage_edit", kwargs={"pk": platform.pk}))
    assert page.status_code == 200
    assert page.context["form"].initial["main_business"] == "工艺放大"
    response = client.post(reverse("platforms:manage_edit", kwargs={"pk": platform.pk}), _post_data(
        platform, main_business="抗体工艺放大", contact_visibility="public", **{
            "q-0-kind": "CMA", "q-0-number": "201901234567", "q-0-valid_until": "2029-12-31"}))
    assert response.status_code == 302
    change = PlatformChangeRequest.objects.get(platform=platform)
    assert change.changes == {"main_business": "抗体工艺放大", "contact_visibility": "public", "qualifications": [
        {"kind": "CMA", "number": "201901234567", "scope": "", "valid_from": None, "valid_until": "2029-12-31"}]}
    assert Platform.objects.get(pk=platform.pk).main_business == "工艺放大"
    manage = client.get(reverse("platforms:manage", kwargs={"pk": platform.pk}))
    assert manage.context["pending"] == change
    assert [row["field"] for row in manage.context["pending_diff"]] == [
        "main_business", "contact_visibility", "qualifications"]
    # Editing again starts from what is under review.
    again = client.get(reverse("platforms:manage_edit", kwargs={"pk": platform.pk}))
    assert again.context["form"].initial["main_business"] == "抗体工艺放大"
    assert again.context["formset"].initial[0]["number"] == "201901234567"


def test_unchanged_qualifications_are_not_a_change(client):
    user, platform = operated_platform(address="旧址")
    platform.qualifications.create(kind="CNAS", number="L1234", valid_from="2024-01-01", valid_until="2030-01-01")
    client.force_login(user)
    page = client.get(reverse("platforms:manage_edit", kwargs={"pk": platform.pk}))
    assert 'value="L1234"' in page.content.decode()
    client.post(reverse("platforms:manage_edit", kwargs={"pk": platform.pk}), _post_data(platform, **{
        "address": "新址", "q-TOTAL_FORMS": "2", "q-INITIAL_FORMS": "1", "q-0-kind": "CNAS", "q-0-number": "L1234",
        "q-0-valid_from": "2024-01-01", "q-0-valid_until": "2030-01-01"}))
    assert PlatformChangeRequest.objects.get(platform=platform).changes == {"address": "新址"}


def test_form_errors_are_shown_and_nothing_is_saved(client):
    user, platform = operated_platform()
    client.force_login(user)
    response = client.post(reverse("platforms:manage_edit", kwargs={"pk": platform.pk}),
                           _post_data(platform, name=platform.name, address=platform.address))
    assert response.status_code == 400
    assert "没有修改" in response.content.decode()
    response = client.post(reverse("platforms:manage_edit", kwargs={"pk": platform.pk}), _post_data(
        platform, address="新址", **{"q-0-kind": "CMA", "q-0-number": "X", "q-0-valid_from": "2030-01-01",
                                     "q-0-valid_until": "2029-01-01"}))
    assert response.status_code == 400
    assert "有效期起晚于有效期至" in response.content.decode()
    assert not PlatformChangeRequest.objects.exists()


def test_new_platform_form_creates_a_draft_then_publication_request(client):
    user, _ = operated_platform()
    client.force_login(user)
    response = client.post(reverse("platforms:manage_new"), {
        "name": "怀柔精密仪器中试平台", "region": "110116", "address": "怀柔区", "industries": ["new-materials"],
        "service_types": ["inspection-testing"], "main_business": "精密仪器验证", "contact_visibility": "logged_in",
        "q-TOTAL_FORMS": "1", "q-INITIAL_FORMS": "0", "q-MIN_NUM_FORMS": "0", "q-MAX_NUM_FORMS": "1000"})
    platform = Platform.objects.get(name="怀柔精密仪器中试平台")
    assert response.status_code == 302 and platform.status == PlatformStatus.DRAFT
    client.post(reverse("platforms:manage_publish", kwargs={"pk": platform.pk}))
    change = PlatformChangeRequest.objects.get(platform=platform)
    assert change.kind == "publish"
    listing = client.get(reverse("platforms:manage_list")).content.decode()
    assert "怀柔精密仪器中试平台" in listing and "发布申请" in listing


def test_reviewer_queue_diff_and_approve(client):
    user, platform = operated_platform(address="旧地址")
    client.force_login(user)
    client.post(reverse("platforms:manage_edit", kwargs={"pk": platform.pk}), _post_data(platform, address="新地址"))
    change = PlatformChangeRequest.objects.get()

    client.force_login(reviewer("330400"))
    assert list(client.get(reverse("platforms:review_queue")).context["page"]) == []
    assert client.get(reverse("platforms:change_request", kwargs={"change_request_id": change.pk})).status_code == 404

    client.force_login(reviewer("110000"))
    queue = client.get(reverse("platforms:review_queue"))
    assert list(queue.context["page"]) == [change]
    detail = client.get(reverse("platforms:change_request", kwargs={"change_request_id": change.pk}))
    assert [(r["field"], r["old_display"], r["new_display"]) for r in detail.context["diff"]] == [
        ("address", "旧地址", "新地址")]
    assert detail.context["can_review"] is True
    response = client.post(reverse("platforms:change_request_review", kwargs={"change_request_id": change.pk}),
                           {"decision": "return", "reason": ""})
    assert response.status_code == 302
    assert PlatformChangeRequest.objects.get().status == ChangeRequestStatus.SUBMITTED
    client.post(reverse("platforms:change_request_review", kwargs={"change_request_id": change.pk}),
                {"decision": "approve", "reason": ""})
    assert Platform.objects.get(pk=platform.pk).address == "新地址"
    history = client.get(reverse("platforms:history", kwargs={"pk": platform.pk}))
    assert [(r["label"], r["old_display"], r["new_display"]) for r in history.context["rows"]] == [
        ("详细地址", "旧地址", "新地址")]


def test_operator_cannot_reach_another_organisations_platform(client):
    _, platform = operated_platform()
    _, draft = operated_platform(status=PlatformStatus.DRAFT)
    equipment = Equipment.objects.create(platform=platform, name="离心机")
    client.force_login(operator("110116"))
    assert client.get(reverse("platforms:manage_edit", kwargs={"pk": platform.pk})).status_code == 403
    assert client.get(reverse("platforms:manage_edit", kwargs={"pk": draft.pk})).status_code == 404
    assert client.get(reverse("platforms:history", kwargs={"pk": platform.pk})).status_code == 403
    assert client.post(reverse("platforms:child_delete", kwargs={
        "pk": platform.pk, "kind": "equipment", "child_id": equipment.pk})).status_code == 403
    assert client.get(reverse("platforms:review_queue")).status_code == 403
    assert Equipment.objects.filter(pk=equipment.pk).exists()


def test_child_form_creates_and_edits_equipment_directly(client):
    user, platform = operated_platform()
    client.force_login(user)
    url = reverse("platforms:child_new", kwargs={"pk": platform.pk, "kind": "equipment"})
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "扫描电子显微镜", "model": "SU5000", "original_value": "2000000",
                                 "shareable": "on", "is_active": "on"})
    assert response.status_code == 302
    equipment = Equipment.objects.get(platform=platform)
    assert (equipment.name, equipment.original_value, equipment.shareable) == ("扫描电子显微镜", 2_000_000, True)
    client.post(reverse("platforms:child_edit", kwargs={"pk": platform.pk, "kind": "equipment",
                                                        "child_id": equipment.pk}),
                {"name": "扫描电子显微镜", "model": "SU5000", "original_value": "2000000", "is_active": "on"})
    assert Equipment.objects.get(pk=equipment.pk).shareable is False
    assert PlatformFieldChange.objects.filter(object_type="equipment", field="shareable",
                                              old=True, new=False).count() == 1
    assert client.get(reverse("platforms:child_new", kwargs={"pk": platform.pk, "kind": "bogus"})).status_code == 404


def test_navigation_entries_by_role():
    from pilothub.core.navigation import navigation_for

    def labels(user) -> list[str]:
        return [str(item["label"]) for item in navigation_for(user, "/", group="work")]

    user, _ = operated_platform()
    assert "我的平台" in labels(user) and "平台变更审核" not in labels(user)
    beijing = reviewer("110000")
    assert "平台变更审核" in labels(beijing) and "我的平台" not in labels(beijing)


def _count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_queue_list_and_history_pages_use_a_constant_number_of_queries(client):
    from pilothub.platforms import services

    beijing = reviewer("110000")

    def submit(n: int) -> None:
        for i in range(n):
            user, platform = operated_platform(address=f"旧{i}")
            services.platform_edit(platform=platform, user=user, data={"address": f"新{i}"})

    submit(2)
    client.force_login(beijing)
    small = (_count_queries(client, reverse("platforms:review_queue")),
             _count_queries(client, "/api/v1/platform-change-requests"))
    submit(4)
    assert (_count_queries(client, reverse("platforms:review_queue")),
            _count_queries(client, "/api/v1/platform-change-requests")) == small
    user, platform = operated_platform()

    def edit(address: str, region: str) -> None:  # region and industry rows in the history
        change = services.platform_edit(platform=platform, user=user, data={
            "address": address, "region": region, "industries": ["new-materials"] if region == "110108" else []})
        services.change_request_approve(change_request=change, reviewer=beijing)

    for n in range(3):
        services.platform_child_create(platform=platform, user=user, kind="expert", data={"name": f"专家{n}"})
    edit("甲", "110108")
    client.force_login(user)
    few = (_count_queries(client, reverse("platforms:manage_list")),
           _count_queries(client, reverse("platforms:history", kwargs={"pk": platform.pk})))
    for n in range(5):
        services.platform_child_create(platform=platform, user=user, kind="expert", data={"name": f"新专家{n}"})
    services.platform_create(user=user, data={"name": "第二个平台", "region": "110116"})
    edit("丙", "110108")
    edit("丁", "110116")
    assert (_count_queries(client, reverse("platforms:manage_list")),
            _count_queries(client, reverse("platforms:history", kwargs={"pk": platform.pk}))) == few


def test_expired_qualifications_are_marked_as_expired():
    from pilothub.platforms.selectors_manage import display_value

    text = display_value("platform", "qualifications", [
        {"kind": "CMA", "number": "A1", "valid_from": None, "valid_until": "2020-01-01"},
        {"kind": "CNAS", "number": "L2", "valid_from": "2024-01-01", "valid_until": "2999-12-31"}])
    assert text == ("CMA 检验检测机构资质认定 A1（— 至 2020-01-01，已过期）；"
                    "CNAS 实验室认可 L2（2024-01-01 至 2999-12-31）")


def test_a_returned_request_is_offered_again_for_fixing(client):
    from pilothub.platforms import services

    user, platform = operated_platform(address="旧址")
    change = services.platform_edit(platform=platform, user=user, data={"address": "新址（无门牌号）"})
    services.change_request_return(change_request=change, reviewer=reviewer("110116"), reason="请补充门牌号")
    client.force_login(user)
    page = client.get(reverse("platforms:manage_edit", kwargs={"pk": platform.pk}))
    assert page.context["form"].initial["address"] == "新址（无门牌号）"
    assert "请补充门牌号" in page.content.decode()
    client.post(reverse("platforms:manage_edit", kwargs={"pk": platform.pk}),
                _post_data(platform, address="新址 8 号"))
    resubmitted = PlatformChangeRequest.objects.get(status=ChangeRequestStatus.SUBMITTED)
    assert resubmitted.pk != change.pk and resubmitted.changes == {"address": "新址 8 号"}
    assert client.get(reverse("platforms:manage_edit", kwargs={"pk": platform.pk})).context["returned"] is None
