"""Settings derived from the environment: shared cache for rate limits, read replicas."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import dj_database_url
import pytest
from django.core.checks import run_checks
from django.test import override_settings

from pilothub.core.settings_env import cache_url_from_broker, env_list, replica_databases, shared_cache_url

GOOD_KEY = "k" * 20 + "9f8a7sd6f5a4s3d2f1g0h9j8k7l6z5x4c3v2b1n"


def test_env_list_drops_blanks():
    assert env_list(" reviewer, admin ,,") == ["reviewer", "admin"]
    assert env_list("") == [] and env_list(None) == []


@pytest.mark.parametrize(("broker", "expected"), [
    ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/1"),
    ("redis://127.0.0.1:6379", "redis://127.0.0.1:6379/1"),
    ("rediss://:secret@redis.intra:6380/4", "rediss://:secret@redis.intra:6380/5"),
    ("unix:///run/redis/redis.sock?db=2", "unix:///run/redis/redis.sock?db=3"),
    ("memory://", ""),
    ("amqp://guest@localhost//", ""),
    ("", ""),
])
def test_the_cache_uses_the_brokers_redis_on_the_next_database(broker, expected):
    assert cache_url_from_broker(broker) == expected


def test_an_explicit_cache_url_or_database_number_wins():
    assert shared_cache_url(cache_url="redis://cache:6379/7", broker_url="redis://b:6379/0") == "redis://cache:6379/7"
    assert shared_cache_url(cache_url="", broker_url="redis://b:6379/0", cache_db="9") == "redis://b:6379/9"
    with pytest.raises(ValueError, match="another Redis database"):
        shared_cache_url(cache_url="", broker_url="redis://b:6379/3", cache_db="3")


def test_replicas_get_numbered_aliases_and_the_primarys_options():
    primary = {"CONN_MAX_AGE": 60, "OPTIONS": {"connect_timeout": 5}}
    replicas = replica_databases("postgres://u:p@r1:5432/ph, postgres://u:p@r2:5432/ph?sslmode=require",
                                 primary, dj_database_url.parse)
    assert list(replicas) == ["replica_1", "replica_2"]
    assert replicas["replica_1"]["HOST"] == "r1" and replicas["replica_2"]["HOST"] == "r2"
    assert replicas["replica_1"]["CONN_MAX_AGE"] == 60
    assert replicas["replica_1"]["OPTIONS"] == {"connect_timeout": 5}
    assert replicas["replica_2"]["OPTIONS"] == {"connect_timeout": 5, "sslmode": "require"}
    assert replica_databases("", primary, dj_database_url.parse) == {}


PRINT = ("import django, json; django.setup(); from django.conf import settings as s; "
         "from django.core.checks import run_checks; "
         "print(json.dumps({'cache': s.CACHES['default'], 'dbs': sorted(s.DATABASES), "
         "'routers': s.DATABASE_ROUTERS, 'checks': [m.id for m in run_checks() if m.id.startswith('pilothub')], "
         "'roles': s.PILOTHUB_2FA_REQUIRED_ROLES, 'max_age': s.PILOTHUB_PASSWORD_MAX_AGE_DAYS}))")


def _production(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PILOTHUB_", "CELERY_", "DATABASE_"))}
    env.update({"DJANGO_SETTINGS_MODULE": "pilothub.settings.production", "PILOTHUB_VAR_DIR": str(tmp_path),
                "PILOTHUB_SECRET_KEY": GOOD_KEY, "PILOTHUB_ALLOWED_HOSTS": "pilothub.example.gov.cn",
                "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", **extra})
    result = subprocess.run([sys.executable, "-c", PRINT], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_shares_the_brokers_redis_when_no_cache_url_is_set(tmp_path):
    out = _production(tmp_path, CELERY_BROKER_URL="redis://10.0.0.5:6379/2")
    assert out["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert out["cache"]["LOCATION"] == "redis://10.0.0.5:6379/3"
    assert out["checks"] == []
    # The production defaults of the login hardening (off in the other settings modules).
    assert out["roles"] == ["reviewer", "admin"] and out["max_age"] == 90


def test_production_prefers_the_cache_url_and_reads_the_replicas(tmp_path):
    out = _production(tmp_path, PILOTHUB_CACHE_URL="redis://cache.intra:6379/5",
                      DATABASE_REPLICA_URLS="sqlite:///r1.sqlite3,sqlite:///r2.sqlite3")
    assert out["cache"]["LOCATION"] == "redis://cache.intra:6379/5"
    assert out["dbs"] == ["default", "replica_1", "replica_2"]
    assert out["routers"] == ["pilothub.core.db_router.PrimaryReplicaRouter"]


def test_production_without_redis_is_warned_about(tmp_path):
    out = _production(tmp_path, CELERY_BROKER_URL="memory://", PILOTHUB_2FA_REQUIRED_ROLES="",
                      PILOTHUB_PASSWORD_MAX_AGE_DAYS="0")
    assert out["cache"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert out["checks"] == ["pilothub.W001"]
    assert out["roles"] == [] and out["max_age"] == 0
    assert out["dbs"] == ["default"]


@override_settings(PILOTHUB_SHARED_CACHE_REQUIRED=True,
                   CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_the_check_warns_about_a_process_local_cache_in_production():
    assert [m.id for m in run_checks() if m.id.startswith("pilothub")] == ["pilothub.W001"]


def test_the_check_is_silent_outside_production():
    # The test settings use the local-memory cache and do not ask for a shared one.
    assert [m.id for m in run_checks() if m.id.startswith("pilothub")] == []
