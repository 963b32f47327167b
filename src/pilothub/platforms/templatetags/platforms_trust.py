"""Template filters of the trust layer: a qualification's status is computed from its dates on
every render, so an expired CMA/CNAS certificate is never shown as valid.

    {% load platforms_trust %}
    {{ qualification|qualification_status }}         有效（至 2027-05-01） / 已过期（2025-03-01）
    {% if qualification|qualification_valid %} … {% endif %}
    {{ permit|permit_status }} / {% if permit|permit_valid %}   a hazard permit, the same way
    {{ platform|freshness_label }}                   信息有效 / 即将到期 / 信息待更新 / 已隐藏（待确认）
"""

from __future__ import annotations

from django import template

from pilothub.platforms import capabilities, freshness

register = template.Library()


@register.filter
def qualification_valid(qualification) -> bool:
    return qualification.is_valid_on()


@register.filter
def qualification_status(qualification) -> str:
    return capabilities.qualification_status(qualification)


@register.filter
def permit_status(permit) -> str:
    return capabilities.permit_status(permit)


@register.filter
def permit_valid(permit) -> bool:
    return permit.is_valid_on()


@register.filter
def freshness_label(platform) -> str:
    state = getattr(platform, "freshness_state", None) or freshness.freshness_state(platform)
    return str(freshness.FreshnessState.LABELS[state])


@register.filter
def cleanroom_label(cls) -> str:
    return capabilities.cleanroom_label(cls)
