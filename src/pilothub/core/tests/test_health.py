import pytest

pytestmark = pytest.mark.django_db


def test_liveness_and_readiness(client):
    assert client.get("/health/live/").json() == {"status": "ok"}
    response = client.get("/health/ready/?format=json")
    assert response.status_code == 200
    assert all(value == "OK" for value in response.json().values())
