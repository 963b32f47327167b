"""Settings shared by every environment. Secrets never live here: see production.py."""

import datetime
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from pilothub.core.csp_sources import DEFAULT_MAP_TILE_URL, tile_image_sources
from pilothub.core.settings_env import env_list, replica_databases

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Where local state (SQLite database, uploads) lives; overridable for deployments.
VAR_DIR = Path(os.environ.get("PILOTHUB_VAR_DIR", Path.cwd() / "var"))

SECRET_KEY = os.environ.get("PILOTHUB_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = False
ALLOWED_HOSTS: list[str] = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "health_check",
    "rules.apps.AutodiscoverRulesConfig",
    "pilothub.core",
    "pilothub.regions",
    "pilothub.accounts",
    "pilothub.platforms",
    "pilothub.demands",
    "pilothub.matching",
    "pilothub.bookings",
    "pilothub.policy",
    "pilothub.evaluation",
    "pilothub.content",
    "pilothub.dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "pilothub.core.security.SecurityHeadersMiddleware",
    "pilothub.core.security.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pilothub.core.db_router.ReplicaPinningMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pilothub.accounts.middleware.ApiTokenMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "pilothub.core.security.SessionIdleTimeoutMiddleware",
    # After the idle timeout: sends a session that owes a login step (second factor, enrolment,
    # expired password) to that step first (accounts/login_steps.py).
    "pilothub.accounts.login_steps.LoginStepsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns lockouts raised during authentication into responses.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pilothub.urls"
WSGI_APPLICATION = "pilothub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pilothub.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'pilothub.sqlite3'}",
        conn_max_age=int(os.environ.get("PILOTHUB_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed during a write; the busy timeout turns lock contention into a
    # short wait instead of an immediate "database is locked" error.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
         "transaction_mode": "IMMEDIATE"}
    )

# Read replicas (docs/performance.md): DATABASE_REPLICA_URLS, comma-separated, become the aliases
# replica_1, replica_2, …; core/db_router.py sends reads there and writes (and the rest of a request
# that wrote, and transactions) to the primary.
DATABASES.update(replica_databases(os.environ.get("DATABASE_REPLICA_URLS"), DATABASES["default"],
                                   dj_database_url.parse))
DATABASE_ROUTERS = ["pilothub.core.db_router.PrimaryReplicaRouter"] if len(DATABASES) > 1 else []
# After a POST the browser reads from the primary for this long (covers replica lag).
PILOTHUB_REPLICA_STICKY_SECONDS = int(os.environ.get("PILOTHUB_REPLICA_STICKY_SECONDS", "10"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Login throttling and lockout (django-axes): 5 failures for one username from one address
# lock that pair for 15 minutes; every attempt is recorded for the audit.
AXES_FAILURE_LIMIT = int(os.environ.get("PILOTHUB_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("PILOTHUB_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Password policy (等保 2.0 身份鉴别: 口令复杂度): at least 10 characters, not like the user's own
# names, not a common password, not all digits, and at least three of the four character classes
# (upper case, lower case, digits, symbols). See docs/decisions/1000-password-policy.md.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": int(os.environ.get("PILOTHUB_PASSWORD_MIN_LENGTH", "10"))}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "pilothub.accounts.passwords.CharacterClassValidator",
     "OPTIONS": {"min_classes": int(os.environ.get("PILOTHUB_PASSWORD_MIN_CLASSES", "3"))}},
    # No reuse of the last 5 passwords; also records every new password's hash and date.
    {"NAME": "pilothub.accounts.passwords.PasswordHistoryValidator",
     "OPTIONS": {"history": int(os.environ.get("PILOTHUB_PASSWORD_HISTORY", "5"))}},
]
# Password expiry (等保: 口令定期更换): a user whose password is older is sent to change it before
# anything else. 0 = off (development, demo, tests); production defaults to 90 days.
PILOTHUB_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("PILOTHUB_PASSWORD_MAX_AGE_DAYS", "0"))

# Two-factor login (TOTP authenticator + recovery codes, django-otp; accounts/two_factor.py).
# Anyone may enrol; the roles listed here must (enrolment comes before anything else). Empty =
# nobody is forced (development, demo, tests); production defaults to reviewer,admin.
PILOTHUB_2FA_REQUIRED_ROLES = env_list(os.environ.get("PILOTHUB_2FA_REQUIRED_ROLES", ""))
OTP_TOTP_ISSUER = os.environ.get("PILOTHUB_2FA_ISSUER", "PilotHub")
# Wrong codes: django-otp delays the next try exponentially (1 s, 2 s, 4 s …) per device, and
# django-axes counts each wrong code as a failed login (AXES_FAILURE_LIMIT).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Chinese first; English as the second language.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
# Store UTC, show Asia/Shanghai.
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "/static/"
# Project-wide static files (site CSS, vendored libraries); apps keep their own in <app>/static/.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("PILOTHUB_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("PILOTHUB_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("PILOTHUB_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("PILOTHUB_FROM_EMAIL", "noreply@pilothub.local")

# Background work: in-process (eager) by default so the embedded setup needs no broker.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "memory://")
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_TASK_ALWAYS_EAGER", "1") == "1"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# Periodic jobs for `celery beat` (production); in the embedded setup run the commands from cron.
CELERY_BEAT_SCHEDULE = {
    "expire-demands": {"task": "demands.expire_overdue", "schedule": crontab(hour=0, minute=10)},
    "platform-freshness-reminders": {"task": "platforms.freshness_reminders", "schedule": crontab(hour=8, minute=30)},
    # Dashboard figures are served from a summary table that goes stale after 15 minutes; refreshing
    # every 10 keeps a first visitor from paying for a full recalculation (docs/performance.md).
    "dashboard-refresh-all": {"task": "dashboard.refresh_all", "schedule": crontab(minute="*/10")},
}

# Sessions: an absolute lifetime of a working day and an idle timeout (等保: 登录连接超时自动退出),
# both configurable; the cookie is HttpOnly and SameSite=Lax and ends with the browser.
SESSION_COOKIE_AGE = int(os.environ.get("PILOTHUB_SESSION_MAX_HOURS", "8")) * 3600
PILOTHUB_SESSION_IDLE_MINUTES = int(os.environ.get("PILOTHUB_SESSION_IDLE_MINUTES", "30"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page (hx-headers), forms from the field
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features no PilotHub page uses are switched off for the page and any frame.
PILOTHUB_PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone", "payment", "usb"))

# API rate limits (/api/v1), per API token, else per logged-in user, else per client address.
# Writes are stricter than reads. Counted in the default cache (Redis in production).
PILOTHUB_API_THROTTLE_ENABLED = os.environ.get("PILOTHUB_API_THROTTLE_ENABLED", "1") == "1"
PILOTHUB_API_RATE_READ = os.environ.get("PILOTHUB_API_RATE_READ", "600/min")
PILOTHUB_API_RATE_WRITE = os.environ.get("PILOTHUB_API_RATE_WRITE", "60/min")
# How many reverse proxies append to X-Forwarded-For (0: trust only REMOTE_ADDR, so a client
# cannot dodge the limit by inventing the header).
NINJA_NUM_PROXIES = int(os.environ.get("PILOTHUB_NUM_PROXIES", "0"))

# Map tiles: Leaflet fetches them from these URL templates (OpenStreetMap by default; 天地图 or an
# intranet tile server in deployments). The CSP below allows exactly their hosts for images.
# Map tiles for the platform map (docs/deployment.md): OpenStreetMap by default; 天地图 needs a key.
# Tiles must be in WGS-84/CGCS2000 (OSM, 天地图), not GCJ-02 (高德/腾讯): coordinates are stored as WGS-84.
PILOTHUB_MAP_TILE_URL = os.environ.get("PILOTHUB_MAP_TILE_URL", DEFAULT_MAP_TILE_URL)
PILOTHUB_MAP_TILE_SUBDOMAINS = os.environ.get("PILOTHUB_MAP_TILE_SUBDOMAINS", "abc")
PILOTHUB_MAP_ATTRIBUTION = os.environ.get(
    "PILOTHUB_MAP_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>')
PILOTHUB_MAP_OVERLAY_URL = os.environ.get("PILOTHUB_MAP_OVERLAY_URL", "")  # e.g. 天地图 labels (cva_w)
PILOTHUB_MAP_MAX_ZOOM = int(os.environ.get("PILOTHUB_MAP_MAX_ZOOM", "18"))

# Content-Security-Policy (django-csp 4): scripts and styles only from this site's static files,
# no inline script, no inline style attribute, no eval, no framing, forms post only here.
# Data for scripts travels in json_script blocks (type="application/json", not executed).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *tile_image_sources(PILOTHUB_MAP_TILE_URL),
                    *(tile_image_sources(PILOTHUB_MAP_OVERLAY_URL) if PILOTHUB_MAP_OVERLAY_URL else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Shown on every page of an installation that holds demo data.
PILOTHUB_DEMO_BANNER = os.environ.get("PILOTHUB_DEMO_BANNER", "0") == "1"
PILOTHUB_SITE_NAME = _("中试通 PilotHub")


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PILOTHUB_LOG_LEVEL", "INFO")},
    "loggers": {"jieba": {"level": "WARNING"}},
}
