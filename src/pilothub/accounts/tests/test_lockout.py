import pytest
from django.test import override_settings

from pilothub.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account_even_for_the_right_password(client):
    UserFactory(username="victim", password="correct-horse-battery")
    for _ in range(3):
        response = client.post("/accounts/login/", {"username": "victim", "password": "wrong-password"})
    assert response.status_code == 429
    assert "暂时锁定" in response.content.decode()
    response = client.post("/accounts/login/", {"username": "victim", "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_a_success_before_the_limit_resets_the_count(client):
    UserFactory(username="forgetful", password="correct-horse-battery")
    for _ in range(2):
        client.post("/accounts/login/", {"username": "forgetful", "password": "nope"})
    response = client.post("/accounts/login/", {"username": "forgetful", "password": "correct-horse-battery"})
    assert response.status_code == 302
