"""Simultaneous reviewers and submissions on the real PostgreSQL server (skipped on SQLite, whose
shared-cache test database fails on table locks instead of waiting; see bookings' concurrency tests)."""

import pytest
from django.db import connection

from pilothub.bookings.tests.test_concurrency import run_simultaneously
from pilothub.platforms import services
from pilothub.platforms.models import (
    ChangeRequestStatus,
    Platform,
    PlatformChangeRequest,
    PlatformFieldChange,
)
from pilothub.testing.factories import reviewer

from .factories_manage import operated_platform

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a real PostgreSQL server"),
    pytest.mark.django_db(transaction=True),
]


def test_two_reviewers_deciding_at_once_one_wins():
    user, platform = operated_platform(address="旧址")
    change = services.platform_edit(platform=platform, user=user, data={"address": "新址"})
    beijing, huairou = reviewer("110000"), reviewer("110116")
    results = run_simultaneously([
        lambda: services.change_request_approve(change_request=change, reviewer=beijing).status,
        lambda: services.change_request_return(change_request=change, reviewer=huairou, reason="不同意").status])
    assert sorted(results) in ([("error", "not_open"), ("ok", "approved")], [("error", "not_open"), ("ok", "returned")])
    final = PlatformChangeRequest.objects.get(pk=change.pk).status
    assert Platform.objects.get(pk=platform.pk).address == ("新址" if final == ChangeRequestStatus.APPROVED else "旧址")
    assert PlatformFieldChange.objects.count() == (1 if final == ChangeRequestStatus.APPROVED else 0)


def test_simultaneous_first_edits_make_one_request():
    user, platform = operated_platform(address="旧址", contact_name="甲")
    results = run_simultaneously([
        lambda: services.platform_edit(platform=platform, user=user, data={"address": "新址"}).pk,
        lambda: services.platform_edit(platform=platform, user=user, data={"contact_name": "乙"}).pk])
    assert [r[0] for r in results] == ["ok", "ok"] and results[0][1] == results[1][1]
    assert PlatformChangeRequest.objects.get().changes == {"address": "新址", "contact_name": "乙"}
