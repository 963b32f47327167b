"""Operator pages of the trust layer: confirm a listing (信息确认). Pilot lines, hazard permits and
accreditation scope items are edited from 我的平台 (views_capabilities.py, decision 0307).

Mounted by platforms/urls.py (`urlpatterns += trust_urlpatterns`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from pilothub.core.views import domain_errors

from . import capabilities, freshness


def _platform_for_operator(request, platform_id: int):
    return freshness.platform_get_for_confirmation(platform_id=platform_id, user=request.user)


@login_required
def my_listings(request):
    """The operator's listings with their freshness, the most urgent first."""
    items = freshness.platforms_for_operator(request.user)
    return render(request, "platforms/trust/my_listings.html", {"items": items})


@login_required
@domain_errors
def confirm(request, platform_id: int):
    platform = _platform_for_operator(request, platform_id)
    if request.method == "POST":
        freshness.platform_confirm_listing(platform=platform, user=request.user)
        messages.success(request, _("已确认平台信息有效，下次确认期限已顺延。"))
        return redirect("platforms:trust_listings")
    info = freshness.freshness_info(platform)
    return render(request, "platforms/trust/confirm.html", {"platform": platform, "info": info,
                                                            "lines": capabilities.lines_for_display(platform)})


trust_urlpatterns = [
    path("mine/freshness/", my_listings, name="trust_listings"),
    path("<int:platform_id>/confirm/", confirm, name="trust_confirm"),
]
