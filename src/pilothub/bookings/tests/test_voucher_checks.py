"""Each fraud check with a case that raises its flag and one that does not (docs/decisions/0604)."""

import datetime

import pytest
from django.utils import timezone

from pilothub.bookings.models import AttachmentKind, OrderAttachment, ServiceOrder
from pilothub.bookings.vouchers.checks import (
    check_many_vouchers,
    check_price_above_list,
    check_related_parties,
    check_report_before_booking,
    check_split_orders,
    load_check_params,
    redemption_checks,
)
from pilothub.bookings.vouchers.services import voucher_apply
from pilothub.testing.factories import TestServiceFactory, service_type

from .factories import Setting
from .voucher_setup import accepted, contracted, past_booking

pytestmark = pytest.mark.django_db

SPLIT = {"window_days": 90}
CAP = 100_000


def test_the_shipped_parameters_are_complete():
    params = load_check_params()
    assert params["split_orders"] == {"window_days": 90}
    assert params["many_vouchers"] == {"window_days": 365, "threshold": 4}
    assert params["price_above_list"] == {"tolerance_rate": "0.10"}


# --- split orders ------------------------------------------------------------------------------------

def _split_pair(s, gap_days, second_type="scale-up"):
    today = timezone.localdate()
    first = contracted(s, 90_000, today - datetime.timedelta(days=gap_days), service_type_code="scale-up")
    second = contracted(s, 90_000, today, service_type_code=second_type)
    voucher_apply(order=first, actor=s.enterprise, amount=80_000)
    voucher_apply(order=second, actor=s.enterprise, amount=80_000)
    return first, second


def test_split_orders_within_the_window_are_flagged_with_both_orders():
    s = Setting()
    service_type("scale-up")
    first, second = _split_pair(s, gap_days=30)
    result = check_split_orders(second, CAP, SPLIT)
    assert result.flagged is True
    assert [r["id"] for r in result.records] == [first.pk, second.pk]
    assert "合计 160000 元" in result.explanation and "100000" in result.explanation


@pytest.mark.parametrize("gap_days, second_type", [(91, "scale-up"), (30, "inspection-testing")])
def test_orders_outside_the_window_or_for_another_service_are_not_split(gap_days, second_type):
    s = Setting()
    service_type("scale-up")
    service_type("inspection-testing", "检验检测")
    _first, second = _split_pair(s, gap_days=gap_days, second_type=second_type)
    result = check_split_orders(second, CAP, SPLIT)
    assert (result.flagged, result.applicable) == (False, True)


def test_without_a_per_application_cap_the_split_check_says_it_does_not_apply():
    s = Setting()
    service_type("scale-up")
    _first, second = _split_pair(s, gap_days=1)
    result = check_split_orders(second, None, SPLIT)
    assert (result.flagged, result.applicable) == (False, False)


# --- related parties -----------------------------------------------------------------------------------

def _orgs(s, **enterprise):
    for field, value in enterprise.items():
        setattr(s.enterprise_org, field, value)
    s.enterprise_org.save()
    return ServiceOrder.objects.select_related("customer", "platform__operator").get(pk=contracted(s).pk)


def test_a_shared_legal_representative_is_flagged():
    s = Setting()
    s.platform.operator.legal_representative = "张 三"
    s.platform.operator.save()
    result = check_related_parties(_orgs(s, legal_representative="张三"), {"credit_code_prefix_length": 0})
    assert result.flagged is True and "法定代表人相同" in result.explanation
    assert {r["id"] for r in result.records} == {s.enterprise_org.pk, s.platform.operator_id}


def test_a_shared_shareholder_and_cross_holdings_are_flagged():
    s = Setting()
    s.platform.operator.shareholders = [{"name": "北京某投资有限公司", "credit_code": ""}]
    s.platform.operator.save()
    order = _orgs(s, shareholders=[{"name": "北京某投资有限公司"}, {"name": s.platform.operator.name}])
    result = check_related_parties(order, {"credit_code_prefix_length": 0})
    assert result.flagged is True
    assert "共同股东（北京某投资有限公司）" in result.explanation
    assert f"{s.platform.operator.name} 是 {s.enterprise_org.name} 的股东" in result.explanation


def test_a_credit_code_prefix_is_flagged_only_when_a_length_is_configured():
    s = Setting()
    order = _orgs(s)
    shared = 0
    while order.customer.credit_code[shared] == order.platform.operator.credit_code[shared]:
        shared += 1
    assert check_related_parties(order, {"credit_code_prefix_length": shared}).flagged is True
    assert check_related_parties(order, {"credit_code_prefix_length": shared + 1}).flagged is False
    assert check_related_parties(order, {"credit_code_prefix_length": 0}).flagged is False


def test_unrelated_organisations_raise_no_flag():
    s = Setting()
    s.platform.operator.legal_representative = "李四"
    s.platform.operator.shareholders = [{"name": "甲公司"}]
    s.platform.operator.save()
    order = _orgs(s, legal_representative="王五", shareholders=[{"name": "乙公司"}])
    result = check_related_parties(order, {"credit_code_prefix_length": 0})
    assert (result.flagged, result.records) == (False, [])


# --- price above the published price -------------------------------------------------------------------

@pytest.mark.parametrize("amount, flagged", [(33_001, True), (33_000, False)])
def test_a_contract_above_the_published_price_is_flagged(amount, flagged):
    s = Setting()
    service = TestServiceFactory(platform=s.platform, price=10_000, unit="样")
    order = contracted(s, amount, test_service_id=service.pk, quantity=3)
    result = check_price_above_list(order, {"tolerance_rate": "0.10"})
    assert result.flagged is flagged
    assert result.params == {"tolerance_rate": "0.10", "listed_price": 10_000, "quantity": 3}


def test_without_a_priced_test_service_the_price_check_does_not_apply():
    s = Setting()
    result = check_price_above_list(contracted(s, 1_000_000), {"tolerance_rate": "0.10"})
    assert (result.flagged, result.applicable) == (False, False)


# --- report before the booking ---------------------------------------------------------------------------

def test_a_report_uploaded_before_the_booking_ended_is_flagged():
    s = Setting()
    order = accepted(s)
    booking = past_booking(s, order, days_ago=2)
    report = order.attachments.get(kind=AttachmentKind.DELIVERY_REPORT)
    OrderAttachment.objects.filter(pk=report.pk).update(uploaded_at=booking.start - datetime.timedelta(hours=1))
    result = check_report_before_booking(order, {})
    assert result.flagged is True
    assert [(r["type"], r["id"]) for r in result.records] == [("attachment", report.pk), ("booking", booking.pk)]


def test_a_report_uploaded_after_the_booking_raises_no_flag():
    s = Setting()
    order = accepted(s)
    past_booking(s, order, days_ago=2)  # the report was uploaded just now, after it
    assert check_report_before_booking(order, {}).flagged is False
    order_without_booking = accepted(s)
    assert check_report_before_booking(order_without_booking, {}).applicable is False


# --- many vouchers at one platform ----------------------------------------------------------------------

@pytest.mark.parametrize("orders, flagged", [(4, True), (3, False)])
def test_many_voucher_orders_from_one_enterprise_at_one_platform(orders, flagged):
    s = Setting()
    made = [contracted(s, 20_000) for _ in range(orders)]
    for order in made:
        voucher_apply(order=order, actor=s.enterprise, amount=10_000)
    result = check_many_vouchers(made[-1], {"window_days": 365, "threshold": 4})
    assert result.flagged is flagged
    if flagged:
        assert [r["id"] for r in result.records] == [o.pk for o in made]
        assert "合计 40000 元" in result.explanation


def test_voucher_orders_older_than_the_window_do_not_count():
    s = Setting()
    made = [contracted(s, 20_000) for _ in range(4)]
    for order in made:
        voucher_apply(order=order, actor=s.enterprise, amount=10_000)
    later = timezone.now() + datetime.timedelta(days=366)
    assert check_many_vouchers(made[-1], {"window_days": 365, "threshold": 4}, now=later).flagged is False


def test_every_check_runs_and_reports_in_a_fixed_order():
    s = Setting()
    results = redemption_checks(accepted(s), per_application_cap=None)
    assert [r.rule for r in results] == ["split_orders", "related_parties", "price_above_list",
                                         "report_before_booking", "many_vouchers"]
    assert not any(r.flagged for r in results)
