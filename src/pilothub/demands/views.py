"""Demand pages: list, detail, publish, my demands, quotes, messages, moderation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pilothub.core.errors import DomainError
from pilothub.core.forms import add_domain_error
from pilothub.core.views import domain_errors

from .forms import DemandFilterForm, DemandForm, MessageForm, QuoteForm, ReasonForm
from .models import DemandVisibility
from .selectors import (
    demand_get_for_user,
    demand_list_for_moderation,
    demand_list_for_user,
    demand_list_recommended,
    is_demand_owner,
    message_list,
    operator_platforms,
    platforms_recommended_for_demand,
    quote_get_for_user,
    quote_list_for_demand,
    thread_get_for_user,
    thread_platforms_for_owner,
)
from .services import (
    demand_close,
    demand_express_interest,
    demand_hide,
    demand_publish,
    demand_restore,
    message_send,
    quote_accept,
    quote_create,
)


def _form_status(form) -> int:
    return 400 if form.errors else 200


@domain_errors
def demand_list(request, mine: bool = False):
    form = DemandFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = demand_list_for_user(user=request.user, mine=mine, **{k: v for k, v in filters.items() if v})
    page = Paginator(queryset, 20).get_page(request.GET.get("page"))
    return render(request, "demands/list.html", {"form": form, "page": page, "mine": mine,
                                                 "can_publish": request.user.is_authenticated
                                                 and request.user.role == "enterprise" and request.user.can_publish,
                                                 "my_platforms": list(operator_platforms(request.user))})


@login_required
def my_demands(request):
    return demand_list(request, mine=True)


@login_required
@domain_errors
def recommended(request):
    platforms = list(operator_platforms(request.user))
    platform = next((p for p in platforms if str(p.pk) == request.GET.get("platform")), platforms[0] if platforms else None)
    demands = demand_list_recommended(platform=platform, user=request.user) if platform else []
    return render(request, "demands/recommended.html", {"platforms": platforms, "platform": platform,
                                                        "demands": demands})


@domain_errors
def demand_detail(request, demand_id: int):
    from .views_confidential import confidential_context

    demand = demand_get_for_user(demand_id=demand_id, user=request.user)
    owner = is_demand_owner(request.user, demand)
    return render(request, "demands/detail.html", {
        **confidential_context(request, demand),
        "demand": demand, "owner": owner, "service_types": demand.service_types.all(),
        "quotes": quote_list_for_demand(demand=demand, user=request.user),
        "my_platforms": list(operator_platforms(request.user)),
        "threads": thread_platforms_for_owner(demand=demand) if owner else [],
        "recommended_platforms": platforms_recommended_for_demand(demand=demand) if owner else [],
        "can_moderate": request.user.is_authenticated and (request.user.is_system_admin or (
            request.user.is_reviewer and demand.region.path.startswith(request.user.region.path))),
        "reason_form": ReasonForm()})


@login_required
def demand_create(request):
    form = DemandForm(request.POST or None, initial={"visibility": DemandVisibility.PUBLIC})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            demand = demand_publish(
                actor=request.user, title=data["title"], text=data["text"], deadline=data["deadline"],
                industry_code=data["industry"] or None, service_type_codes=data["service_types"],
                budget_min=data["budget_min"], budget_max=data["budget_max"],
                region_preference_code=data["region_preference"] or None, visibility=data["visibility"],
                invited_platform_ids=[int(pk) for pk in data["invited_platforms"]],
                confidential_details=data["confidential_details"],
                requires_undertaking=data["requires_undertaking"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("需求已发布"))
            return redirect("demands:detail", demand.pk)
    return render(request, "demands/form.html", {"form": form, "heading": _("发布需求")}, status=_form_status(form))


@login_required
@require_POST
@domain_errors
def demand_close_view(request, demand_id: int):
    demand = demand_get_for_user(demand_id=demand_id, user=request.user)
    demand_close(demand=demand, actor=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, _("需求已关闭"))
    return redirect("demands:detail", demand.pk)


@login_required
@require_POST
@domain_errors
def demand_interest(request, demand_id: int):
    demand = demand_get_for_user(demand_id=demand_id, user=request.user)
    platform = get_object_or_404(operator_platforms(request.user), pk=request.POST.get("platform"))
    demand_express_interest(demand=demand, platform=platform, actor=request.user)
    messages.success(request, _("已向需求方表达服务意向"))
    return redirect("demands:detail", demand.pk)


@login_required
@domain_errors
def quote_new(request, demand_id: int):
    demand = demand_get_for_user(demand_id=demand_id, user=request.user)
    platforms = list(operator_platforms(request.user))
    form = QuoteForm(request.POST or None, platforms=platforms)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            quote_create(demand=demand, platform=next(p for p in platforms if str(p.pk) == data["platform"]),
                         actor=request.user, price=data["price"], duration_days=data["duration_days"],
                         conditions=data["conditions"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("报价已提交"))
            return redirect("demands:detail", demand.pk)
    return render(request, "demands/quote_form.html", {"form": form, "demand": demand, "platforms": platforms},
                  status=_form_status(form))


@login_required
@domain_errors
def quote_compare(request, demand_id: int):
    demand = demand_get_for_user(demand_id=demand_id, user=request.user)
    return render(request, "demands/quotes.html", {
        "demand": demand, "owner": is_demand_owner(request.user, demand),
        "quotes": quote_list_for_demand(demand=demand, user=request.user).order_by("status", "price")})


@login_required
@require_POST
@domain_errors
def quote_accept_view(request, quote_id: int):
    quote = quote_get_for_user(quote_id=quote_id, user=request.user)
    order = quote_accept(quote=quote, actor=request.user)
    messages.success(request, _("已接受报价，服务订单 #%(order)s 已生成") % {"order": order.pk})
    return redirect("demands:detail", quote.demand_id)


@login_required
@domain_errors
def thread(request, demand_id: int, platform_id: int):
    demand, platform, side = thread_get_for_user(demand_id=demand_id, platform_id=platform_id, user=request.user)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            message_send(demand=demand, platform=platform, actor=request.user, body=form.cleaned_data["body"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            form = MessageForm()
    context = {"demand": demand, "platform": platform, "side": side, "form": form,
               "thread_messages": message_list(demand=demand, platform=platform)}
    template = "demands/_thread_messages.html" if request.htmx else "demands/thread.html"
    return render(request, template, context, status=_form_status(form))


@login_required
@domain_errors
def moderation(request):
    page = Paginator(demand_list_for_moderation(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "demands/moderation.html", {"page": page, "reason_form": ReasonForm()})


@login_required
@require_POST
@domain_errors
def moderate(request, demand_id: int, action: str):
    demand = demand_get_for_user(demand_id=demand_id, user=request.user)
    if action == "hide":
        demand_hide(demand=demand, actor=request.user, reason=request.POST.get("reason", ""))
        messages.success(request, _("需求已屏蔽"))
    else:
        demand_restore(demand=demand, actor=request.user, note=request.POST.get("reason", ""))
        messages.success(request, _("需求已恢复显示"))
    # Back to where the reviewer acted; never to an address taken from the request.
    if request.POST.get("back") == "detail":
        return redirect("demands:detail", demand.pk)
    return redirect("demands:moderation")


