"""Operator pages for a platform's capabilities, reached from 我的平台 › platform: pilot lines,
hazardous-process permits and accreditation scope items (list + add, edit, delete; permits can also
be marked as no longer in force). Decision 0307.

Thin: the registry's operator gate (`platform_get_for_manage`), one service call, render.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pilothub.core.errors import DomainError, not_found
from pilothub.core.forms import add_domain_error
from pilothub.core.views import domain_errors

from . import services_capabilities as services
from .forms import HazardPermitForm, PilotLineForm, ScopeItemForm
from .models import AccreditationScopeItem, Platform
from .selectors_manage import (
    accreditations_for_manage,
    lines_for_manage,
    permits_for_manage,
    platform_get_for_manage,
)


@dataclass(frozen=True)
class Kind:
    """One kind of capability record and how its pages reach the form, the rows and the services."""

    slug: str  # URL names: manage_<slug>, manage_<slug>_edit, manage_<slug>_delete
    title: Promise
    template: str
    form: Callable[..., forms.Form]
    fields: tuple[str, ...]
    rows: Callable[[Platform], Any]
    get: Callable[[Platform, int], models.Model | None]
    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., Any]
    arg: str  # the keyword the update/delete services take the record by


def _scope_item(platform: Platform, item_id: int) -> AccreditationScopeItem | None:
    return (AccreditationScopeItem.objects.select_related("qualification")
            .filter(pk=item_id, qualification__platform=platform).first())


LINES = Kind("lines", gettext_lazy("中试产线与工艺"), "platforms/manage/lines.html",
             lambda *a, platform, **k: PilotLineForm(*a, **k), services.LINE_FIELDS, lines_for_manage,
             lambda p, pk: p.pilot_lines.filter(pk=pk).first(), services.pilot_line_create,
             services.pilot_line_update, services.pilot_line_delete, "line")
PERMITS = Kind("permits", gettext_lazy("危险工艺许可"), "platforms/manage/permits.html", HazardPermitForm,
               services.PERMIT_FIELDS, permits_for_manage, lambda p, pk: p.hazard_permits.filter(pk=pk).first(),
               services.hazard_permit_create, services.hazard_permit_update, services.hazard_permit_delete,
               "permit")
SCOPE = Kind("scope", gettext_lazy("资质认可范围"), "platforms/manage/scope.html", ScopeItemForm,
             services.SCOPE_FIELDS, accreditations_for_manage, _scope_item, services.scope_item_create,
             services.scope_item_update, services.scope_item_delete, "item")
KINDS = {kind.slug: kind for kind in (LINES, PERMITS, SCOPE)}


def _initial(kind: Kind, obj: models.Model) -> dict[str, Any]:
    initial = {field: getattr(obj, field) for field in kind.fields}
    for field in ("line", "qualification"):  # choices are keyed by id
        if field in initial:
            initial[field] = getattr(obj, f"{field}_id")
    return initial


def _data(form: forms.Form) -> dict[str, Any]:
    return {name: "" if value is None and name in ("gmp_status", "scale_unit") else value
            for name, value in form.cleaned_data.items()}


def _save(request, kind: Kind, platform: Platform, obj: models.Model | None):
    """The list page (obj None: add a record) or the edit page of one record."""
    initial = _initial(kind, obj) if obj is not None else {"is_active": True}
    form = kind.form(request.POST or None, initial=initial, platform=platform)
    if request.method == "POST" and form.is_valid():
        try:
            if obj is None:
                kind.create(platform=platform, user=request.user, data=_data(form))
            else:
                kind.update(**{kind.arg: obj}, user=request.user, data=_data(form))
        except DomainError as error:
            if error.status_code in (403, 404):
                raise
            add_domain_error(form, error)
        else:
            messages.success(request, _("已保存，修改已直接生效并记入修改记录。"))
            return redirect(f"platforms:manage_{kind.slug}", pk=platform.pk)
    template = kind.template if obj is None else "platforms/manage/capability_form.html"
    return render(request, template, {"platform": platform, "kind": kind, "form": form, "obj": obj,
                                      "rows": kind.rows(platform)},
                  status=400 if request.method == "POST" else 200)


def _record(kind: Kind, platform: Platform, record_id: int) -> models.Model:
    obj = kind.get(platform, record_id)
    if obj is None:
        raise not_found(str(kind.title), "Record")
    return obj


def _list_view(kind: Kind):
    @login_required
    @domain_errors
    def view(request, pk: int):
        return _save(request, kind, platform_get_for_manage(platform_id=pk, user=request.user), None)

    return view


def _edit_view(kind: Kind):
    @login_required
    @domain_errors
    def view(request, pk: int, record_id: int):
        platform = platform_get_for_manage(platform_id=pk, user=request.user)
        return _save(request, kind, platform, _record(kind, platform, record_id))

    return view


def _delete_view(kind: Kind):
    @login_required
    @require_POST
    @domain_errors
    def view(request, pk: int, record_id: int):
        platform = platform_get_for_manage(platform_id=pk, user=request.user)
        kind.delete(**{kind.arg: _record(kind, platform, record_id)}, user=request.user)
        messages.success(request, _("已删除，并记入修改记录。"))
        return redirect(f"platforms:manage_{kind.slug}", pk=platform.pk)

    return view


@login_required
@require_POST
@domain_errors
def permit_expire(request, pk: int, record_id: int):
    platform = platform_get_for_manage(platform_id=pk, user=request.user)
    permit = _record(PERMITS, platform, record_id)
    try:
        services.hazard_permit_expire(permit=permit, user=request.user)  # type: ignore[arg-type]
    except DomainError as error:
        if error.status_code in (403, 404):
            raise
        messages.error(request, error.message)
    else:
        messages.success(request, _("已标记为失效：有效期至改为昨天，公开页面显示为已失效。"))
    return redirect("platforms:manage_permits", pk=platform.pk)


lines = _list_view(LINES)
line_edit = _edit_view(LINES)
line_delete = _delete_view(LINES)
permits = _list_view(PERMITS)
permit_edit = _edit_view(PERMITS)
permit_delete = _delete_view(PERMITS)
scope = _list_view(SCOPE)
scope_edit = _edit_view(SCOPE)
scope_delete = _delete_view(SCOPE)
