"""schemathesis over /api/v1/openapi.json: no 5xx, and every response conforms to the schema.

Runs in-process against the Django WSGI application (no server), once as an anonymous client
and once with an enterprise user's API token, with a small number of generated examples per
operation so the whole run stays well under three minutes on two cores. Throttling is off in
the test settings, so 429 never masks a result.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from pilothub.testing.factories import EquipmentFactory, PlatformFactory, UserFactory

MAX_EXAMPLES = 12
CHECKS = [not_a_server_error, response_schema_conformance]


from pilothub.wsgi import application  # noqa: E402

# Fetched through the application itself, as a client would (no database access).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calling the WSGI application directly (not Django's test client) fires request_finished,
    which closes the database connection — and with it the test's transaction on PostgreSQL.
    Django's test client disconnects the same handler for the same reason."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db) -> str:
    from pilothub.accounts.tokens import api_token_create

    user = UserFactory(username="fuzzer")
    # A few objects so generated small ids sometimes reach real rows.
    EquipmentFactory(platform=PlatformFactory(operator=user.organisation))
    return api_token_create(user=user, name="schemathesis")[1]


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_anonymous(case, db):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_with_token(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/demands", "/api/v1/content/news", "/api/v1/policy-documents"])
def test_huge_paging_values_are_refused_not_crashed(client, path):
    """Found by schemathesis: an offset beyond 64 bits overflowed SQLite's OFFSET (500)."""
    response = client.get(path, {"offset": "5126368903846768711162910608457728"})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "offset"
    assert client.get(path, {"offset": "0", "limit": "5"}).status_code == 200


@pytest.mark.django_db
def test_nul_characters_are_refused_before_they_reach_the_database(client):
    """Found by schemathesis on PostgreSQL: NUL in a query string became a DataError (500)."""
    response = client.get("/api/v1/policy-documents", {"region": "11\x000000"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    response = client.post("/api/v1/policy/evaluate", '{"region": "11\\u00000000"}', content_type="application/json")
    assert response.status_code == 400
    assert client.get("/demands/", {"q": "a\x00b"}).status_code == 400
    assert client.post("/accounts/login/", "username=a%00&password=x",
                       content_type="application/x-www-form-urlencoded").status_code == 400
    assert client.get("/api/v1/policy-documents", {"region": "110000"}).status_code == 200
