"""Settings for the test suite. DATABASE_URL selects PostgreSQL; SQLite otherwise."""

import copy
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed: tests hash many passwords
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="pilothub-test-media-"))
ALLOWED_HOSTS = ["*"]
# Without DATABASE_URL the base settings select SQLite, and Django's test runner makes the test
# database in memory. With DATABASE_URL (CI does both) the same suite runs on PostgreSQL.
DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["NAME"] = str(Path(tempfile.gettempdir()) / "pilothub-test.sqlite3")
# A read-replica alias that is a test mirror of the primary: the router can be exercised (with
# override_settings(DATABASE_ROUTERS=...)) while every test runs on one database.
DATABASES["replica"] = {**copy.deepcopy(DATABASES["default"]), "TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = []
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="pilothub-test-static-"))
# Lockout is exercised by its own tests (override_settings); elsewhere tests log in freely.
AXES_ENABLED = False
# The real embedding model costs ~40 ms a text on these machines; tests that only pass through
# matching use the deterministic hashing encoder. Matching's own tests load the real model.
PILOTHUB_MATCH_ENCODER = "hashing"
# API rate limits are exercised by their own tests (override_settings); elsewhere tests call freely.
PILOTHUB_API_THROTTLE_ENABLED = False
# Login hardening is exercised by its own tests (override_settings); the defaults stay off here.
PILOTHUB_2FA_REQUIRED_ROLES = []
PILOTHUB_PASSWORD_MAX_AGE_DAYS = 0
