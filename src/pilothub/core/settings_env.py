"""Settings derived from environment variables. Imported by the settings modules: no Django here.

Small pure functions, so the logic behind a deployment's configuration can be tested without
starting Django (core/tests/test_settings_env.py).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit


def env_list(value: str | None) -> list[str]:
    """"a, b,,c" → ["a", "b", "c"]."""
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def replica_databases(urls: str | None, primary: Mapping[str, Any], parse) -> dict[str, Any]:
    """DATABASES entries for the read replicas in DATABASE_REPLICA_URLS (comma-separated).

    Aliases are `replica_1`, `replica_2`, … in the order given. Each replica keeps the primary's
    connection options (persistent connections, timeouts) unless its URL says otherwise; `parse`
    is dj_database_url.parse.
    """
    replicas: dict[str, Any] = {}
    for number, url in enumerate(env_list(urls), start=1):
        entry = parse(url, conn_max_age=primary.get("CONN_MAX_AGE", 0))
        options = copy.deepcopy(primary.get("OPTIONS", {}))
        options.update(entry.get("OPTIONS", {}))
        if options:
            entry["OPTIONS"] = options
        replicas[f"replica_{number}"] = entry
    return replicas


REDIS_SCHEMES = ("redis", "rediss", "unix", "redis+socket")


def cache_url_from_broker(broker_url: str, *, db: int | None = None) -> str:
    """The Redis URL of the broker with another database number, for the shared cache.

    `redis://h:6379/0` → `redis://h:6379/1` (the broker's number + 1 unless `db` is given);
    `unix:///run/redis.sock?db=2` → `…?db=3`. A broker that is not Redis (memory://, amqp://)
    gives "" (there is no Redis to share).
    """
    parts = urlsplit(broker_url or "")
    if parts.scheme not in REDIS_SCHEMES:
        return ""
    if parts.scheme in ("unix", "redis+socket"):
        query = parse_qs(parts.query)
        broker_db = int((query.get("db") or ["0"])[0] or 0)
        target = db if db is not None else broker_db + 1
        if target == broker_db:
            raise ValueError(f"the cache needs another Redis database than the broker's ({broker_db})")
        query["db"] = [str(target)]
        # Built by hand: urlunsplit drops the empty host of "unix:///path".
        return f"{parts.scheme}://{parts.netloc}{parts.path}?{urlencode(query, doseq=True)}"
    path = parts.path.strip("/")
    broker_db = int(path) if path.isdigit() else 0
    target = db if db is not None else broker_db + 1
    if target == broker_db:
        raise ValueError(f"the cache needs another Redis database than the broker's ({broker_db})")
    return urlunsplit(parts._replace(path=f"/{target}"))


def shared_cache_url(*, cache_url: str, broker_url: str, cache_db: str = "") -> str:
    """PILOTHUB_CACHE_URL if set, else the broker's Redis on another database, else ""."""
    if cache_url:
        return cache_url
    return cache_url_from_broker(broker_url, db=int(cache_db) if cache_db.strip() else None)


def redis_cache(location: str) -> dict[str, Any]:
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location,
            "KEY_PREFIX": "pilothub"}
