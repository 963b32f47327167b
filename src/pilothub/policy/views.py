"""Pages: the policy calculator, an enterprise's applications and the reviewers' queue."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pilothub.core.errors import DomainError

from .forms import PROJECT_TYPES, ApplyForm, CalculatorForm, DecisionForm
from .models import ApplicationStatus
from .selectors import (
    application_get_for_user,
    application_history,
    application_list_for_applicant,
    application_queue_for_reviewer,
    application_recompute,
    budget_list_for_reviewer,
    budget_status_for,
    non_computable_measures,
    policy_evaluate,
    user_may_review,
)
from .services import application_decide, application_resubmit, application_submit, transitions_for


def _error(request, error: DomainError) -> HttpResponse:
    return render(request, "core/error.html", {"error": error}, status=error.status_code)


def _default_region(request) -> str:
    organisation = getattr(request.user, "organisation", None)
    return organisation.region_id if organisation else "110000"


def calculator(request) -> HttpResponse:
    project_type = request.GET.get("type", "new_platform")
    project_type = project_type if project_type in PROJECT_TYPES else "new_platform"
    bound = "region" in request.GET
    form = CalculatorForm(project_type, request.GET if bound else None,
                          initial={"region": _default_region(request), "as_of": timezone.localdate()})
    result = None
    if bound and form.is_valid():
        try:
            result = policy_evaluate(request=form.to_request())
        except DomainError as error:
            form.add_engine_error(error)
    region = form.cleaned_data["region"] if result else form.initial["region"]
    as_of = form.cleaned_data["as_of"] if result else timezone.localdate()
    return render(request, "policy/calculator.html", {
        "form": form, "project_type": project_type, "project_types": PROJECT_TYPES, "result": result,
        "request_json": json.dumps(form.to_request(), ensure_ascii=False) if result else "",
        "may_apply": bool(request.user.is_authenticated and request.user.can_publish),
        "other_measures": non_computable_measures(region=region, as_of=as_of),
    }, status=400 if form.errors else 200)


@login_required
@require_POST
def application_create(request) -> HttpResponse:
    form = ApplyForm(request.POST)
    if not form.is_valid():
        return _error(request, DomainError("invalid", _("请填写项目名称后再申报"), "project_name is required",
                                           field="project_name"))
    try:
        application = application_submit(user=request.user, measure=form.cleaned_data["measure"],
                                         request=form.cleaned_data["request_json"],
                                         project_name=form.cleaned_data["project_name"])
    except DomainError as error:
        return _error(request, error)
    messages.success(request, _("申报已提交，等待初审。"))
    return redirect("policy:application_detail", application.pk)


@login_required
def my_applications(request) -> HttpResponse:
    applications = application_list_for_applicant(user=request.user)
    return render(request, "policy/my_applications.html", {"applications": applications})


@login_required
def application_detail(request, application_id: int) -> HttpResponse:
    try:
        application = application_get_for_user(application_id=application_id, user=request.user)
    except DomainError as error:
        return _error(request, error)
    reviewer = user_may_review(user=request.user, application=application)
    recomputed = application_recompute(application=application) if reviewer else None
    return render(request, "policy/application_detail.html", {
        "application": application, "reviewer": reviewer, "history": application_history(application=application),
        "transitions": transitions_for(application) if reviewer else [],
        "budget": budget_status_for(application=application) if reviewer else None,
        "recompute_matches": recomputed is not None and recomputed["amount"] == application.amount
        and recomputed["trace"] == application.trace,
        "form": DecisionForm(),
    })


@login_required
@require_POST
def application_decision(request, application_id: int) -> HttpResponse:
    form = DecisionForm(request.POST)
    try:
        application = application_get_for_user(application_id=application_id, user=request.user)
        form.is_valid()
        application_decide(application=application, reviewer=request.user,
                           action=form.cleaned_data.get("action", ""), note=form.cleaned_data.get("note", ""))
    except DomainError as error:
        if error.status_code == 404:
            return _error(request, error)
        messages.error(request, error.message)
    else:
        messages.success(request, _("已保存：%(status)s") % {"status": application.get_status_display()})
    return redirect("policy:application_detail", application_id)


@login_required
@require_POST
def application_resubmit_view(request, application_id: int) -> HttpResponse:
    try:
        application = application_get_for_user(application_id=application_id, user=request.user)
        application_resubmit(application=application, user=request.user)
    except DomainError as error:
        if error.status_code == 404:
            return _error(request, error)
        messages.error(request, error.message)
    else:
        messages.success(request, _("已重新提交，金额已按今日规则重新测算。"))
    return redirect("policy:application_detail", application_id)


@login_required
def review_queue(request) -> HttpResponse:
    stage = request.GET.get("stage", ApplicationStatus.SUBMITTED)
    try:
        queue, counts = application_queue_for_reviewer(user=request.user, stage=stage)
        budgets = budget_list_for_reviewer(user=request.user, year=timezone.localdate().year)
    except DomainError as error:
        return _error(request, error)
    stages = [(value, label, counts[value]) for value, label in ApplicationStatus.choices]
    return render(request, "policy/review_queue.html", {"applications": queue, "stages": stages, "stage": stage,
                                                        "budgets": budgets})
