"""Operators edit pilot lines, hazard permits and accreditation scope items from 我的平台
(decision 0307): directly, validated in Chinese, audited, kept in the field history; bad input and
other organisations change nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from pilothub.core.errors import Conflict, DomainError, PermissionDeniedError
from pilothub.core.models import AuditEvent
from pilothub.platforms import services, services_capabilities
from pilothub.platforms.models import (
    AccreditationScopeItem,
    FieldChangeAction,
    HazardPermit,
    PilotLine,
    PlatformChangeRequest,
    PlatformFieldChange,
    Qualification,
)
from pilothub.platforms.services_capabilities import CapabilityAction
from pilothub.testing.factories import PlatformFactory, admin, operator, reviewer

from .factories_manage import operated_platform

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NEXT_YEAR = TODAY + datetime.timedelta(days=365)


def _history(platform, object_type):
    return {(c.action, c.field): (c.old, c.new)
            for c in PlatformFieldChange.objects.filter(platform=platform, object_type=object_type)}


def _cma(platform, number="231100000001", until=NEXT_YEAR, kind="CMA"):
    return Qualification.objects.create(platform=platform, kind=kind, number=number, valid_until=until)


def _nothing_written(platform):
    return (not PlatformFieldChange.objects.filter(platform=platform).exists()
            and not AuditEvent.objects.filter(object_type__in=["platforms.pilotline", "platforms.hazardpermit",
                                                               "platforms.accreditationscopeitem"]).exists())


# ---------------------------------------------------------------------- pilot lines (services)
def test_a_line_is_created_with_its_unit_parsed_history_and_audit():
    user, platform = operated_platform()
    line = services_capabilities.pilot_line_create(platform=platform, user=user, data={
        "name": "发酵中试线", "process_step": "scale_up", "scale_value": Decimal("2"), "scale_unit": "立方米",
        "cleanroom_class": 8, "gmp_status": "", "description": "", "is_active": True})
    line.refresh_from_db()
    assert (line.scale_dimension, line.scale_base) == ("volume", 2000.0)
    assert _history(platform, "pilot_line") == {
        ("create", "name"): (None, "发酵中试线"), ("create", "process_step"): (None, "scale_up"),
        ("create", "scale_value"): (None, "2"), ("create", "scale_unit"): (None, "立方米"),
        ("create", "cleanroom_class"): (None, 8), ("create", "is_active"): (None, True)}
    event = AuditEvent.objects.get(action=CapabilityAction.LINE_CREATE)
    assert (event.actor_id, event.object_id, event.after["scale_base"]) == (user.pk, str(line.pk), 2000.0)


def test_a_line_update_records_only_the_changed_fields():
    user, platform = operated_platform()
    line = services_capabilities.pilot_line_create(platform=platform, user=user, data={
        "name": "线", "process_step": "scale_up", "scale_value": Decimal("500"), "scale_unit": "L"})
    services_capabilities.pilot_line_update(line=line, user=user, data={
        "scale_value": Decimal("1"), "scale_unit": "吨", "is_active": False})
    line.refresh_from_db()
    assert (line.scale_dimension, line.scale_base, line.is_active) == ("mass", 1000.0, False)
    updates = {k: v for k, v in _history(platform, "pilot_line").items() if k[0] == "update"}
    assert updates == {("update", "scale_value"): ("500", "1"), ("update", "scale_unit"): ("L", "吨"),
                       ("update", "is_active"): (True, False)}


@pytest.mark.parametrize(("data", "message"), [
    ({"name": "线", "process_step": "scale_up", "scale_value": Decimal(5), "scale_unit": "桶"}, "不支持的规模单位：桶"),
    ({"name": "线", "process_step": "scale_up", "scale_value": Decimal(5), "scale_unit": ""}, "填写规模时请同时填写单位"),
    ({"name": "线", "process_step": "scale_up", "scale_unit": "L"}, "填写了单位时请同时填写规模"),
    ({"name": "线", "process_step": "scale_up", "scale_value": Decimal(-1), "scale_unit": "L"}, "规模须大于 0"),
    ({"name": "线", "process_step": "scale_up", "scale_value": Decimal("NaN"), "scale_unit": "L"}, "规模须大于 0"),
    ({"name": " ", "process_step": "scale_up"}, "请填写产线/工艺名称"),
    ({"name": "线", "process_step": "scale_up", "cleanroom_class": 12}, "洁净度等级须为 ISO 1–9"),
])
def test_bad_line_input_is_refused_in_chinese_and_changes_nothing(data, message):
    user, platform = operated_platform()
    with pytest.raises(DomainError) as error:
        services_capabilities.pilot_line_create(platform=platform, user=user, data=data)
    assert message in error.value.message_zh
    assert not PilotLine.objects.exists()
    assert _nothing_written(platform)


def test_a_bad_line_update_changes_nothing():
    user, platform = operated_platform()
    line = PilotLine.objects.create(platform=platform, name="线", process_step="scale_up", scale_value=Decimal(10),
                                    scale_unit="L", scale_dimension="volume", scale_base=10.0)
    with pytest.raises(DomainError):
        services_capabilities.pilot_line_update(line=line, user=user, data={"scale_value": Decimal(3),
                                                                           "scale_unit": "桶"})
    line.refresh_from_db()
    assert (line.scale_value, line.scale_unit, line.scale_base) == (Decimal(10), "L", 10.0)
    assert _nothing_written(platform)


def test_only_the_platforms_own_approved_operators_edit_its_capabilities():
    _user, platform = operated_platform()
    line = PilotLine.objects.create(platform=platform, name="线", process_step="scale_up")
    pending = operator()
    pending.organisation = platform.operator
    pending.save()
    platform.operator.status = "pending"
    platform.operator.save()
    for outsider in (operator(), reviewer("110000"), admin(), pending):
        with pytest.raises(PermissionDeniedError):
            services_capabilities.pilot_line_update(line=line, user=outsider, data={"name": "改"})
        with pytest.raises(PermissionDeniedError):
            services_capabilities.hazard_permit_create(platform=platform, user=outsider,
                                                       data={"kind": "hazchem_production"})
        with pytest.raises(PermissionDeniedError):
            services_capabilities.pilot_line_delete(line=line, user=outsider)
    line.refresh_from_db()
    assert line.name == "线"
    assert not HazardPermit.objects.exists()
    assert _nothing_written(platform)


def test_line_delete_keeps_its_permits_and_the_history():
    user, platform = operated_platform()
    line = services_capabilities.pilot_line_create(platform=platform, user=user, data={
        "name": "硝化中试线", "process_step": "process_validation"})
    permit = services_capabilities.hazard_permit_create(platform=platform, user=user, data={
        "kind": "key_hazard_process", "line": line.pk, "processes": "硝化工艺"})
    services_capabilities.pilot_line_delete(line=line, user=user)
    permit.refresh_from_db()
    assert permit.line_id is None
    deleted = PlatformFieldChange.objects.get(object_type="pilot_line", action=FieldChangeAction.DELETE)
    assert (deleted.object_id, deleted.object_label, deleted.old) == (
        line.pk, "硝化中试线", {"name": "硝化中试线", "process_step": "process_validation", "is_active": True})
    assert AuditEvent.objects.filter(action="delete", note=CapabilityAction.LINE_DELETE,
                                     object_id=str(line.pk)).count() == 1


# ---------------------------------------------------------------------- hazard permits (services)
def test_a_permit_is_created_with_its_line_dates_history_and_audit():
    user, platform = operated_platform()
    line = PilotLine.objects.create(platform=platform, name="加氢中试线", process_step="scale_up")
    permit = services_capabilities.hazard_permit_create(platform=platform, user=user, data={
        "kind": "key_hazard_process", "line": line.pk, "processes": "加氢工艺", "number": "WH-2026-01",
        "issued_on": "2026-01-10", "valid_until": datetime.date(2029, 1, 9)})
    permit.refresh_from_db()
    assert (permit.line, permit.issued_on, permit.valid_until) == (line, datetime.date(2026, 1, 10),
                                                                   datetime.date(2029, 1, 9))
    assert _history(platform, "hazard_permit") == {
        ("create", "kind"): (None, "key_hazard_process"), ("create", "line"): (None, "加氢中试线"),
        ("create", "processes"): (None, "加氢工艺"), ("create", "number"): (None, "WH-2026-01"),
        ("create", "issued_on"): (None, "2026-01-10"), ("create", "valid_until"): (None, "2029-01-09")}
    assert PlatformFieldChange.objects.filter(object_type="hazard_permit").first().object_label == \
        "重点监管危险化工工艺 WH-2026-01"
    assert AuditEvent.objects.get(action=CapabilityAction.PERMIT_CREATE).object_id == str(permit.pk)


@pytest.mark.parametrize(("data", "message"), [
    ({"kind": "hazchem_use", "issued_on": "2026-05-01", "valid_until": "2026-04-30"}, "有效期至不能早于发证日期"),
    ({"kind": "other", "number": "X-1"}, "选择“其他许可”时请填写许可工艺/范围"),
    ({"kind": "licence"}, "许可类型不正确"),
    ({"kind": "hazchem_use", "valid_until": "2026-13-01"}, "日期格式不正确"),
    ({"kind": "hazchem_use", "line": "FOREIGN"}, "所选产线不属于本平台"),
])
def test_bad_permit_input_is_refused_in_chinese_and_changes_nothing(data, message):
    user, platform = operated_platform()
    foreign = PilotLine.objects.create(platform=PlatformFactory(), name="别家的线", process_step="scale_up")
    if data.get("line") == "FOREIGN":
        data = {**data, "line": foreign.pk}
    with pytest.raises(DomainError) as error:
        services_capabilities.hazard_permit_create(platform=platform, user=user, data=data)
    assert message in error.value.message_zh
    assert not HazardPermit.objects.exists()
    assert _nothing_written(platform)


def test_a_bad_permit_update_changes_nothing():
    user, platform = operated_platform()
    permit = HazardPermit.objects.create(platform=platform, kind="hazchem_use", issued_on=datetime.date(2026, 1, 1),
                                         valid_until=datetime.date(2028, 12, 31))
    with pytest.raises(DomainError):
        services_capabilities.hazard_permit_update(permit=permit, user=user,
                                                   data={"valid_until": datetime.date(2025, 12, 31)})
    permit.refresh_from_db()
    assert permit.valid_until == datetime.date(2028, 12, 31)
    assert _nothing_written(platform)


def test_expiring_a_permit_ends_it_yesterday_and_keeps_the_record():
    user, platform = operated_platform()
    permit = HazardPermit.objects.create(platform=platform, kind="radiation", number="辐安许-01",
                                         issued_on=datetime.date(2024, 3, 1))
    assert permit.is_valid_on(datetime.date(2026, 12, 7))
    services_capabilities.hazard_permit_expire(permit=permit, user=user, today=datetime.date(2026, 12, 7))
    permit.refresh_from_db()
    assert permit.valid_until == datetime.date(2026, 12, 6)
    assert not permit.is_valid_on(datetime.date(2026, 12, 7))
    assert _history(platform, "hazard_permit") == {("update", "valid_until"): (None, "2026-12-06")}
    assert AuditEvent.objects.filter(action=CapabilityAction.PERMIT_EXPIRE, object_id=str(permit.pk)).count() == 1
    with pytest.raises(Conflict) as error:  # already ended
        services_capabilities.hazard_permit_expire(permit=permit, user=user, today=datetime.date(2026, 12, 7))
    assert error.value.code == "already_expired"
    fresh = HazardPermit.objects.create(platform=platform, kind="radiation", issued_on=datetime.date(2026, 12, 7))
    with pytest.raises(Conflict) as error:  # issued today: cannot have ended yesterday
        services_capabilities.hazard_permit_expire(permit=fresh, user=user, today=datetime.date(2026, 12, 7))
    assert error.value.code == "not_yet_in_force"
    fresh.refresh_from_db()
    assert fresh.valid_until is None


def test_the_public_capabilities_api_computes_permit_validity_from_the_dates(client):
    user, platform = operated_platform()
    services_capabilities.hazard_permit_create(platform=platform, user=user, data={
        "kind": "hazchem_production", "number": "A", "valid_until": TODAY - datetime.timedelta(days=1)})
    services_capabilities.hazard_permit_create(platform=platform, user=user, data={
        "kind": "hazchem_use", "number": "B", "issued_on": TODAY + datetime.timedelta(days=3)})
    services_capabilities.hazard_permit_create(platform=platform, user=user, data={
        "kind": "precursor", "number": "C", "issued_on": TODAY, "valid_until": TODAY})
    body = client.get(f"/api/v1/platforms/{platform.pk}/capabilities").json()
    assert {p["number"]: p["valid"] for p in body["hazard_permits"]} == {"A": False, "B": False, "C": True}


# ---------------------------------------------------------------------- accreditation scope items (services)
def test_a_scope_item_is_created_under_a_cma_of_the_same_platform():
    user, platform = operated_platform()
    cma = _cma(platform)
    item = services_capabilities.scope_item_create(platform=platform, user=user, data={
        "qualification": cma.pk, "category": " 水质 ", "parameter": "化学需氧量", "standard": "HJ 828-2017"})
    assert (item.qualification, item.category) == (cma, "水质")
    assert _history(platform, "scope_item") == {
        ("create", "qualification"): (None, "CMA 231100000001"), ("create", "category"): (None, "水质"),
        ("create", "parameter"): (None, "化学需氧量"), ("create", "standard"): (None, "HJ 828-2017")}
    assert AuditEvent.objects.get(action=CapabilityAction.SCOPE_CREATE).object_id == str(item.pk)


@pytest.mark.parametrize(("case", "message"), [
    ("foreign", "所选资质不属于本平台"),
    ("other_kind", "认可范围条目只能填报在 CMA 或 CNAS 资质下"),
    ("no_category", "请填写检测对象/类别"),
    ("missing", "所选资质不属于本平台"),
    ("duplicate", "该资质下已有相同的认可范围条目"),
])
def test_bad_scope_items_are_refused_in_chinese_and_change_nothing(case, message):
    user, platform = operated_platform()
    cma = _cma(platform)
    existing = AccreditationScopeItem.objects.create(qualification=cma, category="水质", parameter="pH值")
    qualification = {"foreign": _cma(PlatformFactory(), "999"), "other_kind": _cma(platform, "X", kind="other"),
                     }.get(case, cma)
    data = {"qualification": qualification.pk, "category": "" if case == "no_category" else "水质",
            "parameter": "pH值" if case == "duplicate" else "溶解氧"}
    if case == "missing":
        data["qualification"] = 987654
    with pytest.raises(DomainError) as error:
        services_capabilities.scope_item_create(platform=platform, user=user, data=data)
    assert message in error.value.message_zh
    assert list(AccreditationScopeItem.objects.all()) == [existing]
    assert _nothing_written(platform)


def test_scope_item_update_and_delete_are_recorded_and_outsiders_refused():
    user, platform = operated_platform()
    cma, cnas = _cma(platform), _cma(platform, "CNAS L1234", kind="CNAS")
    item = AccreditationScopeItem.objects.create(qualification=cma, category="水质", parameter="pH值")
    with pytest.raises(PermissionDeniedError):
        services_capabilities.scope_item_update(item=item, user=operator(), data={"category": "土壤"})
    with pytest.raises(PermissionDeniedError):
        services_capabilities.scope_item_delete(item=item, user=operator())
    assert _nothing_written(platform)
    services_capabilities.scope_item_update(item=item, user=user, data={"qualification": cnas.pk,
                                                                       "category": "土壤"})
    item.refresh_from_db()
    assert (item.qualification, item.category) == (cnas, "土壤")
    assert {k: v for k, v in _history(platform, "scope_item").items() if k[0] == "update"} == {
        ("update", "qualification"): ("CMA 231100000001", "CNAS CNAS L1234"), ("update", "category"): ("水质", "土壤")}
    services_capabilities.scope_item_delete(item=item, user=user)
    assert not AccreditationScopeItem.objects.exists()
    assert PlatformFieldChange.objects.filter(object_type="scope_item", action="delete").count() == 1


def test_scope_items_survive_an_approved_change_of_their_qualifications_dates():
    """Qualifications are replaced as a set when a change request is approved; a certificate that
    stays (same kind and number) keeps its row, so its scope items are not lost."""
    user, platform = operated_platform()
    kept = _cma(platform, "231100000001", until=datetime.date(2027, 1, 1))
    dropped = _cma(platform, "231100000002", until=datetime.date(2027, 1, 1))
    AccreditationScopeItem.objects.create(qualification=kept, category="水质", parameter="pH值")
    AccreditationScopeItem.objects.create(qualification=dropped, category="土壤", parameter="铅")
    change = services.platform_edit(platform=platform, user=user, data={"qualifications": [
        {"kind": "CMA", "number": "231100000001", "valid_until": "2030-01-01"},
        {"kind": "CNAS", "number": "L9999", "valid_until": "2030-01-01"}]})
    assert isinstance(change, PlatformChangeRequest)
    services.change_request_approve(change_request=change, reviewer=reviewer("110116"))
    kept.refresh_from_db()
    assert kept.valid_until == datetime.date(2030, 1, 1)
    assert [str(s) for s in AccreditationScopeItem.objects.all()] == ["水质 pH值"]
    assert sorted(platform.qualifications.values_list("kind", "number")) == [("CMA", "231100000001"),
                                                                              ("CNAS", "L9999")]


def test_direct_edits_do_not_confirm_the_listing():
    user, platform = operated_platform()
    confirmed = timezone.now() - datetime.timedelta(days=150)
    platform.last_confirmed_at = confirmed
    platform.save(update_fields=["last_confirmed_at"])
    line = services_capabilities.pilot_line_create(platform=platform, user=user,
                                                   data={"name": "线", "process_step": "scale_up"})
    services_capabilities.hazard_permit_create(platform=platform, user=user, data={"kind": "hazchem_use",
                                                                                   "line": line.pk})
    services_capabilities.scope_item_create(platform=platform, user=user, data={
        "qualification": _cma(platform).pk, "category": "水质"})
    platform.refresh_from_db()
    assert platform.last_confirmed_at == confirmed
    assert not AuditEvent.objects.filter(action="confirm_listing").exists()


# ---------------------------------------------------------------------- pages
def _url(name, platform, record=None):
    kwargs = {"pk": platform.pk} if record is None else {"pk": platform.pk, "record_id": record.pk}
    return reverse(f"platforms:{name}", kwargs=kwargs)


LINE_POST = {"name": "2000L 发酵线", "process_step": "scale_up", "scale_value": "2", "scale_unit": "m³",
             "cleanroom_class": "8", "gmp_status": "", "description": "", "is_active": "on"}


def test_the_manage_page_shows_the_capabilities_with_links(client):
    user, platform = operated_platform()
    PilotLine.objects.create(platform=platform, name="发酵中试线", process_step="scale_up")
    HazardPermit.objects.create(platform=platform, kind="hazchem_use", number="WH-7",
                                valid_until=TODAY - datetime.timedelta(days=1))
    AccreditationScopeItem.objects.create(qualification=_cma(platform), category="水质")
    client.force_login(user)
    html = client.get(reverse("platforms:manage", kwargs={"pk": platform.pk})).content.decode()
    for expected in ("发酵中试线", "危险化学品安全使用许可证 WH-7", f"已失效（{TODAY - datetime.timedelta(days=1):%Y-%m-%d}）",
                     "CMA 231100000001", "1 条认可范围", _url("manage_lines", platform),
                     _url("manage_permits", platform), _url("manage_scope", platform)):
        assert expected in html


def test_line_pages_create_refuse_bad_input_and_edit(client):
    user, platform = operated_platform()
    client.force_login(user)
    url = _url("manage_lines", platform)
    assert client.get(url).status_code == 200
    assert client.post(url, LINE_POST).status_code == 302
    line = PilotLine.objects.get()
    assert (line.scale_base, line.cleanroom_class, line.scale_unit) == (2000.0, 8, "m³")
    bad = client.post(url, {**LINE_POST, "name": "坏线", "scale_unit": "桶"})
    assert bad.status_code == 400
    assert "不支持的规模单位：桶" in bad.content.decode()
    assert PilotLine.objects.count() == 1
    edit = _url("manage_lines_edit", platform, line)
    assert client.get(edit).context["form"].initial["scale_unit"] == "m³"
    assert client.post(edit, {**LINE_POST, "scale_value": "-3"}).status_code == 400
    line.refresh_from_db()
    assert line.scale_base == 2000.0
    assert client.post(edit, {**LINE_POST, "scale_value": "500", "scale_unit": "升"}).status_code == 302
    line.refresh_from_db()
    assert (line.scale_value, line.scale_base) == (Decimal(500), 500.0)
    history = client.get(reverse("platforms:history", kwargs={"pk": platform.pk})).content.decode()
    assert "工艺放大" in history and "2000L 发酵线" in history  # choice labels, not codes


def test_permit_pages_create_refuse_bad_dates_edit_expire_and_delete(client):
    user, platform = operated_platform()
    line = PilotLine.objects.create(platform=platform, name="加氢线", process_step="scale_up")
    client.force_login(user)
    url = _url("manage_permits", platform)
    page = client.get(url)
    assert ("", "整个平台") in [(str(k), str(v)) for k, v in page.context["form"].fields["line"].choices]
    post = {"kind": "key_hazard_process", "line": str(line.pk), "processes": "加氢工艺", "number": "WH-1",
            "issued_on": "2026-01-01", "valid_until": "2030-12-31"}
    bad = client.post(url, {**post, "valid_until": "2025-12-31"})
    assert bad.status_code == 400 and "有效期至不能早于发证日期" in bad.content.decode()
    assert not HazardPermit.objects.exists()
    assert client.post(url, post).status_code == 302
    permit = HazardPermit.objects.get()
    assert (permit.line, permit.valid_until) == (line, datetime.date(2030, 12, 31))
    assert client.post(_url("manage_permits_edit", platform, permit), {**post, "number": "WH-2"}).status_code == 302
    permit.refresh_from_db()
    assert permit.number == "WH-2"
    assert client.post(_url("manage_permits_expire", platform, permit)).status_code == 302
    permit.refresh_from_db()
    assert permit.valid_until == TODAY - datetime.timedelta(days=1)
    assert "已失效" in client.get(url).content.decode()
    assert client.post(_url("manage_permits_delete", platform, permit)).status_code == 302
    assert not HazardPermit.objects.exists()


def test_scope_pages_create_refuse_a_foreign_qualification_edit_and_delete(client):
    user, platform = operated_platform()
    cma = _cma(platform)
    foreign = _cma(PlatformFactory(), "888")
    client.force_login(user)
    url = _url("manage_scope", platform)
    assert client.get(url).status_code == 200
    bad = client.post(url, {"qualification": str(foreign.pk), "category": "水质"})
    assert bad.status_code == 400
    assert not AccreditationScopeItem.objects.exists()
    assert client.post(url, {"qualification": str(cma.pk), "category": "水质", "parameter": "pH值",
                             "standard": "HJ 1147-2020"}).status_code == 302
    item = AccreditationScopeItem.objects.get()
    assert str(item) == "水质 pH值 HJ 1147-2020"
    edit = _url("manage_scope_edit", platform, item)
    assert client.post(edit, {"qualification": str(cma.pk), "category": ""}).status_code == 400
    assert client.post(edit, {"qualification": str(cma.pk), "category": "地表水",
                              "parameter": "pH值"}).status_code == 302
    item.refresh_from_db()
    assert (item.category, item.standard) == ("地表水", "")
    assert client.post(_url("manage_scope_delete", platform, item)).status_code == 302
    assert not AccreditationScopeItem.objects.exists()


def test_a_platform_without_cma_or_cnas_is_told_where_to_add_one(client):
    user, platform = operated_platform()
    _cma(platform, "OTHER-1", kind="other")
    client.force_login(user)
    response = client.get(_url("manage_scope", platform))
    assert response.status_code == 200
    assert "本平台还没有 CMA 或 CNAS 资质" in response.content.decode()
    assert 'id="capability-form"' not in response.content.decode()


def test_other_operators_are_refused_on_every_capability_page_and_change_nothing(client):
    _user, platform = operated_platform()
    line = PilotLine.objects.create(platform=platform, name="线", process_step="scale_up")
    permit = HazardPermit.objects.create(platform=platform, kind="hazchem_use", number="WH-1")
    item = AccreditationScopeItem.objects.create(qualification=_cma(platform), category="水质")
    client.force_login(operator("110108"))
    for name, record, data in (
            ("manage_lines", None, LINE_POST), ("manage_lines_edit", line, LINE_POST),
            ("manage_lines_delete", line, {}), ("manage_permits", None, {"kind": "hazchem_use"}),
            ("manage_permits_edit", permit, {"kind": "radiation"}), ("manage_permits_expire", permit, {}),
            ("manage_permits_delete", permit, {}),
            ("manage_scope", None, {"qualification": str(item.qualification_id), "category": "土壤"}),
            ("manage_scope_edit", item, {"qualification": str(item.qualification_id), "category": "土壤"}),
            ("manage_scope_delete", item, {})):
        url = _url(name, platform, record)
        assert client.post(url, data).status_code == 403, name
        if not name.endswith(("_delete", "_expire")):
            assert client.get(url).status_code == 403, name
    assert list(PilotLine.objects.values_list("name", flat=True)) == ["线"]
    assert list(HazardPermit.objects.values_list("kind", "number", "valid_until")) == [("hazchem_use", "WH-1", None)]
    assert list(AccreditationScopeItem.objects.values_list("category", flat=True)) == ["水质"]
    assert _nothing_written(platform)


def test_a_record_of_another_platform_is_not_found_through_ones_own(client):
    user, platform = operated_platform()
    other_line = PilotLine.objects.create(platform=PlatformFactory(), name="别家的线", process_step="scale_up")
    client.force_login(user)
    assert client.get(_url("manage_lines_edit", platform, other_line)).status_code == 404
    assert client.post(_url("manage_lines_delete", platform, other_line)).status_code == 404
    assert PilotLine.objects.filter(pk=other_line.pk).exists()


def test_the_public_page_shows_permits_and_the_scope_of_valid_accreditations_only(client):
    user, platform = operated_platform()
    valid, expired = _cma(platform), _cma(platform, "231100000009", until=TODAY - datetime.timedelta(days=1))
    AccreditationScopeItem.objects.create(qualification=valid, category="水质", parameter="化学需氧量")
    AccreditationScopeItem.objects.create(qualification=expired, category="土壤", parameter="镉")
    HazardPermit.objects.create(platform=platform, kind="key_hazard_process", processes="硝化工艺",
                                valid_until=TODAY - datetime.timedelta(days=1))
    HazardPermit.objects.create(platform=platform, kind="radiation", number="辐安许-9")
    html = client.get(reverse("platforms:detail", kwargs={"pk": platform.pk})).content.decode()
    assert "水质：化学需氧量" in html
    assert "镉" not in html  # an expired certificate's scope is not offered as a capability
    assert f"已失效（{TODAY - datetime.timedelta(days=1):%Y-%m-%d}）" in html and "硝化工艺" in html
    assert "辐安许-9" in html and "有效（长期）" in html
