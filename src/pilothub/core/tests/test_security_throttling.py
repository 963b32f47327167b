"""API rate limits: per token / user / address, writes stricter than reads, 429 + Retry-After."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import override_settings

from pilothub.accounts.tokens import api_token_create
from pilothub.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

LIMITS = {"PILOTHUB_API_THROTTLE_ENABLED": True, "PILOTHUB_API_RATE_READ": "5/min",
          "PILOTHUB_API_RATE_WRITE": "2/min"}


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def _assert_throttled(response) -> None:
    assert response.status_code == 429
    body = response.json()["error"]
    assert body["code"] == "rate_limited"
    assert "请求过于频繁" in body["message_zh"]
    assert body["message_en"].startswith("Too many requests")
    retry_after = int(response.headers["Retry-After"])
    assert 1 <= retry_after <= 60


@override_settings(**LIMITS)
def test_anonymous_reads_are_limited_per_address(client):
    for _ in range(5):
        assert client.get("/api/v1/regions", REMOTE_ADDR="10.0.0.1").status_code == 200
    _assert_throttled(client.get("/api/v1/regions", REMOTE_ADDR="10.0.0.1"))
    # Another address has its own budget; an invented X-Forwarded-For does not buy a new one.
    assert client.get("/api/v1/regions", REMOTE_ADDR="10.0.0.2").status_code == 200
    _assert_throttled(client.get("/api/v1/regions", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4"))


@override_settings(**LIMITS)
def test_each_token_has_its_own_budget(client):
    user = UserFactory()
    _, first = api_token_create(user=user, name="a")
    _, second = api_token_create(user=user, name="b")
    for _ in range(5):
        assert client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 200
    _assert_throttled(client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {first}"))
    assert client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 200


@override_settings(**LIMITS)
def test_writes_are_stricter_than_reads_and_counted_apart(client):
    user = UserFactory()
    _, token = api_token_create(user=user)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    for _ in range(2):
        response = client.post("/api/v1/policy/evaluate", {}, content_type="application/json", **auth)
        assert response.status_code != 429
    _assert_throttled(client.post("/api/v1/policy/evaluate", {}, content_type="application/json", **auth))
    # The read budget is untouched by the writes.
    assert client.get("/api/v1/accounts/me", **auth).status_code == 200


@override_settings(**LIMITS)
def test_a_logged_in_session_is_counted_per_user(client):
    client.force_login(UserFactory())
    for _ in range(5):
        assert client.get("/api/v1/accounts/me", REMOTE_ADDR="10.0.0.9").status_code == 200
    # Changing address does not reset a user's budget.
    _assert_throttled(client.get("/api/v1/accounts/me", REMOTE_ADDR="10.0.0.10"))


def test_the_test_settings_leave_the_api_unthrottled(client):
    for _ in range(30):
        assert client.get("/api/v1/health").status_code == 200
