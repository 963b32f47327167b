"""Production settings: every secret comes from the environment, or the server refuses to start."""

import os

from django.core.exceptions import ImproperlyConfigured

from pilothub.core.settings_env import env_list, redis_cache, shared_cache_url

from .base import *  # noqa: F403
from .base import LOGGING


def _required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"PilotHub production settings need the environment variable {name}")
    return value


DEBUG = False
SECRET_KEY = _required("PILOTHUB_SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("insecure"):
    raise ImproperlyConfigured("PILOTHUB_SECRET_KEY must be a random string of at least 50 characters")
ALLOWED_HOSTS = [h.strip() for h in _required("PILOTHUB_ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("PILOTHUB_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
_required("DATABASE_URL")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS. Behind a TLS-terminating proxy (nginx) the proxy sets X-Forwarded-Proto; on an intranet
# where TLS ends elsewhere and the proxy redirects itself, PILOTHUB_SSL_REDIRECT=0.
SECURE_SSL_REDIRECT = os.environ.get("PILOTHUB_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The proxy's health checks reach the app over plain HTTP on loopback.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = int(os.environ.get("PILOTHUB_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
# Secure cookies always in real deployments; the loopback stack test (plain HTTP) turns them off.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = os.environ.get("PILOTHUB_SECURE_COOKIES", "1") == "1"

# Behind nginx the client's address is the last X-Forwarded-For entry the proxy appended.
NINJA_NUM_PROXIES = int(os.environ.get("PILOTHUB_NUM_PROXIES", "1"))

EMAIL_BACKEND = os.environ.get("PILOTHUB_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("PILOTHUB_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("PILOTHUB_EMAIL_PORT", "25"))
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_TASK_ALWAYS_EAGER", "0") == "1"
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)

# Login hardening defaults for production (off in the other settings modules): reviewers and
# administrators must use a second factor; passwords expire after 90 days.
PILOTHUB_2FA_REQUIRED_ROLES = env_list(os.environ.get("PILOTHUB_2FA_REQUIRED_ROLES", "reviewer,admin"))
PILOTHUB_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("PILOTHUB_PASSWORD_MAX_AGE_DAYS", "90"))

# Shared cache: API rate-limit counters must count across every gunicorn worker and server, so
# production uses Redis: PILOTHUB_CACHE_URL, else the broker's Redis on another database number
# (PILOTHUB_CACHE_REDIS_DB, default the broker's + 1). A process-local cache is reported by the
# system check pilothub.W001 (core/checks.py).
_cache_location = shared_cache_url(cache_url=os.environ.get("PILOTHUB_CACHE_URL", ""),
                                   broker_url=CELERY_BROKER_URL,
                                   cache_db=os.environ.get("PILOTHUB_CACHE_REDIS_DB", ""))
if _cache_location:
    CACHES = {"default": redis_cache(_cache_location)}
PILOTHUB_SHARED_CACHE_REQUIRED = True

if os.environ.get("PILOTHUB_LOG_FORMAT", "json") == "json":
    LOGGING["formatters"]["json"] = {"()": "pilothub.core.logging.JsonFormatter"}  # type: ignore[index]
    LOGGING["handlers"]["console"]["formatter"] = "json"  # type: ignore[index]
