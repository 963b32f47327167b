import hashlib

import pytest
from django.core.management import call_command

from pilothub.accounts.models import ApiToken
from pilothub.testing.factories import UserFactory, operator

pytestmark = pytest.mark.django_db


def test_create_token_command_prints_a_token_that_authenticates(capsys, client):
    user = operator(username="op1")
    call_command("create_token", "op1")
    plain = capsys.readouterr().out.strip()
    assert plain.startswith("ph_")
    stored = ApiToken.objects.get(user=user)
    assert stored.key_hash == hashlib.sha256(plain.encode()).hexdigest()
    assert plain not in (stored.key_hash, stored.prefix)

    response = client.get("/api/v1/accounts/me", headers={"Authorization": f"Bearer {plain}"})
    assert response.status_code == 200
    assert response.json()["username"] == "op1"


def test_revoked_and_unknown_tokens_are_refused(capsys, client):
    operator(username="op2")
    call_command("create_token", "op2")
    plain = capsys.readouterr().out.strip()
    call_command("revoke_token", plain)
    response = client.get("/api/v1/accounts/me", headers={"Authorization": f"Bearer {plain}"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_token"
    assert client.get("/api/v1/accounts/me", headers={"Authorization": "Bearer ph_nope"}).status_code == 401
    assert client.get("/api/v1/accounts/me", headers={"Authorization": "Basic abc"}).status_code == 401


def test_a_deactivated_users_token_stops_working(capsys, client):
    user = UserFactory(username="gone")
    call_command("create_token", "gone")
    plain = capsys.readouterr().out.strip()
    user.is_active = False
    user.save()
    assert client.get("/api/v1/accounts/me", headers={"Authorization": f"Bearer {plain}"}).status_code == 401


def test_anonymous_api_call_to_a_protected_endpoint_is_401_in_both_languages(client):
    response = client.get("/api/v1/accounts/me")
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["message_zh"] and error["message_en"]


def test_session_users_reach_the_api_too(client):
    client.force_login(UserFactory(username="web"))
    assert client.get("/api/v1/accounts/me").json()["username"] == "web"


def test_tokens_page_creates_and_revokes(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/accounts/tokens/", {"name": "ERP 对接"})
    plain = response.context["new_token"]
    assert ApiToken.objects.get(user=user).name == "ERP 对接"
    token = ApiToken.objects.get(user=user)
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get("/api/v1/accounts/me", headers={"Authorization": f"Bearer {plain}"}).status_code == 401


def test_one_user_cannot_revoke_anothers_token(client, capsys):
    operator(username="owner")
    call_command("create_token", "owner")
    token = ApiToken.objects.get(user__username="owner")
    client.force_login(UserFactory())
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
