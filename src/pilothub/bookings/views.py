"""Pages: shareable equipment and its week calendar, booking requests, the operator's queue, my
bookings, service orders with their actions, and the government voucher report."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pilothub.core.errors import DomainError
from pilothub.core.forms import add_domain_error

from . import forms, selectors, services
from .calendar import platform_calendar_ics
from .models import OrderRating
from .services.attachments import MAX_ATTACHMENT_BYTES
from .vouchers import selectors as voucher_selectors
from .vouchers import services as voucher_services
from .vouchers.export import voucher_report_xlsx


def _error_page(request, error: DomainError):
    return render(request, "core/error.html", {"error": error}, status=error.status_code)


def equipment_list(request):
    form = forms.EquipmentFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    equipment = selectors.equipment_search(q=data.get("q", ""), region=data.get("region", ""))
    page = Paginator(equipment, 20).get_page(request.GET.get("page"))
    return render(request, "bookings/equipment_list.html", {"form": form, "page": page})


def _week_start(value: str | None) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        day = timezone.localdate()
    return day - datetime.timedelta(days=day.weekday())


def equipment_detail(request, equipment_id: int):
    try:
        equipment = selectors.equipment_get_shareable(equipment_id=equipment_id)
    except DomainError as error:
        return _error_page(request, error)
    form = forms.BookingRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        try:
            start, end = form.moments()
            order_id = form.cleaned_data["order"]
            order = selectors.order_get_for_user(order_id=order_id, user=request.user) if order_id else None
            services.booking_create(equipment=equipment, actor=request.user, start=start, end=end,
                                    purpose=form.cleaned_data["purpose"], order=order)
        except DomainError as error:
            add_domain_error(form, _field(error, BOOKING_FORM_FIELDS.get(error.field or "", error.field)))
        else:
            messages.success(request, _("预约申请已提交，等待平台审批"))
            return redirect("bookings:mine")
    week = _week_start(request.GET.get("week"))
    return render(request, "bookings/equipment_detail.html", {
        "equipment": equipment, "form": form, "grid": selectors.week_grid(equipment=equipment, week_start=week),
        "hours": selectors.opening_hours_for(equipment),
        "policy": selectors.booking_policy_for(equipment.platform),
    }, status=400 if form.errors else 200)


# The service names model fields; the form splits start/end into a day and two times.
BOOKING_FORM_FIELDS = {"start": "start_time", "end": "end_time", "equipment": None, "status": None}


def _field(error: DomainError, field: str | None) -> DomainError:
    return DomainError(error.code, error.message_zh, error.message_en, field=field, status_code=error.status_code)


@login_required
def queue(request):
    bookings = selectors.booking_queue_for_operator(user=request.user, status=request.GET.get("status", "pending"))
    return render(request, "bookings/queue.html", {"bookings": bookings[:200]})


@login_required
@require_POST
def booking_decide(request, booking_id: int):
    form = forms.ReasonForm(request.POST)
    form.is_valid()
    try:
        booking = selectors.booking_get_for_user(booking_id=booking_id, user=request.user)
        if request.POST.get("decision") == "approve":
            services.booking_approve(booking=booking, actor=request.user, note=form.cleaned_data.get("reason", ""))
            messages.success(request, _("已批准预约"))
        else:
            services.booking_decline(booking=booking, actor=request.user, reason=form.cleaned_data.get("reason", ""))
            messages.success(request, _("已拒绝预约"))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("bookings:queue")


@login_required
def mine(request):
    bookings = Paginator(selectors.booking_list_mine(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "bookings/mine.html", {"page": bookings, "now": timezone.now()})


@login_required
@require_POST
def booking_cancel(request, booking_id: int):
    form = forms.ReasonForm(request.POST)
    form.is_valid()
    try:
        booking = selectors.booking_get_for_user(booking_id=booking_id, user=request.user)
        services.booking_cancel(booking=booking, actor=request.user, reason=form.cleaned_data.get("reason", ""))
        messages.success(request, _("预约已取消"))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(request.POST.get("next") if request.POST.get("next") == "/bookings/queue/" else "bookings:mine")


def platform_calendar(request, platform_id: int):
    try:
        platform = selectors.platform_get_published(platform_id=platform_id)
    except DomainError as error:
        return _error_page(request, error)
    content = platform_calendar_ics(platform=platform, site_url=request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="platform-{platform.pk}-bookings.ics"'
    return response


# --- orders ---------------------------------------------------------------------------------------

@login_required
def order_list(request):
    orders = Paginator(selectors.order_list_for_user(user=request.user, status=request.GET.get("status", "")), 30)
    return render(request, "bookings/order_list.html", {"page": orders.get_page(request.GET.get("page"))})


def _rating_of(order):
    return OrderRating.objects.filter(order=order).first()


# action → (form, call(order, user, cleaned_data, files))
ORDER_ACTIONS: dict[str, tuple[type[django_forms.Form], Callable[..., Any]]] = {
    "quote": (forms.AmountForm, lambda o, u, d, f: services.order_quote(order=o, actor=u, amount=d["amount"])),
    "contract": (forms.ContractForm, lambda o, u, d, f: services.order_contract(
        order=o, actor=u, amount=d["amount"], signed_on=d["signed_on"], planned_start=d["planned_start"],
        planned_end=d["planned_end"], service_type_code=d["service_type"].pk if d["service_type"] else None)),
    "voucher": (forms.AmountForm, lambda o, u, d, f: voucher_services.voucher_apply(order=o, actor=u,
                                                                                    amount=d["amount"])),
    "start": (forms.EmptyForm, lambda o, u, d, f: services.order_start(order=o, actor=u)),
    "deliver": (forms.EmptyForm, lambda o, u, d, f: services.order_deliver(order=o, actor=u)),
    "reject_delivery": (forms.ReasonForm, lambda o, u, d, f: services.order_reject_delivery(
        order=o, actor=u, reason=d["reason"])),
    "accept": (forms.EmptyForm, lambda o, u, d, f: services.order_accept(order=o, actor=u)),
    "cancel": (forms.ReasonForm, lambda o, u, d, f: services.order_cancel(order=o, actor=u, reason=d["reason"])),
    "rate": (forms.RatingForm, lambda o, u, d, f: services.rating_create(order=o, actor=u, **d)),
    "reply": (forms.ReplyForm, lambda o, u, d, f: services.rating_reply(rating=_rating_of(o), actor=u,
                                                                         reply=d["reply"])),
    "redeem": (forms.EmptyForm, lambda o, u, d, f: voucher_services.redemption_submit(order=o, actor=u)),
    "upload": (forms.AttachmentForm, lambda o, u, d, f: services.attachment_add(
        order=o, actor=u, kind=d["kind"], name=f["file"].name, content=f["file"].read(MAX_ATTACHMENT_BYTES + 1))),
}


@login_required
def order_detail(request, order_id: int):
    try:
        order = selectors.order_get_for_user(order_id=order_id, user=request.user)
    except DomainError as error:
        return _error_page(request, error)
    action = request.POST.get("action", "")
    bound = None
    if request.method == "POST" and action in ORDER_ACTIONS:
        form_class, call = ORDER_ACTIONS[action]
        bound = form_class(request.POST, request.FILES)
        if bound.is_valid():
            try:
                call(order, request.user, bound.cleaned_data, request.FILES)
            except DomainError as error:
                add_domain_error(bound, error)
            else:
                messages.success(request, _("操作成功"))
                return redirect("bookings:order_detail", order_id=order.pk)
        order = selectors.order_get_for_user(order_id=order_id, user=request.user)
    actions = selectors.order_actions_for_user(order=order, user=request.user)
    action_forms = [(name, bound if bound is not None and name == action else ORDER_ACTIONS[name][0]())
                    for name in actions]
    return render(request, "bookings/order_detail.html", {
        "order": order, "action_forms": action_forms, "rating": _rating_of(order),
        "attachments": order.attachments.all(), "bookings": order.bookings.select_related("equipment"),
        "voucher_uses": order.voucher_uses.filter(status="applied"),
        "redemptions": voucher_selectors.redemptions_for_order(order=order),
    }, status=400 if bound is not None and bound.errors else 200)


@login_required
def attachment_download(request, order_id: int, attachment_id: int):
    try:
        attachment = selectors.attachment_get_for_user(order_id=order_id, attachment_id=attachment_id,
                                                       user=request.user)
    except DomainError as error:
        return _error_page(request, error)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name,
                        content_type=attachment.content_type)


# --- vouchers (government) ----------------------------------------------------------------------

def _year(request) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() else None


@login_required
def voucher_report(request):
    year = _year(request) or timezone.localdate().year
    try:
        context = {"year": year, "wallets": voucher_selectors.voucher_wallets_for_reviewer(user=request.user, year=year),
                   "platforms": voucher_selectors.voucher_use_by_platform(user=request.user, year=year),
                   "acceptance": voucher_selectors.voucher_platforms_for_reviewer(user=request.user)}
    except DomainError as error:
        return _error_page(request, error)
    return render(request, "bookings/voucher_report.html", context)


@login_required
def voucher_export(request):
    try:
        content = voucher_report_xlsx(user=request.user, year=_year(request))
    except DomainError as error:
        return _error_page(request, error)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="vouchers-{_year(request) or "all"}.xlsx"'
    return response


@login_required
@require_POST
def voucher_platform(request, platform_id: int):
    try:
        platform = selectors.platform_get_published(platform_id=platform_id)
        voucher_services.voucher_platform_set(platform=platform, actor=request.user,
                                              accepts=request.POST.get("accepts") == "1")
        messages.success(request, _("已更新创新券服务机构设置"))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("bookings:vouchers")


# --- availability settings (operators) -------------------------------------------------------------

@login_required
def availability_home(request):
    platforms = list(selectors.platforms_for_operator(user=request.user))
    if len(platforms) == 1:
        return redirect("bookings:availability_platform", platform_id=platforms[0].pk)
    return render(request, "bookings/availability_home.html", {"platforms": platforms})


def _availability_forms(platform, data=None, action=""):
    equipment = [(item.pk, item.name) for item in platform.equipment.filter(shareable=True).order_by("name")]
    policy = selectors.booking_policy_for(platform)
    return {
        "policy": forms.PolicyForm(data if action == "policy" else None, initial={
            "free_cancel_hours": policy.free_cancel_hours, "late_cancellation": policy.late_cancellation,
            "max_advance_days": policy.max_advance_days}),
        "hours": forms.HoursForm(data if action == "hours" else None, equipment_choices=equipment),
        "maintenance": forms.MaintenanceForm(data if action == "maintenance" else None, equipment_choices=equipment),
    }


def _availability_action(request, platform, action: str, form) -> str:
    """Run one settings action through its service; returns the success message."""
    data = form.cleaned_data
    if action == "policy":
        services.booking_policy_set(platform=platform, actor=request.user, **data)
        return _("已保存取消规则")
    if action == "hours":
        equipment = platform.equipment.filter(pk=data["equipment"]).first() if data["equipment"] else None
        services.opening_hours_set(platform=platform, actor=request.user, equipment=equipment, rows=form.rows())
        return _("已保存开放时间")
    equipment = platform.equipment.get(pk=data["equipment"])
    block = services.maintenance_block_add(equipment=equipment, actor=request.user, start=data["start"],
                                           end=data["end"], reason=data["reason"])
    conflicts = services.maintenance_conflicts(block)
    if conflicts:
        return _("已登记维护时段；该时段内有 %(n)d 个预约，请在预约审批中逐一处理") % {"n": len(conflicts)}
    return _("已登记维护时段")


@login_required
def availability_platform(request, platform_id: int):
    try:
        platform = selectors.platform_get_for_operator(platform_id=platform_id, user=request.user)
    except DomainError as error:
        return _error_page(request, error)
    action = request.POST.get("action", "")
    settings_forms = _availability_forms(platform, request.POST if request.method == "POST" else None, action)
    if request.method == "POST":
        try:
            if action == "delete_maintenance":
                block = selectors.maintenance_get_for_operator(block_id=int(request.POST.get("block", 0) or 0),
                                                               user=request.user)
                services.maintenance_block_delete(block=block, actor=request.user)
                messages.success(request, _("已删除维护时段"))
                return redirect("bookings:availability_platform", platform_id=platform.pk)
            form = settings_forms.get(action)
            if form is not None and form.is_valid():
                messages.success(request, _availability_action(request, platform, action, form))
                return redirect("bookings:availability_platform", platform_id=platform.pk)
        except DomainError as error:
            form = settings_forms.get(action)
            if form is None:
                messages.error(request, error.message)
            else:
                add_domain_error(form, error)
    status = 400 if any(form.errors for form in settings_forms.values()) else 200
    return render(request, "bookings/availability.html", {
        **selectors.availability_for_platform(platform=platform), "forms": settings_forms,
        "platforms": selectors.platforms_for_operator(user=request.user)}, status=status)


# --- voucher redemptions (reviewers) -------------------------------------------------------------------

@login_required
def voucher_redemptions(request):
    form = forms.PaymentBatchForm(request.POST or None)
    try:
        if request.method == "POST" and form.is_valid():
            ids = [int(value) for value in request.POST.getlist("redemption") if value.isdigit()]
            try:
                batch = voucher_services.payment_batch_create(actor=request.user, redemption_ids=ids,
                                                              **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("已登记拨付批次 %(ref)s，合计 %(total)d 元") % {
                    "ref": batch.reference, "total": batch.total})
                return redirect("bookings:redemptions")
        status = request.GET.get("status", "")
        redemptions = voucher_selectors.redemptions_for_reviewer(user=request.user, status=status)[:200]
    except DomainError as error:
        return _error_page(request, error)
    return render(request, "bookings/redemption_list.html", {"redemptions": redemptions, "form": form,
                                                             "status": status},
                  status=400 if form.errors else 200)


@login_required
def voucher_redemption_detail(request, redemption_id: int):
    try:
        redemption = voucher_selectors.redemption_get_for_user(redemption_id=redemption_id, user=request.user)
    except DomainError as error:
        return _error_page(request, error)
    action = request.POST.get("action", "")
    approve = forms.RedemptionApproveForm(request.POST if action == "approve" else None)
    give_back = forms.RedemptionReturnForm(request.POST if action == "return" else None)
    bound = approve if action == "approve" else give_back if action == "return" else None
    if request.method == "POST" and bound is not None and bound.is_valid():
        data = bound.cleaned_data
        try:
            if action == "approve":
                voucher_services.redemption_approve(redemption=redemption, actor=request.user, note=data["note"],
                                                    acknowledge_flags=data["acknowledge_flags"])
                messages.success(request, _("已核准兑付申请"))
            else:
                voucher_services.redemption_return(redemption=redemption, actor=request.user, reason=data["reason"])
                messages.success(request, _("已退回兑付申请"))
        except DomainError as error:
            add_domain_error(bound, error)
        else:
            return redirect("bookings:redemption_detail", redemption_id=redemption.pk)
    reviews = voucher_selectors.user_reviews_redemption(user=request.user, redemption=redemption)
    checks = [] if not reviews else (
        voucher_services.redemption_run_checks(redemption) if redemption.status == "submitted"
        else redemption.flags_at_decision or redemption.flags_at_submission)
    attachments = {a.pk: a for a in redemption.order.attachments.all()}
    evidence = [(kind, [attachments[pk] for pk in ids if pk in attachments])
                for kind, ids in redemption.evidence.items()]
    return render(request, "bookings/redemption_detail.html", {
        "redemption": redemption, "order": redemption.order, "checks": checks, "evidence": evidence,
        "flag_count": sum(1 for check in checks if check["flagged"]), "approve_form": approve,
        "return_form": give_back,
        "may_review": redemption.status == "submitted" and reviews, "reviews": reviews,
    }, status=400 if bound is not None and bound.errors else 200)
