"""The registry's demo loader: 150+ platforms with children, demo operator, supply lists, idempotent."""

from __future__ import annotations

import pytest

from pilothub.accounts import demo as accounts_demo
from pilothub.accounts.models import User
from pilothub.platforms import demo
from pilothub.platforms.models import (
    Equipment,
    Expert,
    Platform,
    Qualification,
    SupplyListRelease,
    TestService,
)

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (Platform.objects.count(), Equipment.objects.count(), TestService.objects.count(),
            Expert.objects.count(), Qualification.objects.count(), SupplyListRelease.objects.count())


def test_demo_load_is_complete_and_idempotent(django_capture_on_commit_callbacks):
    accounts_demo.load()
    rows = demo.demo_rows()
    with django_capture_on_commit_callbacks(execute=True):
        ids = demo.load()
    assert len(ids) == len(rows) >= 150
    first = counts()
    assert first[0] == len(rows)
    assert first[1] == sum(len(r["equipment"]) for r in rows)
    assert first[2] == sum(len(r["test_services"]) for r in rows)
    assert first[3] == sum(len(r["experts"]) for r in rows)
    assert first[4] == sum(len(r["qualifications"]) for r in rows)
    assert first[5] == 3
    assert not Platform.objects.filter(is_demo=False).exists()
    operator = User.objects.get(username="demo-operator")
    assert sorted(Platform.objects.filter(operator=operator.organisation).values_list("name", flat=True)) == \
        sorted(demo.DEMO_OPERATOR_PLATFORMS)
    releases = {r.region_id: r.platform_count for r in SupplyListRelease.objects.all()}
    by_prefix = {code: sum(1 for r in rows if r["region"].startswith(code[:2] if code != "330400" else "3304"))
                 for code in ("110000", "330400", "442000")}
    assert releases == by_prefix
    with django_capture_on_commit_callbacks(execute=True):
        assert demo.load() == ids
    assert counts() == first
