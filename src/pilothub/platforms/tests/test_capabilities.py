"""Pilot-line capabilities: the requirement parser, units, directory filters, line writes and the
display of accreditations (an expired one is never shown as valid)."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template

from pilothub.core.errors import DomainError, PermissionDeniedError
from pilothub.core.models import AuditEvent
from pilothub.platforms import capabilities, services_capabilities
from pilothub.platforms.capabilities import parse_requirements
from pilothub.platforms.models import AccreditationScopeItem, PilotLine, Platform, Qualification
from pilothub.testing.factories import PlatformFactory, operator


# ---------------------------------------------------------------------- parser (no database)
@pytest.mark.parametrize(("text", "expected"), [
    ("需要 2000L 以上的发酵罐", [("volume", 2000.0)]),
    ("反应釜≥500 kg", [("mass", 500.0)]),
    ("单批不低于1.5吨", [("mass", 1500.0)]),
    ("至少 1万片 晶圆", [("count", 10000.0)]),
    ("5 m³以上的反应釜", [("volume", 5000.0)]),
    ("2,000 L以上", [("volume", 2000.0)]),
    ("洁净厂房 300 m2 以上", [("area", 300.0)]),
    ("500ml 以上 和 5 t以上", [("volume", 0.5), ("mass", 5000.0)]),
    ("大于 200 升", [("volume", 200.0)]),
    # Not minimums: a bare size, an upper bound, a word that only looks like a unit.
    ("需要做 200L 规模的工艺放大", []),
    ("10L 以下的小试", []),
    ("大于 3 tests", []),
    ("", []),
])
def test_scale_requirements(text, expected):
    assert [(s.dimension, s.minimum) for s in parse_requirements(text).scales] == expected


@pytest.mark.parametrize(("text", "cls"), [
    ("需要万级洁净车间", 7), ("十万级洁净区", 8), ("百级净化", 5), ("千级无尘室", 6), ("洁净度达到万级", 7),
    ("ISO 7级洁净室", 7), ("ISO 5", 5), ("C级洁净区灌装", 7), ("B级洁净区", 5),
    ("十万级洁净与百级净化", 5), ("万级产能的工厂", None), ("需要 2000L 以上", None),
])
def test_cleanroom_requirements(text, cls):
    assert parse_requirements(text).cleanroom_max_class == cls


def test_gmp_and_the_strictest_minimum_per_dimension():
    parsed = parse_requirements("GMP 车间，至少 500L，最好 2000L 以上")
    assert parsed.gmp is True
    assert parsed.min_scale() == {"volume": 2000.0}
    assert parsed.describe()[-1] == "GMP 条件"
    assert not parse_requirements("普通检测")


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (2, "m³", ("volume", 2000.0)), (500, "mL", ("volume", 0.5)), (3, "吨", ("mass", 3000.0)),
    (250, "g", ("mass", 0.25)), (120, "平方米", ("area", 120.0)), (10, "片", ("count", 10.0)),
])
def test_units_normalise_to_the_base_unit(value, unit, expected):
    assert capabilities.to_base(value, unit) == expected


def test_an_unknown_unit_is_a_domain_error():
    with pytest.raises(DomainError) as error:
        capabilities.to_base(1, "桶")
    assert error.value.code == "unknown_unit"


# ---------------------------------------------------------------------- filters and writes
def _line(platform, name, step="scale_up", value=None, unit="", cleanroom=None, gmp="", active=True):
    return services_capabilities.pilot_line_create(
        platform=platform, user=_owner(platform),
        data={"name": name, "process_step": step, "scale_value": Decimal(value) if value is not None else None,
              "scale_unit": unit, "cleanroom_class": cleanroom, "gmp_status": gmp, "is_active": active})


def _owner(platform):
    return platform.operator.members.filter(role="operator").first() or _make_owner(platform)


def _make_owner(platform):
    from pilothub.testing.factories import UserFactory

    return UserFactory(role="operator", organisation=platform.operator)


@pytest.fixture
def lines_world(db):
    big = PlatformFactory(name="大发酵")
    _line(big, "5 m³ 发酵中试线", value="5", unit="m³", cleanroom=8, gmp="inspected")
    small = PlatformFactory(name="小发酵")
    _line(small, "500L 发酵线", value="500", unit="L", cleanroom=7)
    _line(small, "小批量灌装线", step="small_batch", value="2", unit="t", cleanroom=7, gmp="designed")
    idle = PlatformFactory(name="停用")
    _line(idle, "停用 10 m³ 线", value="10", unit="m³", active=False)
    PlatformFactory(name="无产线")
    return {"big": big, "small": small, "idle": idle}


def names(qs):
    return sorted(qs.values_list("name", flat=True))


def test_filter_by_minimum_scale_in_any_unit(lines_world):
    qs = Platform.objects.all()
    assert names(capabilities.filter_platforms(qs, min_scale=2000, unit="L")) == ["大发酵"]
    assert names(capabilities.filter_platforms(qs, min_scale=Decimal("0.5"), unit="m³")) == ["大发酵", "小发酵"]
    assert names(capabilities.filter_platforms(qs, min_scale=2000, unit="kg")) == ["小发酵"]
    assert names(capabilities.filter_platforms(qs)) == ["停用", "大发酵", "小发酵", "无产线"]


def test_filter_criteria_apply_to_one_line_together(lines_world):
    qs = Platform.objects.all()
    assert names(capabilities.filter_platforms(qs, cleanroom_max_class=7)) == ["小发酵"]
    assert names(capabilities.filter_platforms(qs, cleanroom_max_class=8)) == ["大发酵", "小发酵"]
    assert names(capabilities.filter_platforms(qs, gmp=True)) == ["大发酵"]  # 按GMP设计 is not inspected
    assert names(capabilities.filter_platforms(qs, process_step="small_batch")) == ["小发酵"]
    # The small-batch line is 2 t but the 500 L line is the volume one: no single line is both.
    assert names(capabilities.filter_platforms(qs, process_step="small_batch", min_scale=100, unit="L")) == []
    assert names(capabilities.filter_platforms(qs, process_step="scale_up", min_scale=400, unit="L",
                                               cleanroom_max_class=7)) == ["小发酵"]


def test_filter_input_errors(lines_world):
    with pytest.raises(DomainError) as error:
        capabilities.filter_platforms(Platform.objects.all(), min_scale=5)
    assert error.value.code == "unit_required"
    with pytest.raises(DomainError):
        capabilities.filter_platforms(Platform.objects.all(), process_step="nonsense")


def test_filters_from_request_parameters(lines_world):
    params = capabilities.capability_filters_from_params(
        {"process_step": "scale_up", "min_scale": "2", "unit": "m³", "cleanroom": "十万级", "gmp": "1"})
    assert params == {"process_step": "scale_up", "min_scale": Decimal("2"), "unit": "m³",
                      "cleanroom_max_class": 8, "gmp": True}
    assert names(capabilities.filter_platforms(Platform.objects.all(), **params)) == ["大发酵"]
    assert capabilities.capability_filters_from_params({}) == {}
    for bad in ({"min_scale": "abc"}, {"min_scale": "-1", "unit": "L"}, {"cleanroom": "超净"}):
        with pytest.raises(DomainError):
            capabilities.capability_filters_from_params(bad)


def test_line_create_normalises_and_audits(db):
    platform = PlatformFactory()
    line = _line(platform, "3 吨反应线", value="3", unit="吨")
    line.refresh_from_db()
    assert (line.scale_dimension, line.scale_base) == ("mass", 3000.0)
    event = AuditEvent.objects.get(action=services_capabilities.CapabilityAction.LINE_CREATE)
    assert event.object_id == str(line.pk) and event.after["scale_base"] == 3000.0


def test_bad_line_input_changes_nothing(db):
    platform = PlatformFactory()
    owner = _make_owner(platform)
    for data in ({"name": "x", "process_step": "scale_up", "scale_value": Decimal(5), "scale_unit": "桶"},
                 {"name": "x", "process_step": "scale_up", "scale_value": None, "scale_unit": "L"},
                 {"name": "x", "process_step": "scale_up", "cleanroom_class": 12}):
        with pytest.raises(DomainError):
            services_capabilities.pilot_line_create(platform=platform, user=owner, data=data)
    with pytest.raises(PermissionDeniedError):
        services_capabilities.pilot_line_create(platform=platform, user=operator(),
                                       data={"name": "x", "process_step": "scale_up"})
    assert not PilotLine.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="pilot_line").exists()


def test_line_update_and_delete_are_audited(db):
    platform = PlatformFactory()
    line = _line(platform, "线", value="100", unit="L")
    owner = _make_owner(platform)
    services_capabilities.pilot_line_update(line=line, user=owner, data={"scale_value": Decimal(2), "scale_unit": "m³"})
    line.refresh_from_db()
    assert line.scale_base == 2000.0
    update = AuditEvent.objects.get(action=services_capabilities.CapabilityAction.LINE_UPDATE)
    assert (update.before["scale_base"], update.after["scale_base"]) == (100.0, 2000.0)
    services_capabilities.pilot_line_delete(line=line, user=owner)
    assert not PilotLine.objects.exists()
    assert AuditEvent.objects.filter(action="delete", note="pilot_line_delete").count() == 1


def test_line_pages(client, db):
    platform = PlatformFactory()
    owner = _make_owner(platform)
    client.force_login(owner)
    url = f"/platforms/manage/{platform.pk}/lines/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "2000L 发酵线", "process_step": "scale_up", "scale_value": "2000",
                                 "scale_unit": "L", "cleanroom_class": "8", "gmp_status": "", "is_active": "on"})
    assert response.status_code == 302
    line = PilotLine.objects.get()
    assert (line.scale_base, line.cleanroom_class) == (2000.0, 8)
    page = client.get(url).content.decode()
    assert "2000L 发酵线" in page and "ISO 8（十万级）" in page
    assert client.post(url, {"name": "坏", "process_step": "scale_up", "scale_unit": "L"}).status_code == 400
    response = client.post(f"/platforms/manage/{platform.pk}/lines/{line.pk}/edit/", {
        "name": "2000L 发酵线", "process_step": "process_validation", "scale_value": "3", "scale_unit": "m³",
        "cleanroom_class": "", "gmp_status": "", "is_active": "on"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.process_step, line.scale_base, line.cleanroom_class) == ("process_validation", 3000.0, None)
    client.force_login(operator())
    assert client.get(url).status_code == 403
    assert client.post(f"/platforms/manage/{platform.pk}/lines/{line.pk}/delete/").status_code == 403
    assert PilotLine.objects.count() == 1


# ---------------------------------------------------------------------- accreditations
def _qualification(platform, kind, until, number="A1", valid_from=None):
    return Qualification.objects.create(platform=platform, kind=kind, number=number, valid_until=until,
                                        valid_from=valid_from, scope="化学分析")


def test_expired_accreditations_are_never_shown_as_valid(db):
    platform = PlatformFactory()
    today = datetime.date(2026, 12, 7)
    valid = _qualification(platform, "CMA", datetime.date(2027, 5, 1), "CMA-1")
    expired = _qualification(platform, "CNAS", datetime.date(2026, 12, 6), "L0001")
    future = _qualification(platform, "CMA", datetime.date(2029, 1, 1), "CMA-2", valid_from=datetime.date(2027, 1, 1))
    AccreditationScopeItem.objects.create(qualification=expired, category="金属材料", parameter="拉伸")
    AccreditationScopeItem.objects.create(qualification=valid, category="水质", parameter="COD", standard="HJ 828")
    assert list(capabilities.valid_qualifications(Qualification.objects.all(), today)) == [valid]
    shown = capabilities.qualifications_for_display(platform, today)
    assert [(v.qualification, v.valid, v.status) for v in shown] == [
        (valid, True, "有效（至 2027-05-01）"), (future, False, "尚未生效（2027-01-01 起）"),
        (expired, False, "已过期（2026-12-06）")]
    assert [str(s) for s in shown[0].scope_items] == ["水质 COD HJ 828"]
    html = Template('{% include "platforms/trust/_qualifications.html" %}').render(Context({"qualifications": shown}))
    assert "已过期（2026-12-06）" in html and "有效（至 2027-05-01）" in html
    assert "拉伸" not in html  # an expired certificate's scope is not offered as a capability


def test_the_template_filter_computes_the_status_from_the_dates(db):
    platform = PlatformFactory()
    today = datetime.date.today()
    expired = _qualification(platform, "CMA", today - datetime.timedelta(days=1))
    valid = _qualification(platform, "CNAS", today, "L2")
    template = Template("{% load platforms_trust %}{{ q|qualification_status }}|{{ q|qualification_valid }}")
    assert template.render(Context({"q": expired})) == f"已过期（{expired.valid_until:%Y-%m-%d}）|False"
    assert template.render(Context({"q": valid})) == f"有效（至 {today:%Y-%m-%d}）|True"


def test_capabilities_demo_load_is_idempotent(db):
    from pilothub.matching.demo_loader import load_platforms, load_vocabularies
    from pilothub.platforms import freshness

    load_vocabularies()
    load_platforms()
    first = capabilities.capabilities_demo_load()
    assert capabilities.capabilities_demo_load() == first == PilotLine.objects.count() == 8
    adc = Platform.objects.get(name="昭衍生物抗体和ADC药物研发中试平台")
    assert names(capabilities.filter_platforms(Platform.objects.all(), min_scale=2, unit="m³")) == [
        "嘉兴南湖合成生物制造中试平台", "嘉兴港区化工新材料中试基地", "昭衍生物抗体和ADC药物研发中试平台"]
    assert adc.pilot_lines.get(scale_base=2000.0).cleanroom_class == 7
    overdue = Platform.objects.get(name="北京通州绿色建材与低碳混凝土中试平台")
    assert freshness.freshness_state(overdue) == "overdue"


def test_api_helpers(db):
    from ninja import NinjaAPI
    from ninja.testing import TestClient

    from pilothub.platforms import api_trust

    platform = PlatformFactory(name="API 平台")
    _line(platform, "2 m³ 线", value="2", unit="m³", cleanroom=7)
    PlatformFactory(name="其他")
    _qualification(platform, "CMA", datetime.date(2020, 1, 1), "OLD")
    filters = api_trust.CapabilityFilters(min_scale=1500, unit="L", cleanroom="万级")
    assert names(api_trust.apply_capability_filters(Platform.objects.all(), filters)) == ["API 平台"]
    with pytest.raises(DomainError):
        api_trust.apply_capability_filters(Platform.objects.all(), api_trust.CapabilityFilters(min_scale=1))
    api = NinjaAPI(urls_namespace="trust-test")
    api.add_router("", api_trust.router)
    body = TestClient(api).get(f"/platforms/{platform.pk}/capabilities").json()
    assert body["lines"][0]["scale_base"] == 2000.0 and body["freshness"] == "fresh"
    assert body["qualifications"] == [{"kind": "CMA", "number": "OLD", "valid_until": "2020-01-01", "valid": False,
                                       "status": "已过期（2020-01-01）", "scope": []}]
