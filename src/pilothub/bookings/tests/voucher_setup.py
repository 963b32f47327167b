"""Helpers for the voucher-mode and redemption tests: a rule file per test, and an order walked to acceptance."""

from __future__ import annotations

import datetime

import yaml
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: F401  (re-exported for tests)
from django.utils import timezone

from pilothub.bookings.models import Booking, BookingStatus
from pilothub.bookings.services import (
    attachment_add,
    order_accept,
    order_contract,
    order_create,
    order_deliver,
    order_quote,
    order_start,
)
from pilothub.bookings.vouchers.services import voucher_apply

from .factories import PDF_BYTES


def write_rules(path, **overrides) -> str:
    """A voucher rule file for Beijing with the given version fields (mode 通兑 by default)."""
    version = {"effective_from": datetime.date(2026, 1, 4), "yearly_cap": 500_000, "eligibility": ["is_tech_sme"],
               "mode": "tongdui", "voucher_rate_max": "1", "per_application_cap": None,
               "eligible_platforms": "listed", "service_types": [], "citation": "测试规则 第1条"}
    version.update(overrides)
    file = path / "voucher_rules.yaml"
    file.write_text(yaml.safe_dump({"rules": [{"region": "110000", "name": "测试创新券", "versions": [version]}]},
                                   allow_unicode=True), encoding="utf-8")
    return str(file)


def write_checks(path, **overrides) -> str:
    checks = {"split_orders": {"window_days": 90}, "related_parties": {"credit_code_prefix_length": 0},
              "price_above_list": {"tolerance_rate": "0.10"}, "report_before_booking": {},
              "many_vouchers": {"window_days": 365, "threshold": 4}}
    for name, params in overrides.items():
        checks[name] = {**checks[name], **params}
    file = path / "voucher_checks.yaml"
    file.write_text(yaml.safe_dump({"checks": checks}, allow_unicode=True), encoding="utf-8")
    return str(file)


def contracted(s, amount=100_000, signed_on=None, **contract):
    order = order_create(platform=s.platform, customer=s.enterprise_org, actor=s.enterprise, title="检测委托")
    order_quote(order=order, actor=s.operator, amount=amount)
    return order_contract(order=order, actor=s.operator, amount=amount, signed_on=signed_on or timezone.localdate(),
                          **contract)


def upload(order, actor, kind, content=PDF_BYTES, extension="pdf"):
    return attachment_add(order=order, actor=actor, kind=kind, name=f"{kind}.{extension}", content=content)


def accepted(s, amount=100_000, voucher=50_000, signed_on=None, invoice=True, **contract):
    """An order contracted, paid partly with vouchers, delivered with a report and accepted; with the
    contract file and (by default) the invoice uploaded."""
    order = contracted(s, amount, signed_on, **contract)
    if voucher:
        voucher_apply(order=order, actor=s.enterprise, amount=voucher)
    upload(order, s.operator, "contract")
    order_start(order=order, actor=s.operator)
    upload(order, s.operator, "delivery_report")
    order_deliver(order=order, actor=s.operator)
    order_accept(order=order, actor=s.enterprise)
    if invoice:
        upload(order, s.operator, "invoice")
    order.refresh_from_db()
    return order


def past_booking(s, order, days_ago=2, hours=3):
    """An approved booking of the order that took place in the past (created directly: the service
    refuses past slots)."""
    start = timezone.now() - datetime.timedelta(days=days_ago)
    return Booking.objects.create(equipment=s.equipment, customer=s.enterprise_org, requested_by=s.enterprise,
                                  order=order, start=start, end=start + datetime.timedelta(hours=hours),
                                  purpose="测试", status=BookingStatus.APPROVED)
