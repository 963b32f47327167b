"""Recovery codes are stored only as keyed hashes (HashedRecoveryDevice, accounts/recovery_codes.py),
and the migration that moved django-otp's plaintext StaticTokens to hashes (accounts/0004)."""

from __future__ import annotations

import hashlib
import hmac
import importlib

import pytest
from django.apps import apps
from django.db import models
from django.test import Client, override_settings
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from pilothub.accounts.models import HashedRecoveryDevice, RecoveryCode
from pilothub.accounts.recovery_codes import recovery_code_hash
from pilothub.accounts.two_factor import recovery_codes_regenerate, second_factor_verify
from pilothub.core.models import AuditEvent
from pilothub.testing.factories import UserFactory

from .test_two_factor import _enrolled_user, _login_password

pytestmark = pytest.mark.django_db

migration_0004 = importlib.import_module("pilothub.accounts.migrations.0004_hashed_recovery_codes")


def expected_hash(code: str, secret: str) -> str:
    """Django's salted_hmac written out: key = SHA256(salt + secret), HMAC-SHA256(key, code)."""
    key = hashlib.sha256(("pilothub.accounts.recovery-code" + secret).encode()).digest()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def _text_values_containing(needle: str) -> list[str]:
    """Every text column of every model that holds `needle` (case-insensitive), as model.field."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                if model._default_manager.filter(**{f"{field.name}__icontains": needle}).exists():
                    found.append(f"{model._meta.label}.{field.name}")
            elif isinstance(field, models.JSONField):
                for value in model._default_manager.values_list(field.name, flat=True):
                    if needle.lower() in str(value).lower():
                        found.append(f"{model._meta.label}.{field.name}")
    return found


def test_the_database_holds_no_recovery_code_only_its_keyed_hash(settings):
    user, _secret, _step, codes = _enrolled_user(username="lin")
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(len(code) == 8 for code in codes)
    for code in codes:
        assert _text_values_containing(code) == []
    stored = set(RecoveryCode.objects.filter(device__user=user).values_list("code_hash", flat=True))
    assert stored == {expected_hash(code, settings.SECRET_KEY) for code in codes}
    assert not StaticToken.objects.exists()


def test_a_code_works_once_whatever_its_case_and_dashes():
    user, _secret, _step, codes = _enrolled_user(username="xu")
    typed = f"{codes[3][:4].upper()}-{codes[3][4:]}"
    device, problem = second_factor_verify(user=user, code=typed)
    assert isinstance(device, HashedRecoveryDevice) and problem == ""
    assert RecoveryCode.objects.filter(device__user=user).count() == 9
    with override_settings(OTP_STATIC_THROTTLE_FACTOR=0):
        assert second_factor_verify(user=user, code=codes[3]) == (None, "wrong_code")
        assert second_factor_verify(user=user, code=codes[4])[0] == device
    assert RecoveryCode.objects.filter(device__user=user).count() == 8


def test_a_wrong_code_is_throttled_and_the_right_one_then_resets_the_throttle():
    user, _secret, _step, codes = _enrolled_user(username="gao")
    assert second_factor_verify(user=user, code="aaaaaaaa") == (None, "wrong_code")
    device = HashedRecoveryDevice.objects.get(user=user)
    assert device.throttling_failure_count == 1
    assert second_factor_verify(user=user, code=codes[0]) == (None, "throttled")  # django-otp's 1 s delay
    assert RecoveryCode.objects.filter(device__user=user).count() == 10
    with override_settings(OTP_STATIC_THROTTLE_FACTOR=0):
        assert second_factor_verify(user=user, code=codes[0])[0] == device
    device.refresh_from_db()
    assert device.throttling_failure_count == 0 and device.last_used_at is not None


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, OTP_STATIC_THROTTLE_FACTOR=0)
def test_wrong_recovery_codes_count_towards_the_lockout():
    user, _secret, _step, codes = _enrolled_user(username="luo")
    client = Client()
    _login_password(client, "luo")
    statuses = [client.post("/accounts/login/code/", {"code": "zzzz-zzzz"}).status_code for _ in range(3)]
    assert statuses == [400, 400, 429]
    assert HashedRecoveryDevice.objects.get(user=user).throttling_failure_count == 3
    # Locked: the password step is refused, and a right recovery code was not consumed.
    assert _login_password(client, "luo").status_code == 429
    assert "_auth_user_id" not in client.session
    assert RecoveryCode.objects.filter(device__user=user).count() == 10


def test_regenerating_voids_the_old_codes_and_keeps_a_recovery_session_verified():
    user, _secret, _step, codes = _enrolled_user(username="tang")
    client = Client()
    _login_password(client, "tang")
    assert client.post("/accounts/login/code/", {"code": codes[0]}).status_code == 302
    response = client.post("/accounts/security/recovery-codes/")
    assert response.status_code == 200
    # The session verified by a recovery code is still verified: the device was kept.
    assert client.get("/accounts/tokens/").status_code == 200
    new_codes = recovery_codes_regenerate(user=user)
    assert HashedRecoveryDevice.objects.filter(user=user).count() == 1
    with override_settings(OTP_STATIC_THROTTLE_FACTOR=0):
        for old in codes[1:]:
            assert second_factor_verify(user=user, code=old) == (None, "wrong_code")
        assert second_factor_verify(user=user, code=new_codes[0])[1] == ""
    assert not any(_text_values_containing(code) for code in new_codes)


def test_codes_survive_a_secret_key_rotation_while_the_old_key_is_a_fallback(settings):
    user, _secret, _step, codes = _enrolled_user(username="cai")
    old_key = settings.SECRET_KEY
    with override_settings(SECRET_KEY="n" * 60, SECRET_KEY_FALLBACKS=[old_key], OTP_STATIC_THROTTLE_FACTOR=0):
        assert second_factor_verify(user=user, code=codes[0])[1] == ""
    with override_settings(SECRET_KEY="n" * 60, SECRET_KEY_FALLBACKS=[], OTP_STATIC_THROTTLE_FACTOR=0):
        assert second_factor_verify(user=user, code=codes[1]) == (None, "wrong_code")


def test_the_admin_reset_removes_the_hashes():
    from pilothub.accounts.two_factor import two_factor_reset
    from pilothub.testing.factories import admin

    user, *_rest = _enrolled_user(username="wei")
    assert two_factor_reset(user=user, actor=admin()) == 2  # the authenticator and the recovery device
    assert not HashedRecoveryDevice.objects.filter(user=user).exists()
    assert not RecoveryCode.objects.filter(device__user=user).exists()


# --- the migration (accounts/0004_hashed_recovery_codes) ----------------------------------------

def test_the_migration_hash_is_the_one_the_app_checks(settings):
    for typed in ("abcd2345", "ABCD-2345", " abcd 2345 "):
        assert migration_0004._hash(typed) == recovery_code_hash(typed) == expected_hash("abcd2345", settings.SECRET_KEY)


def test_the_migration_moves_plaintext_codes_to_hashes_and_deletes_them(settings):
    user, *_rest = _enrolled_user(username="qian")
    HashedRecoveryDevice.objects.filter(user=user).delete()  # as before the upgrade: only a StaticDevice
    old = StaticDevice.objects.create(user=user, name="recovery", confirmed=True, throttling_failure_count=2)
    plain = ["aaaabbbb", "ccccdddd", "eeeeffff"]
    StaticToken.objects.bulk_create([StaticToken(device=old, token=code) for code in plain])
    other = UserFactory()
    other_static = StaticDevice.objects.create(user=other, name="recovery", confirmed=True)
    StaticToken.objects.create(device=other_static, token="gggghhhh")

    migration_0004.hash_plaintext_recovery_codes(apps, None)

    assert not StaticToken.objects.exists() and not StaticDevice.objects.exists()
    device = HashedRecoveryDevice.objects.get(user=user)
    assert (device.name, device.confirmed, device.throttling_failure_count) == ("recovery", True, 2)
    assert (sorted(RecoveryCode.objects.filter(device=device).values_list("code_hash", flat=True))
            == sorted(expected_hash(code, settings.SECRET_KEY) for code in plain))
    assert (list(RecoveryCode.objects.filter(device__user=other).values_list("code_hash", flat=True))
            == [expected_hash("gggghhhh", settings.SECRET_KEY)])
    for code in plain:
        assert _text_values_containing(code) == []

    # The codes users wrote down still log them in, once each.
    HashedRecoveryDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    client = Client()
    _login_password(client, "qian")
    assert client.post("/accounts/login/code/", {"code": "CCCC DDDD"}).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert RecoveryCode.objects.filter(device=device).count() == 2
    client.post("/accounts/logout/")
    with override_settings(OTP_STATIC_THROTTLE_FACTOR=0):
        assert second_factor_verify(user=user, code="ccccdddd") == (None, "wrong_code")
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1  # the authenticator is untouched
    assert AuditEvent.objects.filter(actor=user, action="two_factor_recovery_used").count() == 1


def test_the_migration_leaves_nothing_to_do_when_nothing_is_stored():
    migration_0004.hash_plaintext_recovery_codes(apps, None)
    assert not HashedRecoveryDevice.objects.exists() and not RecoveryCode.objects.exists()
