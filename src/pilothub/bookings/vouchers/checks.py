"""Fraud checks on a voucher redemption: rules with explanations, shown to the reviewer.

Each check returns a `CheckResult`: whether it raised a flag, a Chinese explanation naming the rule
and its parameters, and the records behind it (orders, bookings, attachments, organisations), so the
reviewer can open them. No check refuses anything on its own: approving a flagged redemption needs
the reviewer's explicit acknowledgement and note (services.redemption_approve).

Parameters are data: bookings/data/voucher_checks.yaml (settings.VOUCHER_CHECKS_FILE overrides).
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone

from ..models import AttachmentKind, Booking, BookingStatus, OrderStatus, ServiceOrder
from .models import VoucherUse, VoucherUseStatus

CHECKS_FILE = Path(__file__).resolve().parent.parent / "data" / "voucher_checks.yaml"

CHECK_TITLES = {
    "split_orders": "拆单规避单次申请上限",
    "related_parties": "关联方交易",
    "price_above_list": "价格高于平台公布价",
    "report_before_booking": "报告早于设备使用",
    "many_vouchers": "同一企业集中向同一平台使用创新券",
}


@dataclass
class CheckResult:
    rule: str
    title: str
    flagged: bool
    explanation: str
    applicable: bool = True
    records: list[dict[str, Any]] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@lru_cache(maxsize=4)
def load_check_params(path: str = str(CHECKS_FILE)) -> dict[str, dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        checks = yaml.safe_load(handle)["checks"]
    unknown = set(checks) - set(CHECK_TITLES)
    if unknown:
        raise ValueError(f"unknown voucher checks {sorted(unknown)}")
    return {name: dict(checks.get(name) or {}) for name in CHECK_TITLES}


def check_params() -> dict[str, dict[str, Any]]:
    return load_check_params(str(getattr(settings, "VOUCHER_CHECKS_FILE", CHECKS_FILE)))


def _order_record(order: ServiceOrder, amount: int | None = None) -> dict[str, Any]:
    label = f"订单 #{order.pk} {order.title}"
    if order.contract_signed_on:
        label += f"（{order.contract_signed_on:%Y-%m-%d} 签约"
        label += f"，创新券 {amount} 元）" if amount is not None else "）"
    return {"type": "order", "id": order.pk, "label": label, "url": f"/bookings/orders/{order.pk}/"}


def _org_record(org, fact: str) -> dict[str, Any]:
    return {"type": "organisation", "id": org.pk, "label": f"{org.name}：{fact}"}


def _voucher_totals(order_ids: list[int]) -> dict[int, int]:
    rows = (VoucherUse.objects.filter(order_id__in=order_ids, status=VoucherUseStatus.APPLIED)
            .values("order_id").annotate(total=Sum("amount")))
    return {row["order_id"]: row["total"] for row in rows}


# --- the rules -----------------------------------------------------------------------------------

def check_split_orders(order: ServiceOrder, per_application_cap: int | None, params: dict[str, Any]) -> CheckResult:
    """Same enterprise, platform and service, contracted within the window: together over the
    per-application cap while each order stays at or under it."""
    rule, window = "split_orders", int(params["window_days"])
    if per_application_cap is None:
        return CheckResult(rule, CHECK_TITLES[rule], False, "本地区创新券规则未设单次申请上限，不适用此项检查。",
                           applicable=False, params={"window_days": window})
    assert order.contract_signed_on is not None
    same_service = (Q(service_type_id=order.service_type_id) if order.service_type_id
                    else Q(test_service_id=order.test_service_id) if order.test_service_id
                    else Q(title=order.title))
    window_delta = datetime.timedelta(days=window)
    siblings = list(ServiceOrder.objects.filter(
        same_service, customer_id=order.customer_id, platform_id=order.platform_id,
        contract_signed_on__gte=order.contract_signed_on - window_delta,
        contract_signed_on__lte=order.contract_signed_on + window_delta,
    ).exclude(status=OrderStatus.CANCELLED).order_by("contract_signed_on", "pk"))
    totals = _voucher_totals([o.pk for o in siblings])
    group = [o for o in siblings if totals.get(o.pk)]
    combined = sum(totals[o.pk] for o in group)
    params_out = {"window_days": window, "per_application_cap": per_application_cap}
    if len(group) >= 2 and combined > per_application_cap and all(totals[o.pk] <= per_application_cap for o in group):
        return CheckResult(rule, CHECK_TITLES[rule], True,
                           f"同一企业在同一平台就同一服务于 {window} 天内签订 {len(group)} 个订单，创新券合计 {combined} 元，"
                           f"超过单次申请上限 {per_application_cap} 元，而每单均未超过上限，可能为拆单。",
                           records=[_order_record(o, totals[o.pk]) for o in group], params=params_out)
    return CheckResult(rule, CHECK_TITLES[rule], False,
                       f"{window} 天内同一服务的用券订单 {len(group)} 个，合计 {combined} 元，未发现拆单迹象。",
                       params=params_out)


def _normalise(value: str) -> str:
    return "".join(value.split()).upper()


def _shareholder_keys(org) -> set[str]:
    keys = set()
    for holder in org.shareholders or []:
        if isinstance(holder, dict):
            for key in ("name", "credit_code"):
                if holder.get(key):
                    keys.add(_normalise(str(holder[key])))
        elif holder:
            keys.add(_normalise(str(holder)))
    return keys


def check_related_parties(order: ServiceOrder, params: dict[str, Any]) -> CheckResult:
    """The enterprise and the platform's operator share a legal representative, a shareholder, hold
    each other's shares, or have unified social credit codes with the same leading characters."""
    rule, length = "related_parties", int(params["credit_code_prefix_length"])
    enterprise, operator = order.customer, order.platform.operator
    findings: list[str] = []
    records: list[dict[str, Any]] = []
    if enterprise.pk == operator.pk:
        findings.append("企业即平台运营单位本身")
    rep_a, rep_b = _normalise(enterprise.legal_representative), _normalise(operator.legal_representative)
    if rep_a and rep_a == rep_b:
        findings.append(f"法定代表人相同（{enterprise.legal_representative}）")
        records += [_org_record(enterprise, f"法定代表人 {enterprise.legal_representative}"),
                    _org_record(operator, f"法定代表人 {operator.legal_representative}")]
    holders_a, holders_b = _shareholder_keys(enterprise), _shareholder_keys(operator)
    common = sorted(holders_a & holders_b)
    if common:
        findings.append(f"有共同股东（{'、'.join(common)}）")
        records += [_org_record(enterprise, f"股东含 {'、'.join(common)}"),
                    _org_record(operator, f"股东含 {'、'.join(common)}")]
    for holder, owned, holders in ((operator, enterprise, holders_a), (enterprise, operator, holders_b)):
        if {_normalise(holder.name), _normalise(holder.credit_code)} & holders:
            findings.append(f"{holder.name} 是 {owned.name} 的股东")
            records.append(_org_record(owned, f"股东含 {holder.name}"))
    code_a, code_b = enterprise.credit_code.upper(), operator.credit_code.upper()
    if length > 0 and enterprise.pk != operator.pk and code_a[:length] == code_b[:length]:
        findings.append(f"统一社会信用代码前 {length} 位相同（{code_a[:length]}）")
        records += [_org_record(enterprise, f"信用代码 {code_a}"), _org_record(operator, f"信用代码 {code_b}")]
    params_out = {"credit_code_prefix_length": length}
    if findings:
        return CheckResult(rule, CHECK_TITLES[rule], True,
                           f"企业「{enterprise.name}」与平台运营单位「{operator.name}」可能存在关联：{'；'.join(findings)}。",
                           records=records, params=params_out)
    return CheckResult(rule, CHECK_TITLES[rule], False,
                       "系统登记的法定代表人、股东和统一社会信用代码未显示关联。", params=params_out)


def check_price_above_list(order: ServiceOrder, params: dict[str, Any]) -> CheckResult:
    rule = "price_above_list"
    tolerance = Decimal(str(params["tolerance_rate"]))
    service = order.test_service
    if service is None or service.price is None:
        return CheckResult(rule, CHECK_TITLES[rule], False, "订单未关联平台公布价格的检测服务，不适用此项检查。",
                           applicable=False, params={"tolerance_rate": str(tolerance)})
    quantity = order.quantity or 1
    listed = service.price * quantity
    limit = Decimal(listed) * (1 + tolerance)
    params_out = {"tolerance_rate": str(tolerance), "listed_price": service.price, "quantity": quantity}
    record = {"type": "test_service", "id": service.pk,
              "label": f"{service.name}：公布价 {service.price} 元/{service.unit or '次'} × {quantity}"}
    amount = order.contract_amount or 0
    if amount > limit:
        return CheckResult(rule, CHECK_TITLES[rule], True,
                           f"合同金额 {amount} 元高于平台公布价 {listed} 元（{service.price} × {quantity}）"
                           f"的 {(1 + tolerance) * 100:.0f}%。",
                           records=[_order_record(order), record], params=params_out)
    return CheckResult(rule, CHECK_TITLES[rule], False,
                       f"合同金额 {amount} 元未超过公布价 {listed} 元的 {(1 + tolerance) * 100:.0f}%。",
                       records=[record], params=params_out)


def check_report_before_booking(order: ServiceOrder, params: dict[str, Any]) -> CheckResult:
    """A delivery report uploaded before an approved booking of the order had ended."""
    rule = "report_before_booking"
    bookings = list(order.bookings.filter(status=BookingStatus.APPROVED).select_related("equipment"))
    if not bookings:
        return CheckResult(rule, CHECK_TITLES[rule], False, "订单没有关联的设备预约，不适用此项检查。",
                           applicable=False)
    reports = list(order.attachments.filter(kind=AttachmentKind.DELIVERY_REPORT))
    early = [(report, booking) for report in reports for booking in bookings if report.uploaded_at < booking.end]
    if early:
        records: list[dict[str, Any]] = []
        for report, booking in early:
            records.append({"type": "attachment", "id": report.pk,
                            "label": f"交付报告「{report.original_name}」上传于 "
                                     f"{timezone.localtime(report.uploaded_at):%Y-%m-%d %H:%M}"})
            records.append(_booking_record(booking))
        return CheckResult(rule, CHECK_TITLES[rule], True,
                           f"{len({r.pk for r, _b in early})} 份交付报告在关联设备预约结束之前已上传，检测可能并未实际进行。",
                           records=records)
    return CheckResult(rule, CHECK_TITLES[rule], False, "交付报告均在关联设备预约结束之后上传。")


def _booking_record(booking: Booking) -> dict[str, Any]:
    return {"type": "booking", "id": booking.pk,
            "label": f"设备预约 #{booking.pk} {booking.equipment.name} "
                     f"{timezone.localtime(booking.start):%Y-%m-%d %H:%M}–{timezone.localtime(booking.end):%H:%M}"}


def check_many_vouchers(order: ServiceOrder, params: dict[str, Any], now: datetime.datetime | None = None) -> CheckResult:
    rule = "many_vouchers"
    window, threshold = int(params["window_days"]), int(params["threshold"])
    since = (now or timezone.now()) - datetime.timedelta(days=window)
    order_ids = sorted(set(VoucherUse.objects.filter(
        wallet__organisation_id=order.customer_id, platform_id=order.platform_id, status=VoucherUseStatus.APPLIED,
        created_at__gte=since).values_list("order_id", flat=True)))
    params_out = {"window_days": window, "threshold": threshold}
    if len(order_ids) >= threshold:
        totals = _voucher_totals(order_ids)
        orders = ServiceOrder.objects.filter(pk__in=order_ids).order_by("pk")
        return CheckResult(rule, CHECK_TITLES[rule], True,
                           f"该企业 {window} 天内在同一平台有 {len(order_ids)} 个订单使用创新券（阈值 {threshold} 个），"
                           f"合计 {sum(totals.values())} 元。",
                           records=[_order_record(o, totals.get(o.pk)) for o in orders], params=params_out)
    return CheckResult(rule, CHECK_TITLES[rule], False,
                       f"该企业 {window} 天内在该平台用券订单 {len(order_ids)} 个，低于阈值 {threshold} 个。",
                       params=params_out)


def redemption_checks(order: ServiceOrder, *, per_application_cap: int | None) -> list[CheckResult]:
    """Every check, in a fixed order, for the reviewer (flagged or not: the reviewer sees what ran)."""
    params = check_params()
    return [
        check_split_orders(order, per_application_cap, params["split_orders"]),
        check_related_parties(order, params["related_parties"]),
        check_price_above_list(order, params["price_above_list"]),
        check_report_before_booking(order, params["report_before_booking"]),
        check_many_vouchers(order, params["many_vouchers"]),
    ]
