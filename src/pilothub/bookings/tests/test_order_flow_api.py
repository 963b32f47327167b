"""The whole path through the public API: quote-accepted order → contract → voucher → booking →
delivery → acceptance → rating → the platform's reply."""

import pytest
from django.utils import timezone

from pilothub.bookings.models import Booking, OrderSource, OrderStatus, ServiceOrder
from pilothub.bookings.selectors import platform_rating_summary, rating_averages_by_platform_year
from pilothub.bookings.services import order_create
from pilothub.bookings.vouchers.models import VoucherWallet
from pilothub.core.models import AuditEvent
from pilothub.testing.factories import UserFactory, reviewer

from .factories import PDF_BYTES, Setting, local

pytestmark = pytest.mark.django_db


def post(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {}, content_type="application/json")


def test_order_walks_from_accepted_quote_to_rating(client, django_capture_on_commit_callbacks):
    s = Setting()
    # What the demands app does when an enterprise accepts a platform's quote.
    order = order_create(platform=s.platform, customer=s.enterprise_org, actor=s.enterprise,
                         title="传感器芯片 SEM 失效分析", source=OrderSource.QUOTE, source_ref="demands.quote:7",
                         quoted_amount=120_000, status=OrderStatus.QUOTED)
    url = f"/api/v1/orders/{order.pk}"
    assert order.is_external is True

    # The customer cannot record the contract; the operator can.
    response = post(client, s.enterprise, f"{url}/contract", {"amount": 120_000, "signed_on": str(timezone.localdate())})
    assert response.status_code == 403
    response = post(client, s.operator, f"{url}/contract",
                    {"amount": 120_000, "signed_on": str(timezone.localdate()),
                     "planned_start": str(timezone.localdate()), "planned_end": str(local(20, 9).date())})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "contracted" and response.json()["contract_amount"] == 120_000

    # The enterprise pays part of it with innovation vouchers.
    response = post(client, s.enterprise, f"{url}/voucher", {"amount": 80_000})
    assert response.status_code == 201, response.content
    assert response.json()["wallet_cap"] == 500_000 and response.json()["wallet_used"] == 80_000

    # It books the instrument under the order; the operator approves (no second order is opened).
    response = post(client, s.enterprise, f"/api/v1/equipment/{s.equipment.pk}/bookings",
                    {"start": local(2, 9).isoformat(), "end": local(2, 12).isoformat(), "purpose": "失效分析",
                     "order_id": order.pk})
    assert response.status_code == 201, response.content
    booking_id = response.json()["id"]
    assert post(client, s.operator, f"/api/v1/bookings/{booking_id}/approve").json()["order_id"] == order.pk
    assert ServiceOrder.objects.count() == 1

    assert post(client, s.operator, f"{url}/start").json()["status"] == "in_progress"
    # Delivery needs a report first.
    response = post(client, s.operator, f"{url}/deliver")
    assert response.status_code == 400 and response.json()["error"]["code"] == "report_required"
    client.force_login(s.operator)
    report = {"kind": "delivery_report", "file": _upload("失效分析报告.pdf", PDF_BYTES)}
    response = client.post(f"{url}/attachments", report)
    assert response.status_code == 201, response.content
    attachment_id = response.json()["id"]
    assert post(client, s.operator, f"{url}/deliver").json()["status"] == "delivered"

    # The customer downloads the report and accepts.
    client.force_login(s.enterprise)
    download = client.get(f"{url}/attachments/{attachment_id}")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, s.enterprise, f"{url}/accept").json()["status"] == "accepted"

    response = post(client, s.enterprise, f"{url}/rating",
                    {"quality": 5, "timeliness": 4, "price": 3, "communication": 5, "review": "报告详实"})
    assert response.status_code == 201
    assert post(client, s.enterprise, f"{url}/rating",
                {"quality": 5, "timeliness": 5, "price": 5, "communication": 5}).status_code == 409
    assert post(client, s.operator, f"{url}/rating/reply", {"reply": "感谢认可"}).status_code == 200
    response = post(client, s.operator, f"{url}/rating/reply", {"reply": "再次感谢"})
    assert response.status_code == 409 and response.json()["error"]["code"] == "already_replied"

    order.refresh_from_db()
    assert order.status == OrderStatus.RATED
    assert Booking.objects.get().order == order
    assert VoucherWallet.objects.get().used_amount == 80_000
    transitions = list(AuditEvent.objects.filter(action="order_transition", object_id=str(order.pk))
                       .order_by("id").values_list("note", "actor_username"))
    assert [note.split(":")[0] for note, _actor in transitions] == ["contract", "start", "deliver", "accept", "rate"]
    assert transitions[0][1] == s.operator.username and transitions[3][1] == s.enterprise.username
    assert platform_rating_summary(s.platform) == {"count": 1, "quality": 5.0, "timeliness": 4.0, "price": 3.0,
                                                   "communication": 5.0, "overall": 4.25}
    assert rating_averages_by_platform_year(platform_ids=[s.platform.pk]) == [
        {"platform_id": s.platform.pk, "year": timezone.localdate().year, "count": 1, "quality": 5.0,
         "timeliness": 4.0, "price": 3.0, "communication": 5.0, "overall": 4.25}]
    client.logout()
    assert client.get(f"/api/v1/platforms/{s.platform.pk}/rating-summary").json()["overall"] == 4.25


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_attachments_are_visible_to_the_parties_and_regional_reviewers_only(client):
    s = Setting()
    order = order_create(platform=s.platform, customer=s.enterprise_org, actor=s.enterprise, title="检测")
    client.force_login(s.enterprise)
    response = client.post(f"/api/v1/orders/{order.pk}/attachments", {"kind": "other", "file": _upload("a.pdf", PDF_BYTES)})
    assert response.status_code == 201
    url = f"/api/v1/orders/{order.pk}/attachments/{response.json()['id']}"
    for user, status in [(s.operator, 200), (reviewer("110116"), 200), (reviewer("110000"), 200),
                         (reviewer("330400"), 404), (UserFactory(), 404)]:
        client.force_login(user)
        assert client.get(url).status_code == status, user
    client.logout()
    assert client.get(url).status_code == 401


def test_wrong_state_transitions_are_409_and_change_nothing(client):
    s = Setting()
    order = order_create(platform=s.platform, customer=s.enterprise_org, actor=s.enterprise, title="检测")
    response = post(client, s.operator, f"/api/v1/orders/{order.pk}/deliver")
    assert response.status_code == 409 and response.json()["error"]["code"] == "invalid_transition"
    response = post(client, s.enterprise, f"/api/v1/orders/{order.pk}/quote", {"amount": 5})
    assert response.status_code == 403
    response = post(client, s.operator, f"/api/v1/orders/{order.pk}/quote", {"amount": 0})
    assert response.status_code == 400 and response.json()["error"]["field"] == "amount"
    order.refresh_from_db()
    assert (order.status, order.quoted_amount) == ("inquiry", None)
    assert not AuditEvent.objects.filter(action="order_transition").exists()
