"""Voucher modes (通用 / 通兑) as data, redemption with evidence, review and payment batches."""

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from pilothub.bookings.models import ServiceOrder
from pilothub.bookings.vouchers.models import (
    RedemptionStatus,
    VoucherPaymentBatch,
    VoucherRedemption,
    VoucherUse,
    VoucherWallet,
)
from pilothub.bookings.vouchers.rules import parse_rules
from pilothub.bookings.vouchers.services import (
    payment_batch_create,
    redemption_approve,
    redemption_return,
    redemption_submit,
    voucher_apply,
)
from pilothub.core.errors import DomainError
from pilothub.core.models import AuditEvent
from pilothub.testing.factories import PlatformFactory, region, reviewer, service_type

from .factories import PNG_BYTES, Setting, open_all_week
from .voucher_setup import accepted, contracted, upload, write_checks, write_rules

pytestmark = pytest.mark.django_db


def error_of(call, **kwargs):
    with pytest.raises(DomainError) as error:
        call(**kwargs)
    return error.value


# --- the rule data ----------------------------------------------------------------------------------

def test_beijing_ships_as_tongdui_without_share_or_per_application_cap():
    from pilothub.bookings.vouchers.rules import load_rules

    version = load_rules()["110000"][0]
    assert (version.mode, version.mode_label, version.voucher_rate_max, version.per_application_cap,
            version.eligible_platforms, version.service_types) == ("tongdui", "通兑", 1, None, "listed", ())
    assert version.max_voucher_for(123_457) == 123_457


@pytest.mark.parametrize("field, value, message", [
    ("mode", "cash", "mode must be one of"),
    ("voucher_rate_max", "1.5", "in \\(0, 1\\]"),
    ("voucher_rate_max", "abc", "must be a number"),
    ("per_application_cap", 0, "per_application_cap"),
    ("eligible_platforms", "everyone", "eligible_platforms"),
])
def test_malformed_mode_fields_are_refused(field, value, message):
    version = {"effective_from": datetime.date(2026, 1, 1), "yearly_cap": 1, "citation": "c", "mode": "tongdui",
               field: value}
    with pytest.raises(ValueError, match=message):
        parse_rules({"rules": [{"region": "1", "name": "x", "versions": [version]}]})


# --- caps and the share rule at application ----------------------------------------------------------

def test_the_share_rule_and_the_per_application_cap_are_enforced(settings, tmp_path):
    settings.VOUCHER_RULES_FILE = write_rules(tmp_path, voucher_rate_max="0.5", per_application_cap=60_000)
    s = Setting()
    order = contracted(s, 100_000)
    error = error_of(voucher_apply, order=order, actor=s.enterprise, amount=50_001)
    assert error.code == "voucher_exceeds_share" and "50000 元" in error.message_zh
    big = contracted(s, 200_000)
    error = error_of(voucher_apply, order=big, actor=s.enterprise, amount=60_001)
    assert error.code == "voucher_exceeds_application_cap"
    assert not VoucherUse.objects.exists() and VoucherWallet.objects.filter(used_amount__gt=0).count() == 0
    voucher_apply(order=order, actor=s.enterprise, amount=50_000)
    voucher_apply(order=big, actor=s.enterprise, amount=60_000)
    assert VoucherWallet.objects.get().used_amount == 110_000


def test_only_the_listed_service_types_count(settings, tmp_path):
    settings.VOUCHER_RULES_FILE = write_rules(tmp_path, service_types=["inspection-testing"])
    s = Setting()
    service_type("inspection-testing", "检验检测")
    service_type("scale-up")
    other = contracted(s, 10_000, service_type_code="scale-up")
    assert error_of(voucher_apply, order=other, actor=s.enterprise, amount=1).code == "service_not_covered"
    covered = contracted(s, 10_000, service_type_code="inspection-testing")
    assert voucher_apply(order=covered, actor=s.enterprise, amount=1).amount == 1


def test_all_in_region_opens_vouchers_to_unlisted_platforms_of_the_region(settings, tmp_path):
    s = Setting(accepts_vouchers=False)
    assert error_of(voucher_apply, order=contracted(s), actor=s.enterprise, amount=1).code == "platform_not_accepting"
    settings.VOUCHER_RULES_FILE = write_rules(tmp_path, eligible_platforms="all_in_region")
    assert voucher_apply(order=contracted(s), actor=s.enterprise, amount=1).amount == 1
    # A platform outside the rule's region stays out.
    jiaxing = PlatformFactory(operator=s.platform.operator, region=region("330402"))
    open_all_week(jiaxing)
    s.platform = jiaxing
    assert error_of(voucher_apply, order=contracted(s), actor=s.enterprise, amount=1).code == "platform_not_accepting"


# --- submission: who claims, and the evidence -----------------------------------------------------

def test_in_tongdui_the_platform_claims_and_is_paid(settings, tmp_path):
    settings.VOUCHER_RULES_FILE = write_rules(tmp_path, mode="tongdui")
    s = Setting()
    order = accepted(s, 100_000, 40_000)
    assert error_of(redemption_submit, order=order, actor=s.enterprise).status_code == 403
    redemption = redemption_submit(order=order, actor=s.operator)
    assert (redemption.mode, redemption.amount, redemption.payee_id, redemption.status) == (
        "tongdui", 40_000, s.platform.operator_id, "submitted")
    assert set(redemption.evidence) == {"contract", "delivery_report", "invoice"}
    assert all(len(ids) == 1 for ids in redemption.evidence.values())
    assert [flag["rule"] for flag in redemption.flags_at_submission][0] == "split_orders"
    assert redemption.rule_trace["citation"] == "测试规则 第1条"
    assert error_of(redemption_submit, order=order, actor=s.operator).code == "redemption_exists"
    assert AuditEvent.objects.filter(action="voucher_redemption_submit", object_id=str(redemption.pk)).count() == 1


def test_in_tongyong_the_enterprise_claims_its_reimbursement(settings, tmp_path):
    settings.VOUCHER_RULES_FILE = write_rules(tmp_path, mode="tongyong")
    s = Setting()
    order = accepted(s, 100_000, 40_000)
    assert error_of(redemption_submit, order=order, actor=s.operator).status_code == 403
    redemption = redemption_submit(order=order, actor=s.enterprise)
    assert (redemption.mode, redemption.payee_id) == ("tongyong", s.enterprise_org.pk)


def test_missing_evidence_is_named_and_nothing_is_created():
    s = Setting()
    order = accepted(s, invoice=False)
    error = error_of(redemption_submit, order=order, actor=s.operator)
    assert (error.code, error.message_zh) == ("evidence_missing", "兑付材料不全，请先上传：发票")
    assert not VoucherRedemption.objects.exists()


def test_an_order_must_be_accepted_and_have_used_vouchers():
    s = Setting()
    order = contracted(s)
    voucher_apply(order=order, actor=s.enterprise, amount=10_000)
    assert error_of(redemption_submit, order=order, actor=s.operator).code == "invalid_state"
    assert error_of(redemption_submit, order=accepted(s, voucher=0), actor=s.operator).code == "no_voucher"


def test_invoices_are_checked_for_type_like_every_attachment():
    s = Setting()
    order = accepted(s, invoice=False)
    error = error_of(upload, order=order, actor=s.operator, kind="invoice", content=b"not a pdf")
    assert error.code == "file_type"
    assert upload(order, s.enterprise, "invoice", PNG_BYTES, extension="png").content_type == "image/png"


# --- review and payment --------------------------------------------------------------------------------

def _flagged_redemption(s, settings, tmp_path):
    """A redemption whose enterprise shares the operator's legal representative."""
    settings.VOUCHER_CHECKS_FILE = write_checks(tmp_path)
    for org in (s.enterprise_org, s.platform.operator):
        org.legal_representative = "赵六"
        org.save()
    return redemption_submit(order=accepted(s), actor=s.operator)


def test_a_flagged_redemption_needs_acknowledgement_and_a_note(settings, tmp_path):
    s = Setting()
    redemption = _flagged_redemption(s, settings, tmp_path)
    beijing = reviewer("110000")
    error = error_of(redemption_approve, redemption=redemption, actor=beijing)
    assert error.code == "flags_not_acknowledged" and "关联方交易" in error.message_zh
    assert error_of(redemption_approve, redemption=redemption, actor=beijing, acknowledge_flags=True).code == "required"
    redemption.refresh_from_db()
    assert redemption.status == "submitted"
    redemption = redemption_approve(redemption=redemption, actor=beijing, acknowledge_flags=True,
                                    note="已核实：法定代表人同名不同人")
    assert redemption.status == "approved"
    assert [f["rule"] for f in redemption.flags_at_decision if f["flagged"]] == ["related_parties"]
    event = AuditEvent.objects.get(action="voucher_redemption_approve")
    assert "已确认风险提示：关联方交易" in event.note


def test_only_reviewers_governing_the_enterprise_decide(settings, tmp_path):
    s = Setting()
    redemption = _flagged_redemption(s, settings, tmp_path)
    for outsider in (reviewer("330400"), s.operator, s.enterprise):
        assert error_of(redemption_return, redemption=redemption, actor=outsider, reason="x").status_code == 403


def test_a_returned_redemption_keeps_its_reason_and_may_be_resubmitted():
    s = Setting()
    order = accepted(s)
    redemption = redemption_submit(order=order, actor=s.operator)
    beijing = reviewer("110116")
    assert error_of(redemption_return, redemption=redemption, actor=beijing, reason=" ").code == "required"
    returned = redemption_return(redemption=redemption, actor=beijing, reason="发票抬头有误")
    assert (returned.status, returned.review_note) == ("returned", "发票抬头有误")
    again = redemption_submit(order=order, actor=s.operator)
    assert again.pk != redemption.pk and VoucherRedemption.objects.count() == 2


def test_payments_are_recorded_per_batch_and_reported(client):
    s = Setting()
    beijing = reviewer("110000")
    first = redemption_approve(redemption=redemption_submit(order=accepted(s, 100_000, 30_000), actor=s.operator),
                               actor=beijing)
    second = redemption_approve(redemption=redemption_submit(order=accepted(s, 100_000, 20_000), actor=s.operator),
                                actor=beijing)
    pending = redemption_submit(order=accepted(s, 100_000, 10_000), actor=s.operator)
    today = timezone.localdate()
    error = error_of(payment_batch_create, actor=beijing, redemption_ids=[first.pk, pending.pk], reference="B1",
                     paid_on=today)
    assert error.code == "invalid_state" and f"#{pending.pk}" in error.message_zh
    assert not VoucherPaymentBatch.objects.exists()
    assert error_of(payment_batch_create, actor=s.operator, redemption_ids=[first.pk], reference="B1",
                    paid_on=today).status_code == 403
    batch = payment_batch_create(actor=beijing, redemption_ids=[first.pk, second.pk], reference="BJ-2026-001",
                                 paid_on=today)
    assert batch.total == 50_000
    assert set(VoucherRedemption.objects.filter(batch=batch).values_list("status", flat=True)) == {"paid"}
    assert error_of(payment_batch_create, actor=beijing, redemption_ids=[pending.pk], reference="BJ-2026-001",
                    paid_on=today).code == "duplicate_reference"

    redemption_approve(redemption=pending, actor=beijing)
    client.force_login(beijing)
    report = client.get(f"/api/v1/vouchers/report?year={today.year}").json()
    assert [(w["used"], w["redeemed"], w["paid"]) for w in report["wallets"]] == [(60_000, 60_000, 50_000)]
    assert [(p["used"], p["orders"], p["redeemed"], p["paid"]) for p in report["platforms"]] == [
        (60_000, 3, 60_000, 50_000)]
    export = client.get(f"/bookings/vouchers/export.xlsx?year={today.year}")
    workbook = openpyxl.load_workbook(io.BytesIO(export.content))
    rows = list(workbook["兑付申请"].iter_rows(values_only=True))
    assert rows[0][:7] == ("编号", "订单", "企业", "平台", "模式", "金额（元）", "状态")
    assert sorted((r[5], r[6], r[8]) for r in rows[1:]) == [
        (10_000, "已核准", None), (20_000, "已拨付", "BJ-2026-001"), (30_000, "已拨付", "BJ-2026-001")]


# --- the API ------------------------------------------------------------------------------------------

def test_the_api_walks_submission_checks_and_approval(client, settings, tmp_path):
    s = Setting()
    redemption_id = None
    order = accepted(s, 100_000, 30_000)
    client.force_login(s.operator)
    response = client.post(f"/api/v1/orders/{order.pk}/redemption")
    assert response.status_code == 201, response.content
    redemption_id = response.json()["id"]
    client.force_login(reviewer("110000"))
    detail = client.get(f"/api/v1/voucher-redemptions/{redemption_id}").json()
    assert [c["rule"] for c in detail["checks"]] == ["split_orders", "related_parties", "price_above_list",
                                                     "report_before_booking", "many_vouchers"]
    assert [r["id"] for r in client.get("/api/v1/voucher-redemptions?status=submitted").json()] == [redemption_id]
    response = client.post(f"/api/v1/voucher-redemptions/{redemption_id}/approve", {"note": "材料齐全"},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "approved"
    response = client.post("/api/v1/voucher-payment-batches", {
        "reference": "P-1", "paid_on": str(timezone.localdate()), "redemption_ids": [redemption_id]},
        content_type="application/json")
    assert response.status_code == 201 and response.json()["total"] == 30_000
    assert ServiceOrder.objects.get(pk=order.pk).redemptions.get().status == RedemptionStatus.PAID
    client.force_login(reviewer("330400"))
    assert client.get(f"/api/v1/voucher-redemptions/{redemption_id}").status_code == 404
    # The parties follow their claim, without the fraud checks about them.
    for party in (s.operator, s.enterprise):
        client.force_login(party)
        body = client.get(f"/api/v1/voucher-redemptions/{redemption_id}").json()
        assert (body["status"], body["checks"]) == ("paid", [])
        page = client.get(f"/bookings/vouchers/redemptions/{redemption_id}/").content.decode()
        assert "已拨付" in page and "风险检查" not in page


@pytest.mark.parametrize("path, body", [
    ("/api/v1/voucher-payment-batches", {"reference": "B-1", "paid_on": "2026-12-01",
                                         "redemption_ids": [2**70]}),
    ("/api/v1/platforms/{platform}/opening-hours", {"equipment_id": -(2**70), "rows": []}),
])
def test_out_of_range_ids_in_a_body_are_refused_not_a_server_error(client, path, body):
    """Found by schemathesis: an id beyond 64 bits reached SQLite and raised OverflowError (500)."""
    s = Setting()
    client.force_login(reviewer("110116") if "batches" in path else s.operator)
    response = client.post(path.format(platform=s.platform.pk), body, content_type="application/json") \
        if "batches" in path else client.put(path.format(platform=s.platform.pk), body,
                                             content_type="application/json")
    assert response.status_code == 422
    assert not VoucherPaymentBatch.objects.exists()
