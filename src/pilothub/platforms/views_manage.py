"""Pages of the registry's editing workflow: 我的平台 for operators, 平台变更审核 for reviewers.

Thin: parse, call one gate and one service or selector, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pilothub.core.errors import DomainError, not_found
from pilothub.core.forms import add_domain_error

from . import permissions, services
from .forms import PlatformForm, QualificationFormSet, ReviewForm, child_form_class, qualifications_from
from .models import ChangeRequestStatus, PlatformChangeRequest, PlatformStatus
from .selectors_manage import (
    CHILD_KINDS,
    EDITABLE_FIELDS,
    accreditations_for_manage,
    change_request_diff,
    change_request_get_for_user,
    change_request_list_for_platform,
    change_request_queue,
    display_value,
    field_label,
    history_rows,
    lines_for_manage,
    open_change_request,
    permits_for_manage,
    platform_get_for_history,
    platform_get_for_manage,
    platform_history,
    platform_list_for_operator,
    platform_values,
    returned_change_request,
)

HISTORY_PAGE_SIZE = 50


def _error(request, error: DomainError):
    return render(request, "core/error.html", {"error": error}, status=error.status_code)


@login_required
def my_platforms(request):
    platforms = platform_list_for_operator(user=request.user).prefetch_related(Prefetch(
        "change_requests", queryset=PlatformChangeRequest.objects.filter(status=ChangeRequestStatus.SUBMITTED),
        to_attr="open_requests"))
    return render(request, "platforms/manage/list.html", {
        "platforms": platforms, "can_create": permissions.can_create(request.user)})


def _split(form: PlatformForm, formset) -> dict:
    data = form.service_data()
    data["qualifications"] = qualifications_from(formset)
    return data


@login_required
def platform_new(request):
    if not permissions.can_create(request.user):
        return _error(request, DomainError("forbidden", "只有平台运营方可以新建中试平台",
                                           "Only platform operators can create platforms", status_code=403))
    form = PlatformForm(request.POST or None,
                        initial={"region": request.user.organisation.region_id, "open_sharing": True})
    formset = QualificationFormSet(request.POST or None, prefix="q")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            platform = services.platform_create(user=request.user, data=_split(form, formset))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("已保存为草稿。补充设备、服务后请提交发布申请，审核通过后公开。"))
            return redirect("platforms:manage", pk=platform.pk)
    return render(request, "platforms/manage/edit.html", {"form": form, "formset": formset, "platform": None},
                  status=400 if request.method == "POST" else 200)


@login_required
def platform_manage(request, pk: int):
    try:
        platform = platform_get_for_manage(platform_id=pk, user=request.user)
    except DomainError as error:
        return _error(request, error)
    values = platform_values(platform)
    pending = open_change_request(platform)
    return render(request, "platforms/manage/platform.html", {
        "platform": platform, "pending_diff": change_request_diff(pending) if pending else [],
        "fields": [(field_label("platform", f), display_value("platform", f, values[f])) for f in EDITABLE_FIELDS],
        "pending": pending,
        "requests": change_request_list_for_platform(platform=platform)[:10],
        "children": [(slug, CHILD_KINDS[slug][1]._meta.verbose_name, getattr(platform, rel).all())
                     for slug, rel in (("equipment", "equipment"), ("services", "test_services"),
                                       ("experts", "experts"))],
        "lines": lines_for_manage(platform), "permits": permits_for_manage(platform),
        "accreditations": accreditations_for_manage(platform),
        "is_published": platform.status == PlatformStatus.PUBLISHED})


@login_required
def platform_edit_view(request, pk: int):
    try:
        platform = platform_get_for_manage(platform_id=pk, user=request.user)
    except DomainError as error:
        return _error(request, error)
    pending = open_change_request(platform)
    returned = None if pending else returned_change_request(platform)
    # The operator edits what they asked for last (under review, or returned to fix), not what is
    # public now.
    asked = pending or returned
    initial = {**platform_values(platform), **(asked.changes if asked else {})}
    qualifications = initial.pop("qualifications")
    form = PlatformForm(request.POST or None, initial=initial)
    formset = QualificationFormSet(request.POST or None, prefix="q", initial=qualifications)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            change = services.platform_edit(platform=platform, user=request.user, data=_split(form, formset))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if change is None:
                messages.success(request, _("已保存。"))
            else:
                messages.success(request, _("修改已提交审核，审核通过前公众看到的仍是已发布的信息。"))
            return redirect("platforms:manage", pk=platform.pk)
    return render(request, "platforms/manage/edit.html", {"form": form, "formset": formset, "platform": platform,
                                                          "pending": pending, "returned": returned},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def platform_publish_view(request, pk: int):
    try:
        platform = platform_get_for_manage(platform_id=pk, user=request.user)
        services.platform_submit_for_publication(platform=platform, user=request.user)
    except DomainError as error:
        if error.status_code in (403, 404):
            return _error(request, error)
        messages.error(request, error.message)
    else:
        messages.success(request, _("已提交发布申请，所在地区的审核人员会收到通知。"))
    return redirect("platforms:manage", pk=pk)


@login_required
def platform_history_view(request, pk: int):
    try:
        platform = platform_get_for_history(platform_id=pk, user=request.user)
    except DomainError as error:
        return _error(request, error)
    page = Paginator(platform_history(platform=platform), HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "platforms/manage/history.html", {
        "platform": platform, "page": page, "rows": history_rows(page.object_list),
        "can_manage": permissions.can_manage(request.user, platform)})


@login_required
def review_queue(request):
    status = request.GET.get("status", ChangeRequestStatus.SUBMITTED)
    if status not in ChangeRequestStatus.values:
        status = ChangeRequestStatus.SUBMITTED
    try:
        queue = change_request_queue(user=request.user, status=status)
    except DomainError as error:
        return _error(request, error)
    page = Paginator(queue, 30).get_page(request.GET.get("page"))
    return render(request, "platforms/manage/review_queue.html", {
        "page": page, "status": status, "statuses": ChangeRequestStatus.choices})


@login_required
def change_request_detail(request, change_request_id: int):
    try:
        change = change_request_get_for_user(change_request_id=change_request_id, user=request.user)
    except DomainError as error:
        return _error(request, error)
    return render(request, "platforms/manage/change_request.html", {
        "change": change, "diff": change_request_diff(change), "review_form": ReviewForm(),
        "can_review": change.is_open and permissions.can_review(request.user, change.platform),
        "can_withdraw": change.is_open and permissions.can_manage(request.user, change.platform)})


@login_required
@require_POST
def change_request_review(request, change_request_id: int):
    form = ReviewForm(request.POST)
    try:
        change = change_request_get_for_user(change_request_id=change_request_id, user=request.user)
        if not form.is_valid():
            raise DomainError("invalid", "请选择审核结论", "Choose a decision", field="decision")
        if form.cleaned_data["decision"] == "approve":
            services.change_request_approve(change_request=change, reviewer=request.user,
                                            note=form.cleaned_data["reason"])
            messages.success(request, _("已通过，平台公开信息已更新。"))
        else:
            services.change_request_return(change_request=change, reviewer=request.user,
                                           reason=form.cleaned_data["reason"])
            messages.success(request, _("已退回运营方修改。"))
    except DomainError as error:
        if error.status_code in (403, 404):
            return _error(request, error)
        messages.error(request, error.message)
        return redirect("platforms:change_request", change_request_id=change_request_id)
    return redirect("platforms:review_queue")


@login_required
@require_POST
def change_request_withdraw_view(request, change_request_id: int):
    try:
        change = change_request_get_for_user(change_request_id=change_request_id, user=request.user)
        services.change_request_withdraw(change_request=change, user=request.user)
    except DomainError as error:
        if error.status_code in (403, 404):
            return _error(request, error)
        messages.error(request, error.message)
        return redirect("platforms:change_request", change_request_id=change_request_id)
    messages.success(request, _("已撤回申请。"))
    return redirect("platforms:manage", pk=change.platform_id)


def _child(request, pk: int, kind: str, child_id: int | None):
    """(platform, kind, model, child or None) for the user's own platform, or a DomainError."""
    if kind not in CHILD_KINDS:
        raise not_found("页面", "Page")
    platform = platform_get_for_manage(platform_id=pk, user=request.user)
    model = CHILD_KINDS[kind][1]
    child = None
    if child_id is not None:
        child = model.objects.filter(pk=child_id, platform=platform).first()
        if child is None:
            raise not_found(str(model._meta.verbose_name), "Record")
    return platform, model, child


def _child_form(request, pk: int, kind: str, child_id: int | None):
    try:
        platform, model, child = _child(request, pk, kind, child_id)
    except DomainError as error:
        return _error(request, error)
    form_class = child_form_class(kind)
    fields = CHILD_KINDS[kind][2]
    initial = {field: getattr(child, field) for field in fields} if child else None
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in fields}
        service_kind = CHILD_KINDS[kind][0]
        try:
            if child is None:
                services.platform_child_create(platform=platform, user=request.user, kind=service_kind, data=data)
            else:
                services.platform_child_update(obj=child, user=request.user, kind=service_kind, data=data)
        except DomainError as error:
            add_domain_error(form, error)  # type: ignore[arg-type]
        else:
            messages.success(request, _("已保存。"))
            return redirect("platforms:manage", pk=platform.pk)
    return render(request, "platforms/manage/child_form.html", {
        "platform": platform, "form": form, "child": child, "kind_label": model._meta.verbose_name},
        status=400 if request.method == "POST" else 200)


@login_required
def child_new(request, pk: int, kind: str):
    return _child_form(request, pk, kind, None)


@login_required
def child_edit(request, pk: int, kind: str, child_id: int):
    return _child_form(request, pk, kind, child_id)


@login_required
@require_POST
def child_delete(request, pk: int, kind: str, child_id: int):
    try:
        platform, _model, child = _child(request, pk, kind, child_id)
        services.platform_child_delete(obj=child, user=request.user, kind=CHILD_KINDS[kind][0])
    except DomainError as error:
        if error.status_code in (403, 404):
            return _error(request, error)
        messages.error(request, error.message)
    else:
        messages.success(request, _("已删除。"))
    return redirect("platforms:manage", pk=pk)
