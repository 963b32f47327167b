"""The whole path through /api/v1 with personal API tokens (no session): the enterprise publishes a
demand → the operator quotes → the enterprise accepts (an order) → the operator sets the
instrument's hours and records the contract → the enterprise applies vouchers and books the
instrument (201; an overlapping request 409) → delivery with a report → acceptance → rating, then
the platform redeems the voucher part (通兑) and a reviewer approves it."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pilothub.accounts.tokens import api_token_create
from pilothub.bookings.models import Booking, OrderStatus, ServiceOrder
from pilothub.bookings.vouchers.models import VoucherRedemption, VoucherWallet
from pilothub.testing.factories import UserFactory, reviewer, service_type

from .factories import PDF_BYTES, Setting, local

pytestmark = pytest.mark.django_db


class Api:
    """A client speaking as one token holder."""

    def __init__(self, client, user):
        self.client, self.auth = client, {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)[1]}"}

    def get(self, url):
        return self.client.get(f"/api/v1{url}", **self.auth)

    def post(self, url, data=None):
        return self.client.post(f"/api/v1{url}", data or {}, content_type="application/json", **self.auth)

    def put(self, url, data):
        return self.client.put(f"/api/v1{url}", data, content_type="application/json", **self.auth)

    def upload(self, url, kind, name, content=PDF_BYTES):
        return self.client.post(f"/api/v1{url}", {"kind": kind, "file": SimpleUploadedFile(name, content)},
                                **self.auth)


def ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


def test_demand_to_rating_and_redemption_through_the_api(client):
    s = Setting()
    service_type("inspection-testing", "检验检测")
    enterprise, operator, beijing = Api(client, s.enterprise), Api(client, s.operator), Api(client, reviewer("110000"))
    assert "sessionid" not in client.cookies  # tokens only, never a logged-in session

    # 1. The enterprise publishes a demand; the platform quotes; the enterprise accepts → an order.
    demand = ok(enterprise.post("/demands", {
        "title": "MEMS 传感器失效分析", "text": "需要 SEM 形貌观察与能谱分析。", "service_types": ["inspection-testing"],
        "deadline": str(timezone.localdate() + datetime.timedelta(days=20)), "budget_max": 150_000}), 201)
    quote = ok(operator.post(f"/demands/{demand['id']}/quotes", {
        "platform": s.platform.pk, "price": 120_000, "duration_days": 20, "conditions": "样品自备"}), 201)
    accepted = ok(enterprise.post(f"/quotes/{quote['id']}/accept"))
    order_url = f"/orders/{accepted['order']}"
    order = ok(enterprise.get(order_url))
    assert (order["status"], order["quoted_amount"], order["source"], order["is_external"]) == (
        "quoted", 120_000, "quote", True)

    # 2. The operator sets the instrument's hours and a maintenance block, and records the contract.
    assert enterprise.get(f"/platforms/{s.platform.pk}/availability").status_code == 404
    hours = ok(operator.put(f"/platforms/{s.platform.pk}/opening-hours", {
        "equipment_id": s.equipment.pk,
        "rows": [{"weekday": day, "opens": "08:30", "closes": "17:30"} for day in range(7)]}))
    assert hours["equipment"][0]["hours"][0] == {"weekday": 0, "opens": "08:30:00", "closes": "17:30:00"}
    block = ok(operator.post(f"/equipment/{s.equipment.pk}/maintenance", {
        "start": local(3, 8, 30).isoformat(), "end": local(3, 17, 30).isoformat(), "reason": "年度校准"}), 201)
    assert block["conflicting_bookings"] == []
    ok(operator.upload(f"{order_url}/attachments", "contract", "合同.pdf"), 201)
    order = ok(operator.post(f"{order_url}/contract", {
        "amount": 120_000, "signed_on": str(timezone.localdate()), "service_type": "inspection-testing"}))
    assert (order["status"], order["contract_amount"]) == ("contracted", 120_000)

    # 3. Vouchers pay part of it (通兑: the enterprise pays the remaining 40 000 yuan itself).
    use = ok(enterprise.post(f"{order_url}/voucher", {"amount": 80_000}), 201)
    assert (use["wallet_cap"], use["wallet_used"]) == (500_000, 80_000)

    # 4. Booking the instrument: maintenance 400, a slot 201, an overlapping slot 409.
    slot = {"start": local(2, 9).isoformat(), "end": local(2, 12).isoformat(), "purpose": "SEM 形貌观察",
            "order_id": order["id"]}
    response = enterprise.post(f"/equipment/{s.equipment.pk}/bookings", {**slot, "start": local(3, 9).isoformat(),
                                                                           "end": local(3, 10).isoformat()})
    assert response.status_code == 400 and response.json()["error"]["code"] == "in_maintenance"
    booking = ok(enterprise.post(f"/equipment/{s.equipment.pk}/bookings", slot), 201)
    other = Api(client, UserFactory(role="enterprise", organisation=s.enterprise_org))
    response = other.post(f"/equipment/{s.equipment.pk}/bookings", {
        **slot, "start": local(2, 11).isoformat(), "end": local(2, 13).isoformat(), "order_id": None})
    assert response.status_code == 409 and response.json()["error"]["code"] == "booking_overlap"
    assert ok(operator.post(f"/bookings/{booking['id']}/approve"))["order_id"] == order["id"]

    # 5. Work, delivery with a report, acceptance, rating.
    assert ok(operator.post(f"{order_url}/start"))["status"] == "in_progress"
    ok(operator.upload(f"{order_url}/attachments", "delivery_report", "失效分析报告.pdf"), 201)
    assert ok(operator.post(f"{order_url}/deliver"))["status"] == "delivered"
    assert ok(enterprise.post(f"{order_url}/accept"))["status"] == "accepted"
    rating = ok(enterprise.post(f"{order_url}/rating", {"quality": 5, "timeliness": 4, "price": 4,
                                                        "communication": 5, "review": "分析透彻"}), 201)
    assert rating["review"] == "分析透彻"
    assert ok(enterprise.get(order_url))["status"] == "rated"

    # 6. The platform redeems the voucher part with the invoice; the reviewer sees the checks and approves.
    response = operator.post(f"{order_url}/redemption")
    assert response.status_code == 400 and response.json()["error"]["code"] == "evidence_missing"
    ok(operator.upload(f"{order_url}/attachments", "invoice", "发票.pdf"), 201)
    redemption = ok(operator.post(f"{order_url}/redemption"), 201)
    assert (redemption["mode"], redemption["amount"], redemption["payee"]) == (
        "tongdui", 80_000, s.platform.operator.name)
    # The test compresses time: the report was uploaded before the booked slot (in two days) took
    # place, so that check raises its flag, naming the report and the booking.
    detail = ok(beijing.get(f"/voucher-redemptions/{redemption['id']}"))
    flagged = [c for c in detail["checks"] if c["flagged"]]
    assert [c["rule"] for c in flagged] == ["report_before_booking"]
    assert [r["type"] for r in flagged[0]["records"]] == ["attachment", "booking"]
    approve = f"/voucher-redemptions/{redemption['id']}/approve"
    response = beijing.post(approve, {"note": "材料齐全"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "flags_not_acknowledged"
    assert ok(beijing.post(approve, {"note": "已电话核实：报告为预检结果，正式测试后补交", "acknowledge_flags": True}))[
        "status"] == "approved"

    # What the database holds at the end.
    stored = ServiceOrder.objects.get()
    assert (stored.status, stored.contract_amount, stored.service_type_id) == (OrderStatus.RATED, 120_000, "inspection-testing")
    assert list(Booking.objects.values_list("status", "order_id")) == [("approved", stored.pk)]
    assert VoucherWallet.objects.get().used_amount == 80_000
    assert VoucherRedemption.objects.get().status == "approved"


def test_availability_validation_speaks_chinese_and_changes_nothing(client):
    s = Setting()
    operator = Api(client, s.operator)
    url = f"/platforms/{s.platform.pk}/opening-hours"
    before = ok(operator.get(f"/platforms/{s.platform.pk}/availability"))
    response = operator.put(url, {"rows": [{"weekday": 0, "opens": "08:00", "closes": "12:00"},
                                           {"weekday": 0, "opens": "11:00", "closes": "14:00"}]})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "hours_overlap"
    response = operator.put(url, {"rows": [{"weekday": 7, "opens": "08:00", "closes": "12:00"}]})
    assert response.json()["error"]["code"] == "invalid_weekday"
    response = operator.put(url, {"rows": [{"weekday": 1, "opens": "12:00", "closes": "08:00"}]})
    assert response.json()["error"]["code"] == "invalid_range"
    assert ok(operator.get(f"/platforms/{s.platform.pk}/availability")) == before

    response = operator.put(f"/platforms/{s.platform.pk}/booking-policy",
                            {"free_cancel_hours": 1000, "late_cancellation": "refuse"})
    assert response.json()["error"]["code"] == "invalid_hours"
    response = operator.put(f"/platforms/{s.platform.pk}/booking-policy",
                            {"free_cancel_hours": 48, "late_cancellation": "maybe"})
    assert response.json()["error"]["code"] == "invalid_choice"
    policy = ok(operator.put(f"/platforms/{s.platform.pk}/booking-policy",
                             {"free_cancel_hours": 48, "late_cancellation": "refuse", "max_advance_days": 30}))
    assert policy == {"free_cancel_hours": 48, "late_cancellation": "refuse", "max_advance_days": 30}

    maintenance = f"/equipment/{s.equipment.pk}/maintenance"
    first = ok(operator.post(maintenance, {"start": local(1, 8).isoformat(), "end": local(1, 12).isoformat()}), 201)
    response = operator.post(maintenance, {"start": local(1, 10).isoformat(), "end": local(1, 14).isoformat()})
    assert response.json()["error"]["code"] == "maintenance_overlap"
    outsider = Api(client, UserFactory(role="operator"))
    assert outsider.post(maintenance, {"start": local(5, 8).isoformat(),
                                       "end": local(5, 9).isoformat()}).status_code == 404
    assert outsider.client.delete(f"/api/v1/maintenance/{first['id']}", **outsider.auth).status_code == 404
    assert client.delete(f"/api/v1/maintenance/{first['id']}", **operator.auth).status_code == 204
    assert ok(operator.get(f"/platforms/{s.platform.pk}/availability"))["equipment"][0]["maintenance"] == []


def test_a_maintenance_block_reports_the_bookings_inside_it(client):
    s = Setting()
    enterprise, operator = Api(client, s.enterprise), Api(client, s.operator)
    booking = ok(enterprise.post(f"/equipment/{s.equipment.pk}/bookings", {
        "start": local(4, 9).isoformat(), "end": local(4, 10).isoformat(), "purpose": "测试"}), 201)
    block = ok(operator.post(f"/equipment/{s.equipment.pk}/maintenance", {
        "start": local(4, 8).isoformat(), "end": local(4, 18).isoformat(), "reason": "故障维修"}), 201)
    assert block["conflicting_bookings"] == [booking["id"]]
    assert Booking.objects.get().status == "pending"  # decision 0601: the operator decides each booking
