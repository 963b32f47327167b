"""Security headers, CSP sources, session expiry and the password policy."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

from pilothub.accounts.passwords import character_classes
from pilothub.core.csp_sources import DEFAULT_MAP_TILE_URL, tile_image_sources
from pilothub.core.security import SESSION_ACTIVITY_KEY
from pilothub.testing.factories import UserFactory


def _csp(response) -> dict[str, list[str]]:
    directives = {}
    for part in response.headers["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.django_db
def test_every_page_carries_the_security_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    csp = _csp(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "https://tile.openstreetmap.org" in csp["img-src"]
    assert not any("unsafe" in v for values in csp.values() for v in values)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_api_responses_carry_them_too(client):
    response = client.get("/api/v1/health")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response.headers


@pytest.mark.parametrize(("url", "expected"), [
    (DEFAULT_MAP_TILE_URL, ["https://tile.openstreetmap.org"]),
    ("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", ["https://*.tile.openstreetmap.org"]),
    ("https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=KEY&x={x}", ["https://*.tianditu.gov.cn"]),
    ("http://tiles.intranet.example:8080/{z}/{x}/{y}.png", ["http://tiles.intranet.example:8080"]),
    ("https://tiles.{region}.example.cn/{z}/{x}/{y}.png", ["https:"]),
    ("/static/tiles/{z}/{x}/{y}.png", []),
    ("javascript:alert(1)", []),
    ("", []),
])
def test_the_tile_host_is_derived_from_the_setting(url, expected):
    assert tile_image_sources(url) == expected


def test_a_configured_tile_host_reaches_the_policy(tmp_path):
    # Settings are computed at import: run a fresh interpreter with the variable set.
    code = ("import django; django.setup(); from django.conf import settings; "
            "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "pilothub.settings.test",
           "PILOTHUB_MAP_TILE_URL": "https://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "https://*.tianditu.gov.cn" in result.stdout
    assert "openstreetmap" not in result.stdout


# --- password policy --------------------------------------------------------------------------

@pytest.mark.parametrize(("password", "classes"), [
    ("abcdefghij", {"lower"}),
    ("Abc-123", {"upper", "lower", "symbol", "digit"}),
    ("中试平台密码2026", {"symbol", "digit"}),
])
def test_character_classes(password, classes):
    assert character_classes(password) == classes


@pytest.mark.parametrize("password", [
    "short-1A",            # 8 characters
    "onlylowercaseletters",  # one class
    "lowercase-and-dash",  # two classes
    "1234567890123",       # all digits
    "password123",         # common (and two classes)
])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize("password", ["yanqi-lake-2026", "Huairou2026Pilot", "中试通-Pilot-hub"])
def test_strong_passwords_pass(password):
    validate_password(password)


def test_the_class_message_is_chinese():
    with pytest.raises(ValidationError) as caught:
        validate_password("lowercase-and-dash")
    assert "密码须至少包含大写字母、小写字母、数字、特殊字符中的 3 类。" in caught.value.messages


@pytest.mark.django_db
def test_registration_refuses_a_weak_password(client):
    from pilothub.accounts.models import User

    response = client.post("/accounts/register/", {
        "role": "enterprise", "organisation_name": "北京测试密码有限公司", "credit_code": "91110000802100433B",
        "region": "110116", "display_name": "张三", "email": "zhang@example.cn", "username": "weakpw",
        "password": "lowercase-only", "password_again": "lowercase-only"})
    assert response.status_code == 400
    assert "密码须至少包含" in response.content.decode()
    assert not User.objects.filter(username="weakpw").exists()


# --- sessions ---------------------------------------------------------------------------------

@pytest.mark.django_db
def test_session_cookie_is_httponly_lax_and_expires(client, settings):
    UserFactory(username="cookie", password="correct-horse-battery")
    response = client.post("/accounts/login/", {"username": "cookie", "password": "correct-horse-battery"})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.PILOTHUB_SESSION_IDLE_MINUTES == 30


def _age_session(client, seconds: int) -> None:
    session = client.session
    session[SESSION_ACTIVITY_KEY] = int(time.time()) - seconds
    session.save()


@pytest.mark.django_db
def test_an_idle_session_is_logged_out_with_a_chinese_message(client):
    user = UserFactory(username="idle", password="correct-horse-battery")
    client.force_login(user)
    assert client.get("/notifications/").status_code == 200
    _age_session(client, 31 * 60)
    response = client.get("/notifications/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=/notifications/")
    assert "_auth_user_id" not in client.session
    page = client.get(response.url)
    assert "长时间未操作" in page.content.decode()


@pytest.mark.django_db
def test_an_active_session_survives_and_the_api_says_401(client):
    user = UserFactory(username="busy", password="correct-horse-battery")
    client.force_login(user)
    _age_session(client, 29 * 60)
    assert client.get("/notifications/").status_code == 200
    assert client.session[SESSION_ACTIVITY_KEY] >= int(time.time()) - 5  # refreshed
    _age_session(client, 31 * 60)
    response = client.get("/api/v1/accounts/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "session_expired"


@pytest.mark.django_db
@override_settings(PILOTHUB_SESSION_IDLE_MINUTES=5)
def test_the_idle_limit_is_configurable(client):
    client.force_login(UserFactory())
    client.get("/notifications/")
    _age_session(client, 6 * 60)
    assert client.get("/notifications/").status_code == 302


@pytest.mark.django_db
def test_logged_in_pages_are_not_cached(client):
    client.force_login(UserFactory())
    assert "no-store" in client.get("/notifications/").headers["Cache-Control"]


# --- lockout (django-axes, enabled here; the test settings turn it off elsewhere) ---------------

@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_lockout_is_per_username_and_address_and_says_so_in_chinese(client):
    from axes.models import AccessAttempt

    UserFactory(username="target", password="correct-horse-battery")
    for _ in range(3):
        client.post("/accounts/login/", {"username": "target", "password": "wrong"}, REMOTE_ADDR="10.1.1.1")
    locked = client.post("/accounts/login/", {"username": "target", "password": "correct-horse-battery"},
                         REMOTE_ADDR="10.1.1.1")
    assert locked.status_code == 429
    assert "暂时锁定" in locked.content.decode()
    assert "Content-Security-Policy" in locked.headers
    assert AccessAttempt.objects.filter(username="target").exists()
    # The same user from another address is not locked out by the attacker's address.
    other = client.post("/accounts/login/", {"username": "target", "password": "correct-horse-battery"},
                        REMOTE_ADDR="10.2.2.2")
    assert other.status_code == 302
