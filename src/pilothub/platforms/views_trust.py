"""Operator pages of the trust layer: confirm a listing (信息确认) and edit pilot lines (产线).

Mounted by platforms/urls.py (`urlpatterns += trust_urlpatterns`)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pilothub.core.errors import DomainError, not_found
from pilothub.core.forms import add_domain_error
from pilothub.core.views import domain_errors

from . import capabilities, freshness
from .models import GmpStatus, PilotLine, ProcessStep


class PilotLineForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("产线/工艺名称"), max_length=200)
    process_step = forms.ChoiceField(label=gettext_lazy("工艺环节"), choices=ProcessStep.choices)
    scale_value = forms.DecimalField(label=gettext_lazy("规模/批量"), required=False, max_digits=14, decimal_places=3,
                                     min_value=0)
    scale_unit = forms.ChoiceField(label=gettext_lazy("单位"), required=False,
                                   choices=[("", "—"), ("L", "L"), ("mL", "mL"), ("m³", "m³"), ("kg", "kg"),
                                            ("g", "g"), ("t", "t"), ("m²", "m²"), ("件", gettext_lazy("件")),
                                            ("片", gettext_lazy("片"))])
    cleanroom_class = forms.TypedChoiceField(label=gettext_lazy("洁净度等级（ISO 14644-1 / GB 50073）"),
                                             required=False, coerce=int, empty_value=None,
                                             choices=[("", gettext_lazy("无洁净要求")), *capabilities.CLEANROOM_CHOICES])
    gmp_status = forms.ChoiceField(label=gettext_lazy("GMP 状态"), required=False, choices=GmpStatus.choices)
    description = forms.CharField(label=gettext_lazy("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    is_active = forms.BooleanField(label=gettext_lazy("在用"), required=False, initial=True)


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


@login_required
@domain_errors
def lines(request, platform_id: int):
    platform = _platform_for_operator(request, platform_id)
    form = PilotLineForm(request.POST or None, initial={"is_active": True})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                capabilities.pilot_line_create(platform=platform, user=request.user, data=_line_data(form))
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("已添加产线。"))
                return redirect("platforms:trust_lines", platform_id=platform.pk)
        status = 400
    rows = platform.pilot_lines.all()
    return render(request, "platforms/trust/lines.html", {"platform": platform, "rows": rows, "form": form},
                  status=status)


def _line_data(form: PilotLineForm) -> dict:
    data = dict(form.cleaned_data)
    data["gmp_status"] = data.get("gmp_status") or ""
    data["scale_unit"] = data.get("scale_unit") or ""
    return data


def _line(platform, line_id: int) -> PilotLine:
    line = platform.pilot_lines.filter(pk=line_id).first()
    if line is None:
        raise not_found("产线", "Line")
    return line


@login_required
@domain_errors
def line_edit(request, platform_id: int, line_id: int):
    platform = _platform_for_operator(request, platform_id)
    line = _line(platform, line_id)
    initial = {name: getattr(line, name) for name in capabilities.LINE_FIELDS}
    form = PilotLineForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                capabilities.pilot_line_update(line=line, user=request.user, data=_line_data(form))
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("已保存产线。"))
                return redirect("platforms:trust_lines", platform_id=platform.pk)
        status = 400
    return render(request, "platforms/trust/line_form.html", {"platform": platform, "line": line, "form": form},
                  status=status)


@login_required
@require_POST
@domain_errors
def line_delete(request, platform_id: int, line_id: int):
    platform = _platform_for_operator(request, platform_id)
    capabilities.pilot_line_delete(line=_line(platform, line_id), user=request.user)
    messages.success(request, _("已删除产线。"))
    return redirect("platforms:trust_lines", platform_id=platform.pk)


trust_urlpatterns = [
    path("mine/freshness/", my_listings, name="trust_listings"),
    path("<int:platform_id>/confirm/", confirm, name="trust_confirm"),
    path("<int:platform_id>/lines/", lines, name="trust_lines"),
    path("<int:platform_id>/lines/<int:line_id>/", line_edit, name="trust_line_edit"),
    path("<int:platform_id>/lines/<int:line_id>/delete/", line_delete, name="trust_line_delete"),
]
