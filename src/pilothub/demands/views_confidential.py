"""Pages of tiered disclosure: the details block on the demand page, grants, the undertaking and
the access log. Thin: gate, one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pilothub.core.errors import DomainError, forbidden
from pilothub.core.forms import add_domain_error
from pilothub.core.views import domain_errors
from pilothub.platforms.models import Platform

from .forms import ConfidentialForm
from .models import DetailChannel
from .selectors import demand_get_for_user, is_demand_owner
from .selectors_confidential import (
    Access,
    access_log,
    details_access,
    grant_candidates,
    live_grants,
    undertaking_current,
)
from .services import (
    demand_access_grant,
    demand_access_revoke,
    demand_details_read,
    demand_set_confidential,
    undertaking_accept,
)


def confidential_context(request, demand) -> dict:
    """What the demand page shows of the confidential part (reading it logs the view)."""
    access = details_access(demand=demand, user=request.user)
    context: dict = {"details_access": access, "access_states": Access}
    if access.may_read:
        context["confidential_details"] = demand_details_read(demand=demand, user=request.user,
                                                              channel=DetailChannel.WEB)
    if access.state == Access.OWNER:
        context["grants"] = list(live_grants(demand))
        context["grant_candidates"] = list(grant_candidates(demand))
    if access.state == Access.NEEDS_UNDERTAKING:
        context["undertaking"] = undertaking_current()
    return context


def _owned(request, demand_id: int):
    demand = demand_get_for_user(demand_id=demand_id, user=request.user)
    if not is_demand_owner(request.user, demand):
        raise forbidden("管理该需求的保密详情（仅需求发布单位）", "manage this demand's confidential details")
    return demand


@login_required
@require_POST
@domain_errors
def grant(request, demand_id: int):
    demand = _owned(request, demand_id)
    platform = get_object_or_404(Platform, pk=request.POST.get("platform") or 0)
    demand_access_grant(demand=demand, platform=platform, actor=request.user)
    messages.success(request, _("已授权“%(name)s”查看保密详情") % {"name": platform.name})
    return redirect("demands:detail", demand.pk)


@login_required
@require_POST
@domain_errors
def revoke(request, demand_id: int, platform_id: int):
    demand = _owned(request, demand_id)
    platform = get_object_or_404(Platform, pk=platform_id)
    demand_access_revoke(demand=demand, platform=platform, actor=request.user)
    messages.success(request, _("已撤销“%(name)s”的查看授权") % {"name": platform.name})
    return redirect("demands:detail", demand.pk)


@login_required
@require_POST
@domain_errors
def accept_undertaking(request, demand_id: int):
    demand = demand_get_for_user(demand_id=demand_id, user=request.user)
    access = details_access(demand=demand, user=request.user)
    platform = next((p for p in access.platforms if str(p.pk) == request.POST.get("platform")), None)
    if access.state != Access.NEEDS_UNDERTAKING or platform is None or request.POST.get("agree") != "on":
        messages.error(request, _("请阅读并勾选同意保密承诺"))
        return redirect("demands:detail", demand.pk)
    undertaking_accept(demand=demand, platform=platform, actor=request.user)
    messages.success(request, _("已签署保密承诺"))
    return redirect("demands:detail", demand.pk)


@login_required
@domain_errors
def edit_confidential(request, demand_id: int):
    demand = _owned(request, demand_id)
    form = ConfidentialForm(request.POST or None, initial={
        "confidential_details": demand.confidential_details, "requires_undertaking": demand.requires_undertaking})
    if request.method == "POST" and form.is_valid():
        try:
            demand_set_confidential(demand=demand, actor=request.user, details=form.cleaned_data["confidential_details"],
                                    requires_undertaking=form.cleaned_data["requires_undertaking"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("保密详情已保存"))
            return redirect("demands:detail", demand.pk)
    return render(request, "demands/confidential_form.html", {"form": form, "demand": demand},
                  status=400 if form.errors else 200)


@login_required
@domain_errors
def access_log_view(request, demand_id: int):
    demand = _owned(request, demand_id)
    return render(request, "demands/access_log.html", {"demand": demand, **access_log(demand)})
