import pytest

from pilothub.bookings.models import ServiceOrder
from pilothub.demands.models import Demand, DemandMessage, Quote
from pilothub.testing.factories import DemandFactory

from .factories import enterprise_user, in_days, operator_with_platform, vocab

pytestmark = pytest.mark.django_db

GOOD = {"title": "SiC 功率器件可靠性验证", "text": "需要 HTGB、HTRB 各 1000 小时试验。", "industry": "new-materials",
        "service_types": ["inspection-testing"], "budget_min": 100000, "budget_max": 300000, "region_preference": "110000",
        "visibility": "public"}


def post_json(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_publish_read_quote_accept_and_message_contract(client):
    vocab()
    owner = enterprise_user()
    client.force_login(owner)
    response = post_json(client, "/api/v1/demands", {**GOOD, "deadline": in_days(10).isoformat()})
    assert response.status_code == 201, response.content
    body = response.json()
    assert {k: body[k] for k in ("title", "industry", "service_types", "budget_min", "budget_max", "region",
                                 "region_preference", "visibility", "status")} == {
        "title": GOOD["title"], "industry": "new-materials", "service_types": ["inspection-testing"], "budget_min": 100000,
        "budget_max": 300000, "region": "110116", "region_preference": "110000", "visibility": "public",
        "status": "open"}
    demand_id = body["id"]
    client.logout()
    assert client.get(f"/api/v1/demands/{demand_id}").json()["title"] == GOOD["title"]
    assert [d["id"] for d in client.get("/api/v1/demands?q=可靠性").json()] == [demand_id]

    op, platform = operator_with_platform()
    client.force_login(op)
    response = post_json(client, f"/api/v1/demands/{demand_id}/quotes",
                         {"platform": platform.pk, "price": 150000, "duration_days": 45, "conditions": "样品自备"})
    assert response.status_code == 201
    quote_id = response.json()["id"]
    assert response.json()["status"] == "submitted"
    response = post_json(client, f"/api/v1/demands/{demand_id}/messages?platform={platform.pk}", {"body": "可先做 168h 摸底"})
    assert response.status_code == 201 and response.json()["side"] == "platform"
    # The operator cannot accept.
    assert client.post(f"/api/v1/quotes/{quote_id}/accept").status_code == 403

    client.force_login(owner)
    assert [m["body"] for m in client.get(f"/api/v1/demands/{demand_id}/messages?platform={platform.pk}").json()] == [
        "可先做 168h 摸底"]
    response = client.post(f"/api/v1/quotes/{quote_id}/accept")
    assert response.status_code == 200
    order = ServiceOrder.objects.get()
    assert response.json() == {"quote": quote_id, "order": order.pk, "demand_status": "matched"}
    assert order.is_external and order.quoted_amount == 150000


@pytest.mark.parametrize(("changes", "field", "code"), [
    ({"text": ""}, "text", "required"),
    ({"text": "字" * 5001}, "text", "too_long"),
    ({"region_preference": "123456"}, "region_preference", "unknown_region"),
    ({"deadline": "2000-01-01"}, "deadline", "deadline_past"),
    ({"budget_min": 500000, "budget_max": 1000}, "budget_min", "budget_range"),
])
def test_bad_demand_input_is_a_bilingual_400_and_nothing_saved(client, changes, field, code):
    vocab()
    client.force_login(enterprise_user())
    response = post_json(client, "/api/v1/demands", {**GOOD, "deadline": in_days(10).isoformat(), **changes})
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["field"], error["code"]) == (field, code)
    assert error["message_zh"] and error["message_en"] and error["message_zh"] != error["message_en"]
    assert Demand.objects.count() == 0


def test_publish_needs_login(client):
    response = post_json(client, "/api/v1/demands", {**GOOD, "deadline": in_days(10).isoformat()})
    assert response.status_code == 401
    assert Demand.objects.count() == 0


def test_quote_on_closed_demand_and_bad_quote(client):
    owner = enterprise_user()
    closed = DemandFactory(enterprise=owner.organisation, status="closed")
    open_demand = DemandFactory(enterprise=owner.organisation)
    op, platform = operator_with_platform()
    client.force_login(op)
    response = post_json(client, f"/api/v1/demands/{closed.pk}/quotes",
                         {"platform": platform.pk, "price": 1000, "duration_days": 3})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "demand_closed"
    response = post_json(client, f"/api/v1/demands/{open_demand.pk}/quotes", {"platform": platform.pk, "price": 1000})
    assert response.status_code == 400 and response.json()["error"]["field"] == "duration_days"
    response = post_json(client, f"/api/v1/demands/{open_demand.pk}/messages?platform={platform.pk}", {"body": ""})
    assert response.status_code == 400 and response.json()["error"]["field"] == "body"
    assert Quote.objects.count() == 0 and DemandMessage.objects.count() == 0


def test_non_owner_accept_is_refused(client):
    owner = enterprise_user()
    demand = DemandFactory(enterprise=owner.organisation)
    op, platform = operator_with_platform()
    client.force_login(op)
    quote_id = post_json(client, f"/api/v1/demands/{demand.pk}/quotes",
                         {"platform": platform.pk, "price": 1000, "duration_days": 3}).json()["id"]
    # Another enterprise cannot even see the quote (404, the house rule for out-of-scope objects);
    # the quoting operator sees it but may not accept it (403).
    client.force_login(enterprise_user())
    response = client.post(f"/api/v1/quotes/{quote_id}/accept")
    assert response.status_code == 404
    client.force_login(op)
    response = client.post(f"/api/v1/quotes/{quote_id}/accept")
    assert response.status_code == 403
    assert response.json()["error"]["message_en"].startswith("You are not allowed to accept")
    assert ServiceOrder.objects.count() == 0
    assert Quote.objects.get().status == "submitted"


def test_invisible_demand_is_404(client):
    owner = enterprise_user()
    _op, platform = operator_with_platform()
    demand = DemandFactory(enterprise=owner.organisation, visibility="invited")
    demand.invited_platforms.set([platform])
    response = client.get(f"/api/v1/demands/{demand.pk}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
