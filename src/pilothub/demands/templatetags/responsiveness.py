"""`{% load responsiveness %}{% platform_responsiveness platform %}` renders the responsiveness
fragment of a platform page (platforms/reports/_responsiveness.html)."""

from __future__ import annotations

from django import template

from pilothub.demands.responsiveness import WORKING_DAYS, platform_responsiveness

register = template.Library()


@register.inclusion_tag("platforms/reports/_responsiveness.html", name="platform_responsiveness")
def platform_responsiveness_panel(platform) -> dict:
    """One platform's figures over the last 365 days. The tag only reads (one selector call)."""
    figures = platform_responsiveness([platform.pk])[platform.pk]
    return {"platform": platform, "r": figures, "working_days": WORKING_DAYS}


