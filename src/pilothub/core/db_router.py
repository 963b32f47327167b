"""Read replicas: reads go to a replica, writes and everything that must see them go to the primary.

Configured by DATABASE_REPLICA_URLS (settings/base.py adds `replica_1`, `replica_2`, … and this
router). The rules, in order:

1. Writes go to the primary ("default"), and the first write *pins* the current unit of work (a
   web request, a Celery task, or — outside both — the process) to the primary: a request that
   wrote reads its own writes.
2. Reads inside a transaction on the primary (`transaction.atomic`, `select_for_update`) go to
   the primary: a replica cannot see the transaction's uncommitted rows, and a row lock taken on a
   replica would lock nothing.
3. Requests with an unsafe method (POST, PUT, PATCH, DELETE) are pinned from their start: they
   validate against the state they are about to change. After one, the browser carries a short
   cookie (PILOTHUB_REPLICA_STICKY_SECONDS, 10 s) that keeps its next requests on the primary,
   so the page shown after "redirect after POST" is not older than the change (replica lag).
4. Everything else reads from a replica, spread by a round-robin per process.

Migrations run only on the primary (replicas receive them by streaming replication).
"""

from __future__ import annotations

import contextvars
import itertools
from typing import Any

from django.conf import settings
from django.db import connections

PRIMARY = "default"
ROUTER = "pilothub.core.db_router.PrimaryReplicaRouter"
STICKY_COOKIE = "ph_primary"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

_pinned: contextvars.ContextVar[bool] = contextvars.ContextVar("pilothub_db_pinned", default=False)
_counter = itertools.count()


def replica_aliases() -> list[str]:
    """The configured replica aliases (every DATABASES alias but the primary)."""
    return [alias for alias in settings.DATABASES if alias != PRIMARY]


def pin_to_primary() -> None:
    _pinned.set(True)


def is_pinned() -> bool:
    return _pinned.get()


def reset_pin() -> contextvars.Token:
    return _pinned.set(False)


def restore_pin(token: contextvars.Token) -> None:
    _pinned.reset(token)


def in_transaction() -> bool:
    """Whether application code holds a transaction open on the primary. The test runner's own
    per-test transaction is not one (Django marks it `_from_testcase`)."""
    return any(not getattr(block, "_from_testcase", False) for block in connections[PRIMARY].atomic_blocks)


def replicas_enabled() -> bool:
    return bool(replica_aliases()) and ROUTER in settings.DATABASE_ROUTERS


class PrimaryReplicaRouter:
    """Django database router implementing the rules above."""

    def db_for_read(self, model: type, **hints: Any) -> str:
        replicas = replica_aliases()
        if not replicas or _pinned.get() or in_transaction():
            return PRIMARY
        instance = hints.get("instance")
        if instance is not None and getattr(instance._state, "db", None) == PRIMARY:
            # Related objects of a row read from the primary come from the primary too.
            return PRIMARY
        return replicas[next(_counter) % len(replicas)]

    def db_for_write(self, model: type, **hints: Any) -> str:
        _pinned.set(True)
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # Every alias holds the same data: relations between them are fine.
        aliases = set(settings.DATABASES)
        if obj1._state.db in aliases and obj2._state.db in aliases:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == PRIMARY


class ReplicaPinningMiddleware:
    """Scopes the pin to one request; pins unsafe requests and the requests that follow them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = reset_pin()
        try:
            if request.method in UNSAFE_METHODS or request.COOKIES.get(STICKY_COOKIE):
                pin_to_primary()
            response = self.get_response(request)
            if request.method in UNSAFE_METHODS and replicas_enabled():
                seconds = int(getattr(settings, "PILOTHUB_REPLICA_STICKY_SECONDS", 10))
                if seconds > 0:
                    response.set_cookie(STICKY_COOKIE, "1", max_age=seconds, httponly=True,
                                        samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
            return response
        finally:
            restore_pin(token)


def _task_started(task=None, **kwargs) -> None:
    # An eager task runs inside the caller (a web request that may have written): keep its pin.
    if task is not None and getattr(task.request, "is_eager", False):
        return
    reset_pin()


def connect_task_signals() -> None:
    """Each Celery task starts unpinned: a worker process must not stay pinned by its first task."""
    from celery.signals import task_prerun

    task_prerun.connect(_task_started, dispatch_uid="pilothub.core.db_router.task_started")
