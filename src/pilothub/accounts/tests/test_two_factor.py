"""Two-factor login end to end, with the TOTP codes computed here from the secret the page shows
(RFC 6238 written out below, independently of django-otp)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from django.test import Client, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from pilothub.accounts.models import RecoveryCode, Role
from pilothub.accounts.recovery_codes import recovery_code_hash
from pilothub.accounts.tokens import api_token_create
from pilothub.accounts.two_factor import TwoFactorAction
from pilothub.core.models import AuditEvent
from pilothub.testing.factories import UserFactory, admin, reviewer

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def rfc6238(secret_text: str, step: int) -> str:
    """HOTP(K, T) with HMAC-SHA1, 6 digits, T = unix time // 30 (RFC 4226 §5.3, RFC 6238)."""
    secret = secret_text.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def now_step() -> int:
    return int(time.time()) // 30


def _login_password(client: Client, username: str, password: str = PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password})


def _enrol(client: Client) -> tuple[str, int, list[str]]:
    """Enrols the logged-in user through the page; returns (secret, step used, recovery codes)."""
    page = client.get("/accounts/security/")
    assert page.status_code == 200
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page.content.decode()).group(1)
    step = now_step()
    response = client.post("/accounts/security/", {"code": rfc6238(secret, step)})
    assert response.status_code == 200, response.content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    return secret, step, codes


def _enrolled_user(**kwargs):
    user = UserFactory(**kwargs)
    client = Client()
    client.force_login(user)
    secret, step, codes = _enrol(client)
    return user, secret, step, codes


def test_enrol_then_log_in_with_the_code_from_the_secret():
    user = UserFactory(username="zhang")
    client = Client()
    assert _login_password(client, "zhang").status_code == 302

    page = client.get("/accounts/security/")
    html = page.content.decode()
    # The QR code is an SVG image inside a data: URI (no script), the secret is also shown as text.
    data = re.search(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', html).group(1)
    assert b"<svg" in base64.b64decode(data)
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', html).group(1)
    assert len(secret.replace(" ", "")) == 32  # 160-bit key
    assert "<script>" not in html and "style=" not in html

    step = now_step()
    enrolled = client.post("/accounts/security/", {"code": rfc6238(secret, step)})
    assert enrolled.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", enrolled.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert '<a href="/">' in enrolled.content.decode()  # "continue" leads home: nothing else is owed
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed and device.last_t == step
    assert AuditEvent.objects.filter(actor=user, action=TwoFactorAction.ENROL).count() == 1

    client.post("/accounts/logout/")
    response = _login_password(client, "zhang")
    assert response.status_code == 302 and response.url == "/accounts/login/code/"
    assert "_auth_user_id" not in client.session  # the password alone does not log in
    assert client.get("/accounts/tokens/").status_code == 302  # still anonymous

    # The code already used for enrolment cannot be replayed; the next step's code logs in.
    response = client.post("/accounts/login/code/", {"code": rfc6238(secret, step + 1)})
    assert response.status_code == 302 and response.url == "/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/accounts/tokens/").status_code == 200


def test_next_is_kept_across_the_code_step():
    user, secret, step, _codes = _enrolled_user(username="li")
    client = Client()
    client.post("/accounts/login/", {"username": "li", "password": PASSWORD, "next": "/accounts/tokens/"})
    response = client.post("/accounts/login/code/", {"code": rfc6238(secret, step + 1)})
    assert response.url == "/accounts/tokens/"


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_a_wrong_code_is_refused_and_the_right_one_then_works():
    user, secret, step, _codes = _enrolled_user(username="wang")
    client = Client()
    _login_password(client, "wang")
    right = rfc6238(secret, step + 1)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post("/accounts/login/code/", {"code": wrong})
    assert response.status_code == 400
    assert "验证码不正确" in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = client.post("/accounts/login/code/", {"code": right})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_after_a_wrong_code_django_otp_delays_the_next_try():
    _user, secret, step, _codes = _enrolled_user(username="zhao")
    client = Client()
    _login_password(client, "zhao")
    right = rfc6238(secret, step + 1)
    client.post("/accounts/login/code/", {"code": f"{(int(right) + 1) % 1_000_000:06d}"})
    response = client.post("/accounts/login/code/", {"code": right})
    assert response.status_code == 400
    assert "尝试过于频繁" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_works_once():
    user, _secret, _step, codes = _enrolled_user(username="chen")
    client = Client()
    _login_password(client, "chen")
    response = client.post("/accounts/login/code/", {"code": codes[0].upper()})  # case and spaces do not matter
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)
    assert RecoveryCode.objects.filter(device__user=user).count() == 9
    assert AuditEvent.objects.filter(actor=user, action=TwoFactorAction.RECOVERY_CODE_USED).count() == 1
    client.post("/accounts/logout/")

    other = Client()
    _login_password(other, "chen")
    response = other.post("/accounts/login/code/", {"code": codes[0]})
    assert response.status_code == 400 and "_auth_user_id" not in other.session
    with override_settings(OTP_STATIC_THROTTLE_FACTOR=0):
        response = other.post("/accounts/login/code/", {"code": codes[1]})
    assert response.status_code == 302 and other.session["_auth_user_id"] == str(user.pk)


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, OTP_TOTP_THROTTLE_FACTOR=0)
def test_wrong_codes_count_towards_the_lockout():
    _user, secret, step, _codes = _enrolled_user(username="sun")
    client = Client()
    _login_password(client, "sun")
    right = rfc6238(secret, step + 1)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    statuses = [client.post("/accounts/login/code/", {"code": wrong}).status_code for _ in range(3)]
    assert statuses == [400, 400, 429]
    # Locked: neither the password step nor the right code gets in now.
    response = _login_password(client, "sun")
    assert response.status_code == 429 and "暂时锁定" in response.content.decode()
    assert client.post("/accounts/login/code/", {"code": right}).status_code == 302  # back to the password step
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, OTP_TOTP_THROTTLE_FACTOR=0)
def test_a_right_password_does_not_wipe_the_wrong_codes():
    _user, secret, step, _codes = _enrolled_user(username="zhou")
    client = Client()
    wrong = f"{(int(rfc6238(secret, step + 1)) + 1) % 1_000_000:06d}"
    for _ in range(2):
        _login_password(client, "zhou")
        assert client.post("/accounts/login/code/", {"code": wrong}).status_code == 400
    _login_password(client, "zhou")
    assert client.post("/accounts/login/code/", {"code": wrong}).status_code == 429


def test_the_code_step_without_a_password_step_goes_back_to_login():
    response = Client().get("/accounts/login/code/")
    assert response.status_code == 302 and response.url == "/accounts/login/"


@override_settings(PILOTHUB_2FA_REQUIRED_ROLES=["reviewer", "admin"])
def test_a_required_role_without_a_device_must_enrol_before_anything_else():
    user = reviewer("330400", username="shen")
    client = Client()
    response = client.post("/accounts/login/", {"username": "shen", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/security/"
    assert "须启用双因素认证" in response.content.decode()
    for path in ("/", "/platforms/", "/accounts/tokens/", "/accounts/review/"):
        response = client.get(path)
        assert response.status_code == 302 and response.url == "/accounts/security/", path
    api = client.get("/api/v1/accounts/me")
    assert api.status_code == 403 and api.json()["error"]["code"] == "otp_enrol"
    _enrol(client)
    assert client.get("/accounts/review/").status_code == 200
    assert client.session["_auth_user_id"] == str(user.pk)


@override_settings(PILOTHUB_2FA_REQUIRED_ROLES=["reviewer", "admin"])
def test_roles_not_listed_are_not_forced():
    UserFactory(username="qian", role=Role.ENTERPRISE)
    client = Client()
    _login_password(client, "qian")
    assert client.get("/accounts/tokens/").status_code == 200


def test_a_session_that_skipped_the_code_is_logged_out():
    user, _secret, _step, _codes = _enrolled_user(username="wu")
    client = Client()
    client.force_login(user)  # any login path other than the code step (e.g. a future SSO hook)
    response = client.get("/accounts/tokens/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_an_admin_reset_is_audited_and_ends_the_verified_sessions():
    user, secret, step, _codes = _enrolled_user(username="zheng")
    session = Client()
    _login_password(session, "zheng")
    session.post("/accounts/login/code/", {"code": rfc6238(secret, step + 1)})
    assert session.get("/accounts/tokens/").status_code == 200

    boss = admin()
    admin_client = Client()
    admin_client.force_login(boss)
    response = admin_client.post("/admin/accounts/user/", {"action": "reset_two_factor",
                                                           "_selected_action": [user.pk]})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not RecoveryCode.objects.filter(device__user=user).exists()
    event = AuditEvent.objects.get(action=TwoFactorAction.RESET)
    assert event.actor == boss and event.object_id == str(user.pk)

    response = session.get("/accounts/tokens/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    # The next login needs only the password again (and the user may enrol anew).
    fresh = Client()
    assert _login_password(fresh, "zheng").url == "/"


def test_only_an_administrator_may_reset():
    from pilothub.accounts.two_factor import two_factor_reset
    from pilothub.core.errors import DomainError

    user, *_rest = _enrolled_user(username="feng")
    with pytest.raises(DomainError):
        two_factor_reset(user=user, actor=UserFactory())
    assert TOTPDevice.objects.filter(user=user).exists()


def test_api_tokens_do_not_ask_for_the_second_factor():
    user, *_rest = _enrolled_user(username="he")
    _token, plain = api_token_create(user=user, name="集成")
    response = Client().get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert response.status_code == 200


def test_recovery_codes_can_be_regenerated_and_the_old_ones_stop_working():
    user, secret, step, codes = _enrolled_user(username="kong")
    client = Client()
    _login_password(client, "kong")
    client.post("/accounts/login/code/", {"code": rfc6238(secret, step + 1)})
    response = client.post("/accounts/security/recovery-codes/")
    new_codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(codes)
    assert (set(RecoveryCode.objects.filter(device__user=user).values_list("code_hash", flat=True))
            == {recovery_code_hash(code) for code in new_codes})


def test_enrolment_refuses_a_wrong_code_and_creates_nothing():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    page = client.get("/accounts/security/")
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page.content.decode()).group(1)
    right = rfc6238(secret, now_step())
    response = client.post("/accounts/security/", {"code": f"{(int(right) + 7) % 1_000_000:06d}"})
    assert response.status_code == 400
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not AuditEvent.objects.filter(actor=user, action=TwoFactorAction.ENROL).exists()
    # The same secret is kept while the page is reloaded (the phone already has it).
    assert secret in client.get("/accounts/security/").content.decode()


def test_the_admin_site_signs_in_through_the_site_login():
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response.url == "/accounts/login/?next=/admin/"


@override_settings(PILOTHUB_2FA_REQUIRED_ROLES=["reviewer"])
def test_a_session_made_without_login_is_still_sent_to_enrolment():
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    user = reviewer("330400")
    session = SessionStore()
    session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                    HASH_SESSION_KEY: user.get_session_auth_hash()})
    session.create()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    response = client.get("/accounts/review/")
    assert response.status_code == 302 and response.url == "/accounts/security/"


@override_settings(PILOTHUB_2FA_REQUIRED_ROLES=["reviewer"])
def test_the_load_test_session_is_a_verified_one():
    from django.conf import settings

    from pilothub.core.loadplan import _session_cookie

    name, _eq, key = _session_cookie().partition("=")
    assert name == settings.SESSION_COOKIE_NAME
    client = Client()
    client.cookies[name] = key
    assert client.get("/accounts/review/").status_code == 200


@override_settings(PILOTHUB_2FA_REQUIRED_ROLES=["reviewer"], PILOTHUB_PASSWORD_MAX_AGE_DAYS=90)
def test_enrolment_comes_first_then_the_expired_password():
    import datetime

    from django.utils import timezone

    from pilothub.accounts.models import User

    user = reviewer("330400", username="lu")
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - datetime.timedelta(days=120))
    client = Client()
    assert client.post("/accounts/login/", {"username": "lu", "password": PASSWORD}, follow=True
                       ).redirect_chain[-1][0] == "/accounts/security/"
    page = client.get("/accounts/security/")
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page.content.decode()).group(1)
    done = client.post("/accounts/security/", {"code": rfc6238(secret, now_step())})
    assert 'href="/accounts/security/password/"' in done.content.decode()  # "continue" leads on
    response = client.get("/accounts/review/")
    assert response.status_code == 302 and response.url == "/accounts/security/password/"


@override_settings(PILOTHUB_PASSWORD_MAX_AGE_DAYS=90)
def test_after_the_code_an_expired_password_is_next():
    import datetime

    from django.utils import timezone

    from pilothub.accounts.models import User

    user, secret, step, _codes = _enrolled_user(username="yan")
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - datetime.timedelta(days=91))
    client = Client()
    _login_password(client, "yan")
    response = client.post("/accounts/login/code/", {"code": rfc6238(secret, step + 1)})
    assert response.url == "/accounts/security/password/"


def test_a_password_that_expires_during_a_session_is_caught():
    import datetime

    from django.utils import timezone

    from pilothub.accounts.models import User

    user = UserFactory()
    client = Client()
    client.force_login(user)
    assert client.get("/accounts/tokens/").status_code == 200
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - datetime.timedelta(days=31))
    with override_settings(PILOTHUB_PASSWORD_MAX_AGE_DAYS=30):
        response = client.get("/accounts/tokens/")
    assert response.status_code == 302 and response.url == "/accounts/security/password/"


def test_the_qr_code_carries_the_same_secret_as_the_text():
    from pilothub.accounts.two_factor import provisioning_uri, secret_as_text

    user = UserFactory(username="qr-user")
    key = "3132333435363738393031323334353637383930"  # RFC 6238 appendix B test key, "12345678901234567890"
    text = secret_as_text(key)
    assert text == "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"
    uri = provisioning_uri(user=user, key_hex=key)
    assert uri.startswith("otpauth://totp/PilotHub%3Aqr-user?")
    assert "secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" in uri and "issuer=PilotHub" in uri
    # RFC 6238 appendix B, SHA-1 at T = 59 s: 94287082 (8 digits) → the 6-digit code is its last six.
    assert rfc6238(text, 59 // 30) == "287082"


def _queries(client: Client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_login_steps_cost_no_query_for_users_without_a_second_factor():
    from django.conf import settings

    user = UserFactory()
    client = Client()
    client.force_login(user)
    _queries(client, "/accounts/tokens/")  # warm the session's activity stamp
    with_steps = _queries(client, "/accounts/tokens/")
    without = [m for m in settings.MIDDLEWARE if m not in ("pilothub.accounts.login_steps.LoginStepsMiddleware",
                                                             "django_otp.middleware.OTPMiddleware")]
    with override_settings(MIDDLEWARE=without):
        assert _queries(client, "/accounts/tokens/") == with_steps


def test_a_verified_session_costs_one_device_lookup_per_request():
    user, secret, step, _codes = _enrolled_user(username="cost")
    plain = Client()
    plain.force_login(UserFactory())
    _queries(plain, "/accounts/tokens/")
    verified = Client()
    _login_password(verified, "cost")
    verified.post("/accounts/login/code/", {"code": rfc6238(secret, step + 1)})
    _queries(verified, "/accounts/tokens/")
    # Same page, one token row each (none here): django-otp reads the session's device once.
    assert _queries(verified, "/accounts/tokens/") == _queries(plain, "/accounts/tokens/") + 1
