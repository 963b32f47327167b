"""Pages of wrong-listing reports: the public report form and the operators'/reviewers' queue."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pilothub.core.errors import DomainError
from pilothub.core.forms import add_domain_error
from pilothub.core.views import domain_errors

from .models import ListingReportKind, ListingReportStatus
from .reports import (
    listing_report_create,
    listing_report_get_for_user,
    listing_report_queue,
    listing_report_resolve,
    platform_for_report,
)


class ListingReportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("问题类型"), choices=ListingReportKind.choices,
                             widget=forms.RadioSelect)
    reason = forms.CharField(label=gettext_lazy("说明"), widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=gettext_lazy("请写明哪里不对、正确的信息是什么（如新的电话号码）。"))
    contact = forms.CharField(label=gettext_lazy("您的联系方式（选填，仅处理人可见）"), required=False, max_length=100)


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(choices=[(ListingReportStatus.FIXED, gettext_lazy("已更正")),
                                         (ListingReportStatus.REJECTED, gettext_lazy("不予采纳"))])
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


@domain_errors
def report_listing(request, pk: int):
    platform = platform_for_report(platform_id=pk)
    form = ListingReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            listing_report_create(platform=platform, kind=form.cleaned_data["kind"], reason=form.cleaned_data["reason"],
                                  contact=form.cleaned_data["contact"], user=request.user,
                                  client_address=request.META.get("REMOTE_ADDR", ""))
        except DomainError as error:
            add_domain_error(form, error)
            status = error.status_code
        else:
            return render(request, "platforms/reports/report_done.html", {"platform": platform})
    if form.errors and status == 200:
        status = 400
    return render(request, "platforms/reports/report_form.html", {"platform": platform, "form": form}, status=status)


@login_required
def listing_reports(request):
    status = request.GET.get("status", ListingReportStatus.OPEN)
    if status not in ListingReportStatus.values and status != "all":
        status = ListingReportStatus.OPEN
    queryset = listing_report_queue(user=request.user, status="" if status == "all" else status)
    page = Paginator(queryset, 30).get_page(request.GET.get("page"))
    return render(request, "platforms/reports/queue.html", {
        "page": page, "status": status, "statuses": ListingReportStatus.choices})


@login_required
@require_POST
@domain_errors
def resolve(request, pk: int):
    report = listing_report_get_for_user(report_id=pk, user=request.user)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择处理结果"))
        return redirect("platforms:listing_reports")
    listing_report_resolve(report=report, actor=request.user, outcome=form.cleaned_data["outcome"],
                           note=form.cleaned_data["note"])
    messages.success(request, _("纠错报告已处理"))
    return redirect("platforms:listing_reports")


urlpatterns = [
    path("<int:pk>/report/", report_listing, name="report_listing"),
    path("listing-reports/", listing_reports, name="listing_reports"),
    path("listing-reports/<int:pk>/resolve/", resolve, name="listing_report_resolve"),
]
