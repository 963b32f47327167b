"""Wrong-listing reports (信息纠错): report, rate limit, queue scope, resolution (decision 0554)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pilothub.accounts.models import Role
from pilothub.core.errors import Conflict, DomainError, NotFound, PermissionDeniedError
from pilothub.core.models import AuditEvent, Notification
from pilothub.platforms.models import ListingReport, PlatformStatus
from pilothub.platforms.reports import (
    RATE_LIMIT_PER_HOUR,
    listing_report_create,
    listing_report_queue,
    listing_report_resolve,
)
from pilothub.testing.factories import PlatformFactory, UserFactory, admin, operator, region, reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    op = operator("110116")
    colleague = UserFactory(role=Role.OPERATOR, organisation=op.organisation)
    platform = PlatformFactory(operator=op.organisation, region=region("110116"), name="怀柔材料中试平台")
    return {"op": op, "colleague": colleague, "platform": platform, "huairou": reviewer("110116"),
            "beijing": reviewer("110000"), "jiaxing": reviewer("330400")}


def report(platform, *, user=None, address="203.0.113.7", kind="wrong_phone", reason="电话是空号"):
    return listing_report_create(platform=platform, kind=kind, reason=reason, user=user or AnonymousUser(),
                                 client_address=address)


def test_anonymous_report_notifies_operators_and_the_regions_reviewers(setting):
    created = report(setting["platform"], reason="  010-12345678 是空号  ")
    assert (created.status, created.reason, created.reporter) == ("open", "010-12345678 是空号", None)
    assert "203.0.113.7" not in created.reporter_key and len(created.reporter_key) == 64
    notified = set(Notification.objects.values_list("recipient__username", flat=True))
    expected = {setting[k].username for k in ("op", "colleague", "huairou", "beijing")}
    assert notified == expected  # not the 嘉兴 reviewer
    event = AuditEvent.objects.get(action="listing_report_create")
    assert event.after == {"platform": setting["platform"].pk, "kind": "wrong_phone", "reason_length": len("010-12345678 是空号"),
                           "anonymous": True}
    assert event.region_path == "/110000/110116/"


@pytest.mark.parametrize(("kind", "reason", "code"), [("bogus", "x", "invalid_kind"), ("closed", "  ", "required"),
                                                      ("other", "长" * 1001, "too_long")])
def test_bad_input_changes_nothing(setting, kind, reason, code):
    with pytest.raises(DomainError) as error:
        report(setting["platform"], kind=kind, reason=reason)
    assert error.value.code == code
    assert not ListingReport.objects.exists() and not Notification.objects.exists()


def test_unpublished_platforms_cannot_be_reported(setting):
    setting["platform"].status = PlatformStatus.WITHDRAWN
    setting["platform"].save()
    with pytest.raises(NotFound):
        report(setting["platform"])


def test_rate_limit_and_duplicates_per_reporter(setting):
    platform = setting["platform"]
    report(platform, kind="wrong_phone")
    with pytest.raises(Conflict):
        report(platform, kind="wrong_phone")  # the same open report again
    kinds = ["closed", "wrong_service", "other"]
    for kind in kinds:
        report(platform, kind=kind)
    other = PlatformFactory(region=region("110108"))
    report(other)  # the fifth in the hour
    assert ListingReport.objects.count() == RATE_LIMIT_PER_HOUR
    with pytest.raises(DomainError) as error:
        report(PlatformFactory(region=region("110108")))
    assert (error.value.code, error.value.status_code) == ("rate_limited", 429)
    # Another address, or a logged-in user, has its own allowance.
    report(other, address="198.51.100.1")
    report(other, user=UserFactory())
    assert ListingReport.objects.count() == RATE_LIMIT_PER_HOUR + 2


def test_queue_scope_per_role(setting):
    mine = report(setting["platform"])
    elsewhere = report(PlatformFactory(region=region("330402")), address="198.51.100.2")
    assert list(listing_report_queue(user=setting["op"])) == [mine]
    assert list(listing_report_queue(user=setting["huairou"])) == [mine]
    assert list(listing_report_queue(user=setting["beijing"])) == [mine]
    assert list(listing_report_queue(user=setting["jiaxing"])) == [elsewhere]
    assert set(listing_report_queue(user=admin())) == {mine, elsewhere}
    assert list(listing_report_queue(user=UserFactory())) == []
    assert list(listing_report_queue(user=AnonymousUser())) == []


def test_resolution_rules_and_audit(setting):
    reporter = UserFactory()
    created = report(setting["platform"], user=reporter)
    with pytest.raises(PermissionDeniedError):
        listing_report_resolve(report=created, actor=setting["jiaxing"], outcome="fixed")
    with pytest.raises(DomainError) as error:
        listing_report_resolve(report=created, actor=setting["op"], outcome="rejected", note=" ")
    assert error.value.code == "required"
    created.refresh_from_db()
    assert created.status == "open"
    done = listing_report_resolve(report=created, actor=setting["huairou"], outcome="rejected",
                                  note="电话已核实可以接通")
    assert (done.status, done.resolved_by, done.resolution_note) == ("rejected", setting["huairou"], "电话已核实可以接通")
    event = AuditEvent.objects.get(action="listing_report_resolve")
    assert (event.before["status"], event.after["status"], event.actor) == ("open", "rejected", setting["huairou"])
    assert "reporter_key" not in event.after
    assert Notification.objects.filter(recipient=reporter, title__startswith="您的纠错报告已处理").exists()
    with pytest.raises(Conflict):
        listing_report_resolve(report=done, actor=setting["op"], outcome="fixed")


def test_operator_marks_fixed_without_a_note(setting):
    created = report(setting["platform"])
    done = listing_report_resolve(report=created, actor=setting["colleague"], outcome="fixed")
    assert done.status == "fixed" and done.resolution_note == ""


# --- pages ---------------------------------------------------------------------------------


def test_report_form_page_and_queue(client, setting):
    from django.urls import reverse

    platform = setting["platform"]
    url = reverse("platforms:report_listing", kwargs={"pk": platform.pk})
    assert url == f"/platforms/{platform.pk}/report/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "closed", "reason": ""})
    assert response.status_code == 400 and not ListingReport.objects.exists()
    response = client.post(url, {"kind": "closed", "reason": "已搬迁，原址无人", "contact": "13800000000"},
                           REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 200 and "纠错报告已提交" in response.content.decode()
    created = ListingReport.objects.get()
    assert client.get(reverse("platforms:report_listing", kwargs={"pk": 999_999})).status_code == 404

    client.force_login(setting["op"])
    page = client.get(reverse("platforms:listing_reports")).content.decode()
    assert "已搬迁，原址无人" in page and "13800000000" in page
    assert "信息纠错" in client.get("/").content.decode()
    client.post(reverse("platforms:listing_report_resolve", args=[created.pk]), {"outcome": "fixed", "note": "已更新地址"})
    created.refresh_from_db()
    assert (created.status, created.resolved_by) == ("fixed", setting["op"])

    client.force_login(setting["jiaxing"])
    assert "已搬迁" not in client.get(reverse("platforms:listing_reports") + "?status=all").content.decode()
    response = client.post(reverse("platforms:listing_report_resolve", args=[created.pk]), {"outcome": "fixed"})
    assert response.status_code == 404


def test_queue_page_queries_do_not_grow_with_reports(client, setting):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client.force_login(setting["beijing"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("platforms:listing_reports") + "?status=all").status_code == 200
        return len(queries)

    report(setting["platform"], address="192.0.2.1")
    few = count()
    for i in range(2, 8):
        created = report(PlatformFactory(region=region("110108")), address=f"192.0.2.{i}")
        if i % 2:
            listing_report_resolve(report=created, actor=setting["beijing"], outcome="fixed")
    assert count() == few
