"""揭榜挂帅 pages: list, post, detail (apply, score, publish result, milestones), attachment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pilothub.core.errors import DomainError, not_found
from pilothub.core.forms import add_domain_error

from .forms import ApplicationForm, ChallengeForm, EvidenceForm, MilestoneForm
from .models import ChallengeMilestone, ChallengeStatus
from .selectors import (
    application_get_for_user,
    application_list_for_user,
    challenge_get_for_user,
    challenge_list,
    operator_platforms,
    user_reviews_challenge,
)
from .services import (
    application_submit,
    challenge_close_applications,
    challenge_post,
    challenge_publish_result,
    challenge_score,
    milestone_add,
    milestone_confirm,
    milestone_submit,
)
from .views import domain_errors


@domain_errors
def challenges(request):
    return render(request, "demands/challenges.html", {
        "challenges": challenge_list(status=request.GET.get("status", ""), region=request.GET.get("region", "")),
        "statuses": ChallengeStatus.choices})


@login_required
def challenge_new(request):
    initial = {"region": request.user.region_id or (request.user.organisation.region_id
                                                     if request.user.organisation else "")}
    form = ChallengeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            challenge = challenge_post(actor=request.user, region_code=data["region"], title=data["title"],
                                       task=data["task"], indicators=form.indicator_items(), bounty=data["bounty"],
                                       deadline=data["deadline"], eligibility=data["eligibility"],
                                       rubric=form.rubric_items())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("榜单已发布"))
            return redirect("demands:challenge_detail", challenge.pk)
    return render(request, "demands/form.html", {"form": form, "heading": _("发布揭榜挂帅榜单")},
                  status=400 if form.errors else 200)


@domain_errors
def challenge_detail(request, challenge_id: int):
    challenge = challenge_get_for_user(challenge_id=challenge_id, user=request.user)
    platforms = list(operator_platforms(request.user))
    application_form = ApplicationForm(request.POST or None, request.FILES or None, platforms=platforms)
    if request.method == "POST" and application_form.is_valid():
        data = application_form.cleaned_data
        try:
            application_submit(challenge=challenge, actor=request.user, team_name=data["team_name"],
                               proposal=data["proposal"], platform_id=int(data["platform"]) if data["platform"] else None,
                               attachment=data["attachment"])
        except DomainError as error:
            add_domain_error(application_form, error)
        else:
            messages.success(request, _("揭榜申报已提交"))
            return redirect("demands:challenge_detail", challenge.pk)
    reviewer = user_reviews_challenge(request.user, challenge)
    applications = [(application, next((s for s in application.scores.all() if s.reviewer_id == request.user.pk),
                                       None))
                    for application in application_list_for_user(challenge=challenge, user=request.user)]
    return render(request, "demands/challenge_detail.html", {
        "challenge": challenge, "reviewer": reviewer, "applications": applications,
        "application_form": application_form, "milestones": challenge.milestones.all(),
        "is_winner": bool(challenge.winner and request.user.is_authenticated
                          and challenge.winner.organisation_id == request.user.organisation_id),
        "milestone_form": MilestoneForm(), "evidence_form": EvidenceForm()},
        status=400 if application_form.errors else 200)



@login_required
@require_POST
@domain_errors
def challenge_action(request, challenge_id: int, action: str):
    challenge = challenge_get_for_user(challenge_id=challenge_id, user=request.user)
    if action == "close":
        challenge_close_applications(challenge=challenge, actor=request.user)
    elif action == "publish":
        challenge_publish_result(challenge=challenge, actor=request.user)
    elif action == "milestone":
        form = MilestoneForm(request.POST)
        if not form.is_valid():
            raise DomainError("invalid", _("请填写里程碑名称和计划完成日期"), "Give a title and a due date", field="title")
        milestone_add(challenge=challenge, actor=request.user, title=form.cleaned_data["title"],
                      due_date=form.cleaned_data["due_date"])
    messages.success(request, _("已保存"))
    return redirect("demands:challenge_detail", challenge.pk)


@login_required
@require_POST
@domain_errors
def application_score(request, application_id: int):
    application = application_get_for_user(application_id=application_id, user=request.user)
    criteria = [item["name"] for item in application.challenge.rubric]
    challenge_score(application=application, actor=request.user,
                    scores={name: request.POST.get(f"score_{index}", "") for index, name in enumerate(criteria)},
                    comment=request.POST.get("comment", ""))
    messages.success(request, _("评分已保存"))
    return redirect("demands:challenge_detail", application.challenge_id)


@login_required
@require_POST
@domain_errors
def milestone_action(request, milestone_id: int, action: str):
    milestone = get_object_or_404(ChallengeMilestone.objects.select_related("challenge"), pk=milestone_id)
    if action == "submit":
        milestone_submit(milestone=milestone, actor=request.user, evidence=request.POST.get("evidence", ""))
    else:
        milestone_confirm(milestone=milestone, actor=request.user)
    messages.success(request, _("已保存"))
    return redirect("demands:challenge_detail", milestone.challenge_id)


@login_required
@domain_errors
def application_attachment(request, application_id: int):
    application = application_get_for_user(application_id=application_id, user=request.user)
    if not application.attachment:
        raise not_found("附件", "Attachment")
    return FileResponse(application.attachment.open("rb"), as_attachment=True,
                        filename=f"proposal-{application.pk}.{application.attachment_kind}")
