"""Read-replica routing (core/db_router.py). The test settings configure a `replica` alias that is
a test mirror of the primary, so routing decisions are real while the data lives in one database."""

from __future__ import annotations

import pytest
from django.db import router, transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from pilothub.core import db_router
from pilothub.core.db_router import ROUTER, STICKY_COOKIE, PrimaryReplicaRouter, ReplicaPinningMiddleware
from pilothub.core.models import AuditEvent
from pilothub.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def unpinned():
    token = db_router.reset_pin()
    yield
    db_router.restore_pin(token)


def test_reads_go_to_the_replica_and_writes_to_the_primary():
    r = PrimaryReplicaRouter()
    assert r.db_for_read(Region) == "replica"
    assert r.db_for_write(Region) == "default"


def test_after_the_first_write_everything_reads_from_the_primary():
    r = PrimaryReplicaRouter()
    assert r.db_for_read(Region) == "replica"
    r.db_for_write(AuditEvent)
    assert r.db_for_read(Region) == "default"
    assert r.db_for_read(AuditEvent) == "default"


def test_reads_inside_a_transaction_go_to_the_primary():
    r = PrimaryReplicaRouter()
    with transaction.atomic():
        assert r.db_for_read(Region) == "default"
    assert r.db_for_read(Region) == "replica"  # the transaction read nothing written: not pinned


def test_related_reads_of_a_primary_row_stay_on_the_primary():
    r = PrimaryReplicaRouter()
    row = Region.objects.using("default").first()
    assert row is not None
    assert r.db_for_read(Region, instance=row) == "default"


def test_migrations_run_only_on_the_primary():
    r = PrimaryReplicaRouter()
    assert r.allow_migrate("default", "platforms") is True
    assert r.allow_migrate("replica", "platforms") is False


def test_without_replicas_everything_is_the_primary(monkeypatch):
    monkeypatch.setattr(db_router, "replica_aliases", lambda: [])
    assert PrimaryReplicaRouter().db_for_read(Region) == "default"


def test_several_replicas_share_the_reads(monkeypatch):
    monkeypatch.setattr(db_router, "replica_aliases", lambda: ["replica_1", "replica_2"])
    r = PrimaryReplicaRouter()
    assert [r.db_for_read(Region) for _ in range(4)].count("replica_1") == 2


def _decisions(method: str, *, write: bool = False, cookies: dict | None = None):
    """Runs a request through the middleware; the view reads, maybe writes, reads again."""
    seen: list[str] = []
    r = PrimaryReplicaRouter()

    def view(request):
        seen.append(r.db_for_read(Region))
        if write:
            r.db_for_write(AuditEvent)
        seen.append(r.db_for_read(Region))
        return HttpResponse("ok")

    request = getattr(RequestFactory(), method.lower())("/x/")
    request.COOKIES.update(cookies or {})
    response = ReplicaPinningMiddleware(view)(request)
    return seen, response


@override_settings(DATABASE_ROUTERS=[ROUTER])
def test_a_get_reads_from_the_replica_until_it_writes_and_the_pin_ends_with_the_request():
    seen, response = _decisions("GET", write=True)
    assert seen == ["replica", "default"]
    assert STICKY_COOKIE not in response.cookies
    assert db_router.is_pinned() is False  # the next request starts fresh
    seen, _response = _decisions("GET")
    assert seen == ["replica", "replica"]


@override_settings(DATABASE_ROUTERS=[ROUTER], PILOTHUB_REPLICA_STICKY_SECONDS=7)
def test_a_post_uses_the_primary_and_the_browser_stays_there_briefly():
    seen, response = _decisions("POST")
    assert seen == ["default", "default"]
    assert response.cookies[STICKY_COOKIE]["max-age"] == 7
    seen, _response = _decisions("GET", cookies={STICKY_COOKIE: "1"})
    assert seen == ["default", "default"]


def test_without_the_router_no_sticky_cookie_is_set():
    _seen, response = _decisions("POST")
    assert STICKY_COOKIE not in response.cookies


@override_settings(DATABASE_ROUTERS=[ROUTER])
def test_django_routes_querysets_through_the_router():
    assert Region.objects.all().db == "replica"
    with transaction.atomic():
        assert Region.objects.all().db == "default"
    assert Region.objects.all().db == "replica"
    assert router.db_for_write(Region) == "default"
    assert Region.objects.all().db == "default"  # pinned by the write


@override_settings(DATABASE_ROUTERS=[ROUTER])
def test_row_locks_are_taken_on_the_primary():
    # select_for_update is a write intent for Django: it asks db_for_write, which also pins.
    assert Region.objects.select_for_update().db == "default"
    assert Region.objects.all().db == "default"


def test_a_worker_task_starts_unpinned_but_an_eager_one_keeps_its_callers_pin():
    from types import SimpleNamespace

    db_router.pin_to_primary()
    db_router._task_started(task=SimpleNamespace(request=SimpleNamespace(is_eager=True)))
    assert db_router.is_pinned() is True
    db_router._task_started(task=SimpleNamespace(request=SimpleNamespace(is_eager=False)))
    assert db_router.is_pinned() is False


def test_an_eager_celery_task_inside_a_request_does_not_unpin_it():
    from pilothub.celery import app

    seen = []

    @app.task(name="tests.db_router_probe")
    def probe():
        seen.append(PrimaryReplicaRouter().db_for_read(Region))

    db_router.pin_to_primary()
    probe.delay()  # eager in the test settings, as in the embedded setup
    assert seen == ["default"] and db_router.is_pinned() is True
