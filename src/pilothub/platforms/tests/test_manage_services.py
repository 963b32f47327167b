"""The registry's editing workflow: change requests, review, history, permissions, atomicity."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from pilothub.core.errors import DomainError
from pilothub.core.models import AuditEvent, Notification
from pilothub.matching.models import IndexChange
from pilothub.platforms import services
from pilothub.platforms.models import (
    ChangeRequestKind,
    ChangeRequestStatus,
    Equipment,
    Industry,
    Platform,
    PlatformChangeRequest,
    PlatformFieldChange,
    PlatformStatus,
    Tier,
)
from pilothub.platforms.selectors_manage import (
    change_request_diff,
    change_request_queue,
    platform_get_for_manage,
)
from pilothub.testing.factories import OrganisationFactory, operator, reviewer

from .factories_manage import operated_platform

pytestmark = pytest.mark.django_db


def test_edit_of_published_platform_waits_for_review_then_applies(django_capture_on_commit_callbacks):
    user, platform = operated_platform(main_business="工艺放大")
    beijing = reviewer("110000")
    change = services.platform_edit(platform=platform, user=user, data={
        "main_business": "抗体药物工艺放大与小批量试生产", "industries": ["pharma-health", "new-materials"],
        "contact_visibility": "public"})
    assert change is not None and change.status == ChangeRequestStatus.SUBMITTED
    assert change.changes == {"main_business": "抗体药物工艺放大与小批量试生产",
                              "industries": ["new-materials", "pharma-health"], "contact_visibility": "public"}
    platform.refresh_from_db()
    assert platform.main_business == "工艺放大"  # the public keeps the approved version
    assert list(platform.industries.values_list("code", flat=True)) == ["pharma-health"]
    assert Notification.objects.filter(recipient=beijing, title__contains=platform.name).count() == 1

    diff = {row["field"]: (row["old_display"], row["new_display"]) for row in change_request_diff(change)}
    assert diff == {"industries": ("医药健康", "新材料、医药健康"),
                    "main_business": ("工艺放大", "抗体药物工艺放大与小批量试生产"),
                    "contact_visibility": ("仅登录用户可见", "公开")}

    with django_capture_on_commit_callbacks(execute=True):
        services.change_request_approve(change_request=change, reviewer=beijing)
    platform.refresh_from_db()
    assert platform.main_business == "抗体药物工艺放大与小批量试生产"
    assert platform.contact_visibility == "public"
    assert sorted(platform.industries.values_list("code", flat=True)) == ["new-materials", "pharma-health"]
    history = {row.field: (row.old, row.new, row.change_request_id, row.changed_by_id)
               for row in PlatformFieldChange.objects.filter(platform=platform)}
    assert history == {
        "main_business": ("工艺放大", "抗体药物工艺放大与小批量试生产", change.pk, user.pk),
        "industries": (["pharma-health"], ["new-materials", "pharma-health"], change.pk, user.pk),
        "contact_visibility": ("logged_in", "public", change.pk, user.pk)}
    assert list(IndexChange.objects.values_list("platform_id", flat=True)) == [platform.pk]
    assert Notification.objects.filter(recipient=user, title__startswith="中试平台信息变更已通过").count() == 1
    actions = list(AuditEvent.objects.filter(actor=beijing).order_by("id").values_list("action", flat=True))
    assert actions == ["update", "confirm_listing", "platform_change_approve"]
    change.refresh_from_db()
    assert platform.last_confirmed_at == change.reviewed_at  # an approved change restarts the freshness clock
    update = AuditEvent.objects.get(actor=beijing, action="update")
    assert update.before["main_business"] == "工艺放大"
    assert update.after["main_business"] == "抗体药物工艺放大与小批量试生产"


def test_return_needs_a_reason_and_changes_nothing():
    user, platform = operated_platform(name="原名称平台")
    change = services.platform_edit(platform=platform, user=user, data={"name": "新名称平台"})
    huairou = reviewer("110116")
    with pytest.raises(DomainError) as error:
        services.change_request_return(change_request=change, reviewer=huairou, reason="  ")
    assert error.value.code == "reason_required"
    services.change_request_return(change_request=change, reviewer=huairou, reason="名称与批复文件不一致，请核对")
    change.refresh_from_db()
    platform.refresh_from_db()
    assert (change.status, change.review_note) == (ChangeRequestStatus.RETURNED, "名称与批复文件不一致，请核对")
    assert platform.name == "原名称平台"
    assert not PlatformFieldChange.objects.filter(platform=platform).exists()
    assert Notification.objects.get(recipient=user).body == "退回原因：名称与批复文件不一致，请核对"
    with pytest.raises(DomainError) as error:
        services.change_request_approve(change_request=change, reviewer=huairou)
    assert error.value.code == "not_open"


def test_tier_and_status_are_not_operator_editable():
    user, platform = operated_platform(tier=Tier.MUNICIPAL)
    for field, value in (("tier", Tier.NATIONAL), ("status", PlatformStatus.WITHDRAWN)):
        with pytest.raises(DomainError) as error:
            services.platform_edit(platform=platform, user=user, data={field: value})
        assert (error.value.code, error.value.field) == ("not_editable", field)
    assert not PlatformChangeRequest.objects.exists()
    assert Platform.objects.get(pk=platform.pk).tier == Tier.MUNICIPAL


def test_reviewer_scope_beijing_covers_huairou_jiaxing_does_not():
    user, platform = operated_platform("110116")
    change = services.platform_edit(platform=platform, user=user, data={"address": "怀柔区雁栖湖"})
    beijing, jiaxing, haidian = reviewer("110000"), reviewer("330400"), reviewer("110108")
    assert list(change_request_queue(user=beijing)) == [change]
    assert list(change_request_queue(user=jiaxing)) == []
    assert list(change_request_queue(user=haidian)) == []
    for outsider in (jiaxing, haidian):
        with pytest.raises(DomainError) as error:
            services.change_request_approve(change_request=change, reviewer=outsider)
        assert error.value.status_code == 403
    with pytest.raises(DomainError) as error:
        change_request_queue(user=user)
    assert error.value.status_code == 403
    assert PlatformChangeRequest.objects.get(pk=change.pk).status == ChangeRequestStatus.SUBMITTED


def test_operator_of_another_organisation_cannot_touch_the_platform():
    _, platform = operated_platform()
    _, draft = operated_platform(status=PlatformStatus.DRAFT)
    stranger = operator("110116")
    with pytest.raises(DomainError) as error:
        platform_get_for_manage(platform_id=platform.pk, user=stranger)
    assert error.value.status_code == 403
    with pytest.raises(DomainError) as error:
        platform_get_for_manage(platform_id=draft.pk, user=stranger)
    assert error.value.status_code == 404
    with pytest.raises(DomainError) as error:
        services.platform_edit(platform=platform, user=stranger, data={"name": "抢注"})
    assert error.value.status_code == 403
    equipment = Equipment.objects.create(platform=platform, name="离心机")
    with pytest.raises(DomainError):
        services.platform_child_update(obj=equipment, user=stranger, kind="equipment", data={"name": "改名"})
    with pytest.raises(DomainError):
        services.platform_child_delete(obj=equipment, user=stranger, kind="equipment")
    assert Equipment.objects.get(pk=equipment.pk).name == "离心机"
    assert not PlatformChangeRequest.objects.exists()


def test_a_bad_change_changes_nothing_on_approval():
    user, platform = operated_platform(name="甲平台", address="原地址")
    change = services.platform_edit(platform=platform, user=user, data={
        "address": "新地址", "industries": ["new-materials"]})
    # The vocabulary changed after submission: the requested industry no longer exists.
    platform.industries.clear()
    Industry.objects.filter(code="new-materials").delete()
    platform.industries.set(["pharma-health"])
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError) as error:
        services.change_request_approve(change_request=change, reviewer=reviewer("110116"))
    assert error.value.code == "unknown_code"
    platform.refresh_from_db()
    assert platform.address == "原地址"
    assert list(platform.industries.values_list("code", flat=True)) == ["pharma-health"]
    assert PlatformChangeRequest.objects.get(pk=change.pk).status == ChangeRequestStatus.SUBMITTED
    assert not PlatformFieldChange.objects.exists()
    assert AuditEvent.objects.count() == events


def test_invalid_input_is_refused_at_submission():
    user, platform = operated_platform()
    bad = [({"longitude": 200}, "out_of_range"), ({"region": "999999"}, "unknown_region"),
           ({"contact_email": "not-an-email"}, "invalid"), ({"industries": ["no-such"]}, "unknown_code"),
           ({"qualifications": [{"kind": "CMA", "number": "X1", "valid_from": "2027-01-01",
                                 "valid_until": "2026-01-01"}]}, "invalid"),
           ({"qualifications": [{"kind": "CMA", "number": ""}]}, "required"),
           ({"name": "平台", "address": "x", "nonsense": 1}, "unknown_field")]
    for data, code in bad:
        with pytest.raises(DomainError) as error:
            services.platform_edit(platform=platform, user=user, data=data)
        assert error.value.code == code, data
    assert not PlatformChangeRequest.objects.exists()
    with pytest.raises(DomainError) as error:
        services.platform_edit(platform=platform, user=user, data={"name": platform.name})
    assert error.value.code == "no_changes"


def test_second_edit_amends_the_open_request_and_only_one_can_be_open():
    user, platform = operated_platform(address="旧地址", contact_name="张三")
    first = services.platform_edit(platform=platform, user=user, data={"address": "新地址"})
    second = services.platform_edit(platform=platform, user=user, data={"contact_name": "李四"})
    assert second is not None and second.pk == first.pk
    assert second.changes == {"address": "新地址", "contact_name": "李四"}
    assert second.base == {"address": "旧地址", "contact_name": "张三"}
    with pytest.raises(IntegrityError), transaction.atomic():
        PlatformChangeRequest.objects.create(platform=platform, submitted_by=user)
    services.change_request_withdraw(change_request=second, user=user)
    assert PlatformChangeRequest.objects.get(pk=first.pk).status == ChangeRequestStatus.WITHDRAWN


def test_qualifications_are_reviewed_and_replaced_as_a_set():
    user, platform = operated_platform()
    platform.qualifications.create(kind="CMA", number="OLD-1", valid_until="2025-12-31")
    change = services.platform_edit(platform=platform, user=user, data={"qualifications": [
        {"kind": "CNAS", "number": "L12345", "valid_from": "2024-01-01", "valid_until": "2030-01-01"},
        {"kind": "CMA", "number": "201601234567", "valid_until": "2029-06-30", "scope": "力学性能"}]})
    assert [q.number for q in platform.qualifications.all()] == ["OLD-1"]
    services.change_request_approve(change_request=change, reviewer=reviewer("110000"))
    rows = list(platform.qualifications.order_by("kind").values_list("kind", "number", "scope", "valid_until"))
    assert [(k, n, s, str(v)) for k, n, s, v in rows] == [
        ("CMA", "201601234567", "力学性能", "2029-06-30"), ("CNAS", "L12345", "", "2030-01-01")]
    row = PlatformFieldChange.objects.get(platform=platform, field="qualifications")
    assert row.old == [{"kind": "CMA", "number": "OLD-1", "scope": "", "valid_from": None,
                        "valid_until": "2025-12-31"}]


def test_new_platform_is_a_draft_edited_directly_until_publication_is_approved(django_capture_on_commit_callbacks):
    user = operated_platform()[0]
    with django_capture_on_commit_callbacks(execute=True):
        platform = services.platform_create(user=user, data={
            "name": "怀柔新材料中试平台", "region": "110116", "address": "怀柔区", "industries": ["new-materials"]})
    assert platform.status == PlatformStatus.DRAFT and platform.operator_id == user.organisation_id
    assert IndexChange.objects.filter(platform_id=platform.pk).count() == 1
    assert set(PlatformFieldChange.objects.filter(platform=platform).values_list("field", flat=True)) >= {
        "name", "region", "address", "industries"}
    with pytest.raises(DomainError) as error:
        services.platform_submit_for_publication(platform=platform, user=user)
    assert error.value.field == "main_business"
    assert services.platform_edit(platform=platform, user=user, data={
        "main_business": "新材料公斤级放大", "service_types": ["scale-up"]}) is None
    platform.refresh_from_db()
    assert platform.main_business == "新材料公斤级放大"  # drafts change at once
    request = services.platform_submit_for_publication(platform=platform, user=user)
    assert request.kind == ChangeRequestKind.PUBLISH
    with pytest.raises(DomainError) as error:
        services.platform_edit(platform=platform, user=user, data={"address": "别处"})
    assert error.value.code == "under_review"
    services.change_request_approve(change_request=request, reviewer=reviewer("110000"))
    platform.refresh_from_db()
    assert platform.status == PlatformStatus.PUBLISHED


def test_enterprise_users_and_unapproved_operators_cannot_create():
    from pilothub.testing.factories import UserFactory

    with pytest.raises(DomainError):
        services.platform_create(user=UserFactory(), data={"name": "x", "region": "110116"})
    pending = UserFactory(role="operator", organisation=OrganisationFactory(status="pending",
                                                                           kind="platform_operator"))
    with pytest.raises(DomainError):
        services.platform_create(user=pending, data={"name": "x", "region": "110116"})
    assert not Platform.objects.exists()


def test_children_are_edited_directly_with_history_audit_and_index(django_capture_on_commit_callbacks):
    user, platform = operated_platform()
    with django_capture_on_commit_callbacks(execute=True):
        service = services.platform_child_create(platform=platform, user=user, kind="test_service", data={
            "name": "拉伸性能测试", "standard": "GB/T 228.1-2021", "price": 800, "unit": "样品",
            "turnaround_days": 5, "qualification_scope": "CMA"})
    assert IndexChange.objects.filter(platform_id=platform.pk).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.platform_child_update(obj=service, user=user, kind="test_service", data={"price": 950})
    assert IndexChange.objects.filter(platform_id=platform.pk).count() == 2
    change = PlatformFieldChange.objects.get(object_type="test_service", field="price", action="update")
    assert (change.old, change.new, change.object_id, change.change_request_id) == (800, 950, service.pk, None)
    with pytest.raises(DomainError) as error:
        services.platform_child_update(obj=service, user=user, kind="test_service", data={"unit": ""})
    assert error.value.field == "unit"
    service.refresh_from_db()
    assert (service.price, service.unit) == (950, "样品")
    expert = services.platform_child_create(platform=platform, user=user, kind="expert",
                                            data={"name": "王工", "title": "正高级工程师"})
    services.platform_child_delete(obj=expert, user=user, kind="expert")
    deleted = PlatformFieldChange.objects.get(object_type="expert", action="delete")
    assert deleted.old == {"name": "王工", "title": "正高级工程师"}
    assert list(AuditEvent.objects.filter(object_type="platforms.expert").order_by("id")
                .values_list("action", flat=True)) == [
        "create", "delete"]
    assert not PlatformChangeRequest.objects.exists()  # children need no review (decision 0303)


def test_booked_equipment_cannot_be_deleted_only_deactivated():
    import datetime

    from django.utils import timezone

    from pilothub.bookings.models import Booking
    from pilothub.testing.factories import OrganisationFactory as Org

    user, platform = operated_platform()
    equipment = services.platform_child_create(platform=platform, user=user, kind="equipment",
                                               data={"name": "透射电镜"})
    start = timezone.now() + datetime.timedelta(days=3)
    Booking.objects.create(equipment=equipment, customer=Org(), start=start, end=start + datetime.timedelta(hours=2),
                           purpose="形貌表征")
    with pytest.raises(DomainError) as error:
        services.platform_child_delete(obj=equipment, user=user, kind="equipment")
    assert (error.value.code, error.value.status_code) == ("in_use", 409)
    assert Equipment.objects.filter(pk=equipment.pk).exists()
    assert not PlatformFieldChange.objects.filter(action="delete").exists()
    services.platform_child_update(obj=equipment, user=user, kind="equipment", data={"is_active": False})
    assert Equipment.objects.get(pk=equipment.pk).is_active is False


def test_every_step_of_the_workflow_is_audited():
    user, platform = operated_platform()
    huairou = reviewer("110116")
    first = services.platform_edit(platform=platform, user=user, data={"address": "一"})
    services.platform_edit(platform=platform, user=user, data={"contact_name": "二"})
    services.change_request_withdraw(change_request=first, user=user)
    second = services.platform_edit(platform=platform, user=user, data={"address": "三"})
    services.change_request_return(change_request=second, reviewer=huairou, reason="请补充门牌号")
    trail = list(AuditEvent.objects.filter(object_type="platforms.platformchangerequest").order_by("id")
                 .values_list("actor_username", "action", "object_id"))
    assert trail == [(user.username, "platform_change_submit", str(first.pk)),
                     (user.username, "platform_change_amend", str(first.pk)),
                     (user.username, "platform_change_withdraw", str(first.pk)),
                     (user.username, "platform_change_submit", str(second.pk)),
                     (huairou.username, "platform_change_return", str(second.pk))]
    assert AuditEvent.objects.get(action="platform_change_return").note == "请补充门牌号"
    assert AuditEvent.objects.filter(action="platform_change_submit").first().region_path == platform.region.path
