"""Listing freshness with a frozen clock: every function takes `today` / `now`, so the deadlines
are tested on fixed dates (decision 0305)."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse

from pilothub.core.errors import PermissionDeniedError
from pilothub.core.models import AuditEvent, Notification
from pilothub.platforms import freshness
from pilothub.platforms.freshness import FreshnessState
from pilothub.platforms.models import FreshnessReminder, Platform
from pilothub.platforms.tasks import freshness_reminders
from pilothub.testing.factories import PlatformFactory, UserFactory, operator, region

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date


def at(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


JAN_1 = at(2026, 1, 1)
CREATED = at(2025, 6, 1)


def listing(confirmed=JAN_1, created=CREATED, region_code="110116", **kwargs) -> Platform:
    return PlatformFactory(last_confirmed_at=confirmed, created_at=created, region=region(region_code), **kwargs)


# Confirmed 2026-01-01, N = 180, G = 60, W = 30 (freshness.yaml defaults, Beijing = default):
# deadline 2026-06-30; due soon from 06-01; overdue from 07-01; hidden from 08-30.
BOUNDARIES = [(D(2026, 5, 31), FreshnessState.FRESH), (D(2026, 6, 1), FreshnessState.DUE_SOON),
              (D(2026, 6, 30), FreshnessState.DUE_SOON), (D(2026, 7, 1), FreshnessState.OVERDUE),
              (D(2026, 8, 29), FreshnessState.OVERDUE), (D(2026, 8, 30), FreshnessState.HIDDEN)]


@pytest.mark.parametrize(("today", "state"), BOUNDARIES)
def test_state_at_each_deadline_boundary(today, state):
    platform = listing()
    assert freshness.freshness_state(platform, today) == state
    annotated = freshness.annotate_freshness(Platform.objects.filter(pk=platform.pk), today).get()
    assert annotated.freshness_state == state
    assert annotated.freshness_sort == {"fresh": 0, "due_soon": 0, "overdue": 1, "hidden": 2}[state]
    visible = freshness.exclude_hidden(Platform.objects.filter(pk=platform.pk), today).exists()
    assert visible is (state != FreshnessState.HIDDEN)


def test_deadlines_are_counted_in_local_days_not_utc():
    # 23:30 in Shanghai on 1 January is 15:30 UTC the same day; 00:10 on 1 January is 31 December UTC.
    late, early = listing(confirmed=at(2026, 1, 1, 23, 30)), listing(confirmed=at(2026, 1, 1, 0, 10))
    for platform in (late, early):
        assert freshness.platform_deadlines(platform).due_on == D(2026, 6, 30)
    hidden = freshness.exclude_hidden(Platform.objects.filter(pk__in=[late.pk, early.pk]), D(2026, 8, 30))
    assert list(hidden) == []
    kept = freshness.exclude_hidden(Platform.objects.filter(pk__in=[late.pk, early.pk]), D(2026, 8, 29))
    assert kept.count() == 2


def test_a_listing_never_confirmed_counts_from_its_creation():
    platform = listing(confirmed=None, created=at(2026, 2, 1))
    assert freshness.platform_deadlines(platform).due_on == D(2026, 7, 31)
    assert freshness.freshness_state(platform, D(2026, 8, 1)) == FreshnessState.OVERDUE
    annotated = freshness.annotate_freshness(Platform.objects.filter(pk=platform.pk), D(2026, 8, 1)).get()
    assert annotated.freshness_state == FreshnessState.OVERDUE


def test_the_most_specific_region_rule_wins(monkeypatch):
    rules = {"default": {"confirm_days": 180, "hide_after_days": 60, "due_soon_days": 30, "reminder_days": [30, 7],
                         "overdue_score_factor": 0.8},
             "regions": {"110000": {"confirm_days": 120}, "110116": {"confirm_days": 90, "hide_after_days": 10}}}
    monkeypatch.setattr(freshness, "_raw_rules", lambda: rules)
    huairou, haidian, jiaxing = listing(), listing(region_code="110108"), listing(region_code="330402")
    assert freshness.platform_deadlines(huairou).due_on == D(2026, 4, 1)  # 90 days
    assert freshness.platform_deadlines(haidian).due_on == D(2026, 5, 1)  # 120 days (北京市)
    assert freshness.platform_deadlines(jiaxing).due_on == D(2026, 6, 30)  # default 180
    today = D(2026, 4, 12)  # Huairou: deadline 04-01 + 10 days grace → hidden from 04-12
    states = {p.pk: p.freshness_state for p in freshness.annotate_freshness(Platform.objects.all(), today)}
    assert states == {huairou.pk: "hidden", haidian.pk: "due_soon", jiaxing.pk: "fresh"}
    assert {p.pk: freshness.freshness_state(p, today) for p in (huairou, haidian, jiaxing)} == states
    assert set(freshness.exclude_hidden(Platform.objects.all(), today)) == {haidian, jiaxing}


def test_overdue_listings_sort_after_fresh_ones_and_hidden_ones_last():
    fresh = listing(name="A 新", confirmed=at(2026, 6, 1))
    overdue = listing(name="B 逾期", confirmed=at(2026, 1, 1))
    hidden = listing(name="C 隐藏", confirmed=at(2025, 11, 1))
    ordered = freshness.annotate_freshness(Platform.objects.all(), D(2026, 7, 15)).order_by("freshness_sort", "-name")
    assert list(ordered) == [fresh, overdue, hidden]


def test_penalty_factors():
    assert freshness.freshness_penalty(FreshnessState.FRESH) == 1.0
    assert freshness.freshness_penalty(FreshnessState.DUE_SOON) == 1.0
    assert freshness.freshness_penalty(FreshnessState.OVERDUE) == 0.8
    assert freshness.freshness_penalty(FreshnessState.HIDDEN) == 0.0


def test_the_operator_confirms_in_one_click_and_it_is_audited():
    user = operator()
    platform = listing(operator=user.organisation)
    assert freshness.freshness_state(platform, D(2026, 9, 1)) == FreshnessState.HIDDEN
    freshness.platform_confirm_listing(platform=platform, user=user, now=at(2026, 9, 1, 9))
    platform.refresh_from_db()
    assert platform.last_confirmed_at == at(2026, 9, 1, 9)
    assert freshness.freshness_state(platform, D(2026, 9, 1)) == FreshnessState.FRESH
    assert freshness.exclude_hidden(Platform.objects.filter(pk=platform.pk), D(2026, 9, 1)).exists()
    event = AuditEvent.objects.get(action=freshness.FreshnessAction.CONFIRM_LISTING)
    assert event.actor == user and event.object_id == str(platform.pk)
    assert event.before["freshness_state"] == "hidden"
    assert event.after == {"last_confirmed_at": at(2026, 9, 1, 9).isoformat()}


def test_only_the_platforms_own_operator_may_confirm():
    platform = listing()
    for user in (operator(), UserFactory()):
        with pytest.raises(PermissionDeniedError):
            freshness.platform_confirm_listing(platform=platform, user=user, now=at(2026, 9, 1))
    platform.refresh_from_db()
    assert platform.last_confirmed_at == at(2026, 1, 1)
    assert not AuditEvent.objects.filter(action=freshness.FreshnessAction.CONFIRM_LISTING).exists()


def test_confirm_page_and_post(client):
    user = operator()
    platform = listing(operator=user.organisation)
    url = reverse("platforms:trust_confirm", args=[platform.pk])
    client.force_login(user)
    page = client.get(url)
    assert page.status_code == 200 and "确认信息无变化" in page.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    platform.refresh_from_db()
    assert platform.last_confirmed_at > at(2026, 1, 1)
    assert AuditEvent.objects.filter(action="confirm_listing", object_id=str(platform.pk)).count() == 1
    client.force_login(operator())
    assert client.post(url).status_code == 403
    assert AuditEvent.objects.filter(action="confirm_listing", object_id=str(platform.pk)).count() == 1


def test_reminders_are_sent_once_per_deadline_and_stage(django_capture_on_commit_callbacks):
    user = operator()
    colleague = UserFactory(role="operator", organisation=user.organisation)
    platform = listing(operator=user.organisation)
    listing(confirmed=at(2026, 5, 1))  # not yet within reach of a reminder on 06-01
    with django_capture_on_commit_callbacks(execute=True):
        assert freshness.freshness_send_reminders(today=D(2026, 5, 31)) == 1  # 30 days before 06-30
    assert Notification.objects.filter(recipient__in=[user, colleague]).count() == 2
    assert len(mail.outbox) == 1 and sorted(mail.outbox[0].to) == sorted([user.email, colleague.email])
    assert "2026-06-30" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert freshness.freshness_send_reminders(today=D(2026, 5, 31)) == 0  # the same day again
        assert freshness.freshness_send_reminders(today=D(2026, 6, 10)) == 0  # still the 30-day stage
        assert freshness.freshness_send_reminders(today=D(2026, 6, 23)) == 1  # 7 days before
        assert freshness.freshness_send_reminders(today=D(2026, 6, 25)) == 0
        assert freshness.freshness_send_reminders(today=D(2026, 7, 1)) == 1  # overdue
        assert freshness.freshness_send_reminders(today=D(2026, 8, 30)) == 1  # hidden
        assert freshness.freshness_send_reminders(today=D(2026, 9, 2)) == 0
    stages = list(FreshnessReminder.objects.filter(platform=platform).order_by("sent_at", "id")
                  .values_list("stage", "deadline"))
    assert stages == [("before_30", D(2026, 6, 30)), ("before_7", D(2026, 6, 30)), ("overdue", D(2026, 6, 30)),
                      ("hidden", D(2026, 6, 30))]
    assert Notification.objects.filter(recipient=user).count() == 4
    # A confirmation starts a new deadline, whose reminders are sent again.
    freshness.platform_confirm_listing(platform=platform, user=user, now=at(2026, 9, 2))
    with django_capture_on_commit_callbacks(execute=True):
        # 7 days before 2027-03-01; the other listing (deadline 2026-10-28) is hidden by then.
        assert freshness.freshness_send_reminders(today=D(2027, 2, 22)) == 2
    assert FreshnessReminder.objects.filter(platform=platform, deadline=D(2027, 3, 1)).get().stage == "before_7"


def test_a_missed_run_sends_only_the_most_urgent_stage():
    platform = listing(operator=operator().organisation)
    assert freshness.freshness_send_reminders(today=D(2026, 6, 26)) == 1
    assert list(FreshnessReminder.objects.filter(platform=platform).values_list("stage", flat=True)) == ["before_7"]


def test_the_celery_task_runs_eagerly_and_is_idempotent():
    listing(confirmed=at(2025, 1, 1), operator=operator().organisation)  # long hidden today
    assert freshness_reminders.apply().get() == 1
    assert freshness_reminders.apply().get() == 0
    assert FreshnessReminder.objects.get().stage == "hidden"


def test_the_operator_sees_the_workbench_entry_and_the_command_runs(client):
    from io import StringIO

    from django.core.management import call_command

    user = operator()
    listing(operator=user.organisation, confirmed=at(2025, 1, 1))
    client.force_login(user)
    page = client.get(reverse("platforms:trust_listings")).content.decode()
    assert "平台信息确认" in page and "已隐藏（待确认）" in page
    out = StringIO()
    call_command("freshness_reminders", stdout=out)
    assert out.getvalue().strip() == "已提醒平台 platforms reminded: 1"


def test_the_operator_list_does_not_query_per_platform(client, django_assert_max_num_queries):
    user = operator()
    for _ in range(3):
        listing(operator=user.organisation)
    client.force_login(user)
    with django_assert_max_num_queries(12) as three:
        client.get(reverse("platforms:trust_listings"))
    for _ in range(7):
        listing(operator=user.organisation)
    with django_assert_max_num_queries(len(three.captured_queries)):
        body = client.get(reverse("platforms:trust_listings")).content.decode()
    assert body.count("确认信息</a>") == 10
