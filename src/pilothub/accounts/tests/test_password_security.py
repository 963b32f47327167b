"""Password expiry and no reuse of the recent passwords (等保 2.0: 口令定期更换)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.hashers import check_password
from django.test import Client, override_settings
from django.utils import timezone

from pilothub.accounts.models import PasswordHistory, User
from pilothub.accounts.selectors import password_is_expired
from pilothub.accounts.services import PASSWORD_CHANGE, account_password_change
from pilothub.core.errors import DomainError
from pilothub.core.models import AuditEvent
from pilothub.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

OLD = "correct-horse-battery"
PASSWORDS = [f"Zhongshi-{n}-Pilot" for n in range(1, 8)]


def _aged(days: int, **kwargs) -> User:
    user = UserFactory(**kwargs)
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - datetime.timedelta(days=days))
    user.refresh_from_db()
    return user


@override_settings(PILOTHUB_PASSWORD_MAX_AGE_DAYS=90)
def test_an_expired_password_must_be_changed_before_anything_else():
    user = _aged(91, username="lao")
    client = Client()
    response = client.post("/accounts/login/", {"username": "lao", "password": OLD}, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/security/password/"
    assert "超过规定的使用期限" in response.content.decode()
    for path in ("/", "/platforms/", "/accounts/tokens/"):
        response = client.get(path)
        assert response.status_code == 302 and response.url == "/accounts/security/password/", path
    api = client.get("/api/v1/accounts/me")
    assert api.status_code == 403 and api.json()["error"]["code"] == "password_change"

    # The old password again is refused (it is the most recent one), nothing changes.
    response = client.post("/accounts/security/password/", {"old_password": OLD, "new_password1": OLD,
                                                             "new_password2": OLD})
    assert response.status_code == 400 and "最近 5 次" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(OLD)

    before = timezone.now()
    response = client.post("/accounts/security/password/", {"old_password": OLD, "new_password1": PASSWORDS[0],
                                                             "new_password2": PASSWORDS[0]})
    assert response.status_code == 302 and response.url == "/"
    user.refresh_from_db()
    assert user.check_password(PASSWORDS[0]) and user.password_changed_at >= before
    assert client.get("/accounts/tokens/").status_code == 200  # still logged in, free again
    assert AuditEvent.objects.filter(actor=user, action=PASSWORD_CHANGE).count() == 1


@override_settings(PILOTHUB_PASSWORD_MAX_AGE_DAYS=90)
def test_a_password_younger_than_the_limit_is_not_sent_to_change():
    _aged(89, username="xiao")
    client = Client()
    response = client.post("/accounts/login/", {"username": "xiao", "password": OLD})
    assert response.url == "/"
    assert client.get("/accounts/tokens/").status_code == 200


def test_expiry_is_off_when_the_limit_is_zero():
    user = _aged(3650)
    assert password_is_expired(user=user) is False
    with override_settings(PILOTHUB_PASSWORD_MAX_AGE_DAYS=90):
        assert password_is_expired(user=user) is True
        assert password_is_expired(user=user, now=user.password_changed_at + datetime.timedelta(days=90)) is False


def test_the_last_five_passwords_cannot_be_reused():
    user = UserFactory()
    for password in PASSWORDS[:6]:
        account_password_change(user=user, new_password=password)
    # History: the last five (2…6); the first one has dropped out and may come back.
    assert PasswordHistory.objects.filter(user=user).count() == 5
    for password in PASSWORDS[1:6]:
        with pytest.raises(DomainError) as caught:
            account_password_change(user=user, new_password=password)
        assert caught.value.code == "weak_password" and "最近 5 次" in caught.value.message_zh
    user.refresh_from_db()
    assert user.check_password(PASSWORDS[5])
    account_password_change(user=user, new_password=PASSWORDS[0])
    user.refresh_from_db()
    assert user.check_password(PASSWORDS[0])


def test_setting_a_password_records_its_hash_and_date():
    user = UserFactory()
    assert user.password_changed_at is None  # written directly by the factory: age unknown
    before = timezone.now()
    user.set_password(PASSWORDS[2])
    user.save()
    user.refresh_from_db()
    assert user.password_changed_at >= before
    stored = PasswordHistory.objects.get(user=user)
    assert stored.password == user.password and check_password(PASSWORDS[2], stored.password)


def test_the_change_form_checks_the_current_password():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    response = client.post("/accounts/security/password/", {"old_password": "wrong", "new_password1": PASSWORDS[3],
                                                             "new_password2": PASSWORDS[3]})
    assert response.status_code == 400 and "当前密码不正确" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(OLD) and not PasswordHistory.objects.filter(user=user).exists()
