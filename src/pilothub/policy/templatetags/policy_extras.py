"""Formatting of engine values for the calculator and application pages (计算依据)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from pilothub.policy.engine.money import fmt_rate, fmt_yuan

register = template.Library()


@register.filter
def yuan(value: Any) -> str:
    """12345678 -> '12,345,678 元（1,234.5678 万元）' style text for integer yuan."""
    if value is None or value == "":
        return "—"
    amount = int(value)
    short = fmt_yuan(amount)
    exact = f"{amount:,} 元"
    return exact if short == exact else f"{exact}（{short}）"


def _scalar(value: Any, unit: str) -> str:
    if unit == "rate":
        try:
            return fmt_rate(Decimal(str(value)))
        except (InvalidOperation, ValueError):
            return str(value)
    if unit == "yuan" and isinstance(value, int) and not isinstance(value, bool):
        return fmt_yuan(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


@register.filter
def param_value(parameter: dict[str, Any]) -> str:
    """A trace parameter's value as a policy officer would read it."""
    value, unit = parameter.get("value"), parameter.get("unit", "")
    if isinstance(value, dict):
        return "；".join(f"{key}：{param_value({'value': item, 'unit': unit})}" for key, item in value.items())
    if isinstance(value, list):
        return "、".join(_scalar(item, unit) for item in value)
    return _scalar(value, unit)


@register.filter
def step_value(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | dict):
        return str(value)
    return str(value)


ACTION_LABELS = {
    "submit": "申报",
    "policy_resubmit": "重新申报",
    "policy_first_review": "初审通过",
    "policy_second_review": "复审通过",
    "policy_publicise": "公示",
    "policy_pay": "拨付",
    "return": "退回",
    "reject": "不予支持",
}


@register.filter
def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)
