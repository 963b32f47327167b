"""Matching and the trust layer: hidden listings are left out, overdue ones fall in the ranking,
and pilot-line requirements of the demand text exclude platforms whose lines are smaller."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.utils import timezone

from pilothub.matching import index, selectors
from pilothub.matching.engine import Document, Engine, Line, Query
from pilothub.matching.selectors import match_platforms, platforms_for_demand
from pilothub.platforms import freshness, services_capabilities
from pilothub.testing.factories import DemandFactory, UserFactory

from .factories import platform

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 7)
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    """Freeze the local date the selectors use (timezone.localdate() with no argument)."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr(selectors.timezone, "localdate", localdate)


def confirmed(days_ago: int) -> datetime.datetime:
    day = TODAY - datetime.timedelta(days=days_ago)
    return datetime.datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI)


def fermentation(name: str, *, days_ago: int = 10):
    p = platform(name, main="微生物发酵工艺放大与小批量试生产", description="发酵罐 工艺放大 中试")
    p.last_confirmed_at = confirmed(days_ago)
    p.save()
    return p


def add_line(p, name, value=None, unit="", cleanroom=None, gmp=""):
    owner = UserFactory(role="operator", organisation=p.operator)
    services_capabilities.pilot_line_create(platform=p, user=owner, data={
        "name": name, "process_step": "scale_up", "scale_value": Decimal(value) if value else None,
        "scale_unit": unit, "cleanroom_class": cleanroom, "gmp_status": gmp})


def test_hidden_listings_are_left_out_and_overdue_ones_rank_lower():
    fresh = fermentation("甲发酵中试平台", days_ago=10)
    overdue = fermentation("乙发酵中试平台", days_ago=200)  # deadline passed 20 days ago
    hidden = fermentation("丙发酵中试平台", days_ago=241)  # 180 + 60 days passed: hidden today
    assert freshness.freshness_state(overdue, TODAY) == "overdue"
    assert freshness.freshness_state(hidden, TODAY) == "hidden"
    results = match_platforms(text="发酵工艺放大")
    assert [r.platform_id for r in results] == [fresh.pk, overdue.pk]
    # Same text, same fields: the overdue score is the fresh one times the factor (0.8).
    assert results[1].score == pytest.approx(results[0].score * 0.8, abs=1e-3)
    assert any(r.startswith("信息待更新：平台超过确认期限") for r in results[1].reasons)
    assert not any(r.startswith("信息待更新") for r in results[0].reasons)
    # Confirming brings the hidden listing back at once (nothing was deleted).
    freshness.platform_mark_confirmed(platform=hidden, user=None, now=confirmed(0))
    assert hidden.pk in [r.platform_id for r in match_platforms(text="发酵工艺放大")]


def test_a_day_later_the_index_hides_without_any_data_change():
    p = fermentation("丁发酵中试平台", days_ago=240)  # last visible day
    assert [r.platform_id for r in match_platforms(text="发酵工艺放大")] == [p.pk]
    engine = index.get_engine()
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert engine.search(Query(text="发酵工艺放大", today=tomorrow)) == []


def test_scale_requirement_excludes_platforms_whose_lines_are_smaller():
    big = fermentation("大发酵中试平台")
    add_line(big, "5 m³ 发酵中试线", "5", "m³")
    small = fermentation("小发酵中试平台")
    add_line(small, "500L 发酵线", "500", "L")
    unknown = fermentation("未填报发酵中试平台")
    results = match_platforms(text="需要 2000L 以上的发酵罐做工艺放大")
    ids = [r.platform_id for r in results]
    assert small.pk not in ids and set(ids) == {big.pk, unknown.pk}
    reasons = {r.platform_id: r.reasons for r in results}
    assert "产线规模满足“2000L 以上”：5 m³ 发酵中试线（5,000 L）" in reasons[big.pk]
    assert "平台未填报体积规模，是否满足“2000L 以上”请与平台确认" in reasons[unknown.pk]
    # Without the requirement the small platform is a result again.
    assert small.pk in [r.platform_id for r in match_platforms(text="需要 200L 规模的发酵罐做工艺放大")]


def test_cleanroom_and_gmp_requirements():
    clean = fermentation("洁净发酵中试平台")
    add_line(clean, "灌装线", cleanroom=7, gmp="inspected")
    dirty = fermentation("普通发酵中试平台")
    add_line(dirty, "普通发酵线", "100", "L", cleanroom=8)
    results = match_platforms(text="发酵工艺放大，需要万级洁净 GMP 车间")
    assert [r.platform_id for r in results] == [clean.pk]
    assert "洁净条件满足“万级洁净”：灌装线（ISO 7（万级））" in results[0].reasons
    assert "具备通过 GMP 符合性检查的产线：灌装线" in results[0].reasons


def test_demands_are_matched_with_their_requirements():
    big = fermentation("大发酵中试平台")
    add_line(big, "3 m³ 线", "3", "m³")
    small = fermentation("小发酵中试平台")
    add_line(small, "1 m³ 线", "1", "m³")
    demand = DemandFactory(title="发酵工艺放大", text="菌种发酵工艺放大，罐体需要 2000L 以上")
    assert [m.platform for m in platforms_for_demand(demand=demand)] == [big]


def test_engine_rules_without_the_database():
    engine = Engine()
    lines = (Line("2 t 反应线", "mass", 2000.0), Line("洁净线", cleanroom_class=6))
    engine.rebuild([Document(id=1, name="反应中试", lines=lines),
                    Document(id=2, name="反应中试", lines=(Line("200 kg 线", "mass", 200.0),)),
                    Document(id=3, name="反应中试", hide_on=TODAY),
                    Document(id=4, name="反应中试")])
    assert {h.id for h in engine.search(Query(text="反应", today=TODAY))} == {1, 2, 4}
    wanted = Query(text="反应", today=TODAY, min_scale={"mass": (1000.0, "1 吨以上")})
    assert {h.id for h in engine.search(wanted)} == {1, 4}
    clean = Query(text="反应", today=TODAY, cleanroom_max_class=7)
    assert {h.id for h in engine.search(clean)} == {1, 4}  # 2 declared lines, none clean; 4 declared none
    assert {h.id for h in engine.search(Query(text="反应", today=TODAY - datetime.timedelta(days=1)))} == {1, 2, 3, 4}


def test_the_search_page_names_the_requirements_it_applied(client):
    big = fermentation("大发酵中试平台")
    add_line(big, "5 m³ 发酵中试线", "5", "m³")
    small = fermentation("小发酵中试平台")
    add_line(small, "500L 发酵线", "500", "L")
    page = client.get("/matching/", {"text": "需要 2000L 以上的发酵罐做工艺放大"}).content.decode()
    assert "已识别的硬性要求：规模 ≥ 2,000 L（“2000L 以上”）。" in page
    assert "大发酵中试平台" in page and "小发酵中试平台" not in page
