"""Pages of certification and evaluation. Thin: parse, gate, call one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pilothub.core.errors import DomainError, not_found
from pilothub.core.forms import add_domain_error
from pilothub.core.views import domain_errors

from . import forms, selectors, services
from .models import (
    ApplicationAttachment,
    DeclarationEvidence,
    ExpertReviewer,
    Objection,
    RewardRecommendation,
)
from .report import DIMENSION_NAMES, radar_svg, report_context, result_report_pdf
from .services.certification import OTHER_ATTACHMENT, TRANSITIONS


def handles_domain_errors(view):
    """A DomainError escaping a view (a gate's 404/403, a refused POST) becomes the error page."""
    return login_required(domain_errors(view))


def _posted(request, form, call) -> bool:
    """Run a service call for a valid POSTed form; a DomainError goes next to its field."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        call()
    except DomainError as error:
        add_domain_error(form, error)
        return False
    return True


@handles_domain_errors
def home(request):
    user = request.user
    if selectors.is_reviewer(user):
        context = {"reviewer": True, "calls": selectors.call_list_for_user(user=user)[:20],
                   "queue": selectors.application_list_for_user(user=user).exclude(
                       state__in=["draft", "certified", "rejected", "withdrawn"])[:50],
                   "rounds": selectors.round_list_for_user(user=user)[:20],
                   "proposals": selectors.proposal_list_for_user(user=user)[:20]}
    else:
        context = {"reviewer": False, "calls": selectors.call_list_for_user(user=user).filter(
            closes_on__gte=timezone.localdate())[:20],
                   "applications": selectors.application_list_for_user(user=user)[:50],
                   "rounds": selectors.round_list_for_user(user=user)[:20],
                   "declarations": selectors.declarations_for_operator(user=user)[:50],
                   "platforms": selectors.operator_platforms(user=user)}
    return render(request, "evaluation/home.html", context)


# --- certification ---------------------------------------------------------------------------


@handles_domain_errors
def call_create(request):
    form = forms.CallForm(request.POST or None)
    result = {}

    def create():
        data = form.cleaned_data
        result["call"] = services.call_create(
            actor=request.user, region_code=data["region"], title=data["title"], target_tier=data["target_tier"],
            opens_on=data["opens_on"], closes_on=data["closes_on"], criteria=form.criteria_list(),
            required_attachments=form.attachments_list(), pass_score=data["pass_score"],
            min_experts=data["min_experts"], publicity_days=data["publicity_days"],
            validity_years=data["validity_years"], citation=data["citation"])

    if _posted(request, form, create):
        messages.success(request, _("申报通知已发布"))
        return redirect("evaluation:call_detail", call_id=result["call"].pk)
    return render(request, "evaluation/form_page.html", {"form": form, "title": _("发布认定申报通知")},
                  status=400 if form.errors else 200)


@handles_domain_errors
def call_detail(request, call_id: int):
    call = selectors.call_get_for_user(call_id=call_id, user=request.user)
    applications = selectors.application_list_for_user(user=request.user).filter(call=call)
    return render(request, "evaluation/call_detail.html", {
        "call": call, "applications": applications, "is_open": call.is_open_on(timezone.localdate()),
        "can_apply": selectors.operator_platforms(user=request.user).exists()})


@handles_domain_errors
def application_create(request, call_id: int):
    call = selectors.call_get_for_user(call_id=call_id, user=request.user)
    form = forms.ApplicationForm(request.POST or None, criteria=call.criteria,
                                 platforms=selectors.operator_platforms(user=request.user))
    result = {}

    def create():
        result["application"] = services.application_create(
            actor=request.user, call=call, platform=form.cleaned_data["platform"],
            summary=form.cleaned_data["summary"], self_assessment=form.self_assessment())

    if _posted(request, form, create):
        messages.success(request, _("申报已保存为草稿，请上传必备附件后提交"))
        return redirect("evaluation:application_detail", application_id=result["application"].pk)
    return render(request, "evaluation/form_page.html", {"form": form, "title": _("申报：%s") % call.title},
                  status=400 if form.errors else 200)


def _application_context(request, application, **extra):
    kinds = [(a["code"], a["name"]) for a in application.call.required_attachments] + [(OTHER_ATTACHMENT, _("其他"))]
    is_reviewer = selectors.is_reviewer(request.user)
    context = {
        "application": application, "call": application.call, "is_reviewer": is_reviewer,
        "attachments": application.attachments.all(), "steps": application.steps.select_related("actor"),
        "scores": application.expert_scores.select_related("expert"),
        "objections": application.objections.all(), "missing": services.missing_attachments(application),
        "actions": [(name, TRANSITIONS[name]) for name in services.allowed_actions(application)
                    if (TRANSITIONS[name].by == "reviewer") == is_reviewer],
        "attachment_form": forms.AttachmentForm(kinds=kinds), "objection_form": forms.ObjectionForm(),
        "resolve_form": forms.ObjectionResolveForm(),
    }
    context.update(extra)
    return context


@handles_domain_errors
def application_detail(request, application_id: int):
    application = selectors.application_get_for_user(application_id=application_id, user=request.user)
    return render(request, "evaluation/application_detail.html", _application_context(request, application))


@handles_domain_errors
@require_POST
def application_attachment(request, application_id: int):
    application = selectors.application_get_for_user(application_id=application_id, user=request.user)
    kinds = [(a["code"], a["name"]) for a in application.call.required_attachments] + [(OTHER_ATTACHMENT, _("其他"))]
    form = forms.AttachmentForm(request.POST, request.FILES, kinds=kinds)
    if _posted(request, form, lambda: services.application_attachment_add(
            actor=request.user, application=application, kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"])):
        messages.success(request, _("附件已上传"))
        return redirect("evaluation:application_detail", application_id=application.pk)
    return render(request, "evaluation/application_detail.html",
                  _application_context(request, application, attachment_form=form), status=400)


@handles_domain_errors
@require_POST
def application_transition(request, application_id: int):
    application = selectors.application_get_for_user(application_id=application_id, user=request.user)
    form = forms.TransitionForm(request.POST)
    if _posted(request, form, lambda: services.application_transition(
            actor=request.user, application=application, action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"])):
        messages.success(request, _("已执行：%s") % TRANSITIONS[form.cleaned_data["action"]].label)
        return redirect("evaluation:application_detail", application_id=application.pk)
    error = form.errors.get("__all__") or form.errors.get("reason") or [_("操作未完成")]
    return render(request, "evaluation/application_detail.html",
                  _application_context(request, application, transition_error=error[0]), status=400)


@handles_domain_errors
def expert_score(request, application_id: int):
    application = selectors.application_get_for_user(application_id=application_id, user=request.user)
    experts = selectors.eligible_experts(application=application)
    form = forms.ExpertScoreForm(request.POST or None, criteria=application.call.criteria, experts=experts)

    def record():
        expert = ExpertReviewer.objects.get(pk=form.cleaned_data["expert"])
        services.expert_score_record(actor=request.user, application=application, expert=expert,
                                     scores=form.scores(), comment=form.cleaned_data["comment"])

    if _posted(request, form, record):
        messages.success(request, _("专家评分已录入"))
        return redirect("evaluation:application_detail", application_id=application.pk)
    return render(request, "evaluation/expert_score.html", {
        "application": application, "form": form, "excluded": selectors.excluded_experts(application=application)},
        status=400 if form.errors else 200)


@handles_domain_errors
@require_POST
def objection_record(request, application_id: int):
    application = selectors.application_get_for_user(application_id=application_id, user=request.user)
    form = forms.ObjectionForm(request.POST)
    if _posted(request, form, lambda: services.objection_record(actor=request.user, application=application,
                                                                **form.cleaned_data)):
        messages.success(request, _("异议已登记"))
        return redirect("evaluation:application_detail", application_id=application.pk)
    return render(request, "evaluation/application_detail.html",
                  _application_context(request, application, objection_form=form), status=400)


@handles_domain_errors
@require_POST
def objection_resolve(request, objection_id: int):
    objection = Objection.objects.filter(pk=objection_id).first()
    if objection is None:
        raise not_found("异议", "Objection")
    application = selectors.application_get_for_user(application_id=objection.application_id, user=request.user)
    form = forms.ObjectionResolveForm(request.POST)
    if _posted(request, form, lambda: services.objection_resolve(
            actor=request.user, objection=objection, upheld=form.cleaned_data["upheld"],
            resolution=form.cleaned_data["resolution"])):
        messages.success(request, _("异议已处理"))
        return redirect("evaluation:application_detail", application_id=application.pk)
    return render(request, "evaluation/application_detail.html",
                  _application_context(request, application, resolve_form=form), status=400)


@handles_domain_errors
def attachment_download(request, kind: str, attachment_id: int):
    """Files are served through the object's gate, never from a public media URL."""
    attachment: ApplicationAttachment | DeclarationEvidence | None
    if kind == "application":
        attachment = ApplicationAttachment.objects.filter(pk=attachment_id).first()
        if attachment is not None:
            selectors.application_get_for_user(application_id=attachment.application_id, user=request.user)
    else:
        evidence = DeclarationEvidence.objects.filter(pk=attachment_id).first()
        if evidence is not None:
            selectors.declaration_get_for_user(declaration_id=evidence.declaration_id, user=request.user)
        attachment = evidence
    if attachment is None:
        raise not_found("附件", "Attachment")
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name,
                        content_type=attachment.content_type)


@handles_domain_errors
def experts(request):
    roster = selectors.expert_list_for_region(user=request.user)
    form = forms.ExpertForm(request.POST or None, initial={"region": request.user.region_id})
    if _posted(request, form, lambda: services.expert_add(actor=request.user, region_code=form.cleaned_data["region"],
                                                          name=form.cleaned_data["name"],
                                                          organisation_name=form.cleaned_data["organisation_name"],
                                                          title=form.cleaned_data["title"],
                                                          field=form.cleaned_data["field"])):
        messages.success(request, _("专家已加入专家库"))
        return redirect("evaluation:experts")
    return render(request, "evaluation/experts.html", {"experts": roster, "form": form},
                  status=400 if form.errors else 200)


# --- evaluation ------------------------------------------------------------------------------


@handles_domain_errors
def round_create(request):
    form = forms.RoundForm(request.POST or None, initial={"region": request.user.region_id})
    result = {}

    def create():
        result["round"] = services.round_create(actor=request.user, region_code=form.cleaned_data["region"],
                                                year=form.cleaned_data["year"],
                                                declaration_deadline=form.cleaned_data["declaration_deadline"])

    if _posted(request, form, create):
        return redirect("evaluation:round_detail", round_id=result["round"].pk)
    return render(request, "evaluation/form_page.html", {"form": form, "title": _("发起年度效能评估")},
                  status=400 if form.errors else 200)


@handles_domain_errors
def round_detail(request, round_id: int):
    round_ = selectors.round_get_for_user(round_id=round_id, user=request.user)
    reviewer = selectors.is_reviewer(request.user)
    results = list(selectors.round_results(round_=round_)) if reviewer or round_.state == "published" else []
    if not reviewer:
        results = [r for r in results if r.platform.operator_id == request.user.organisation_id]
    context = {"round": round_, "reviewer": reviewer, "system": services.system_for_round(round_),
               "results": results,
               "declarations": round_.declarations.select_related("platform") if reviewer else
               selectors.declarations_for_operator(user=request.user).filter(round=round_),
               "platforms": selectors.operator_platforms(user=request.user).filter(
                   region__path__startswith=round_.region.path)}
    return render(request, "evaluation/round_detail.html", context)


@handles_domain_errors
@require_POST
def round_action(request, round_id: int, action: str):
    round_ = selectors.round_get_for_user(round_id=round_id, user=request.user)
    if action == "score":
        services.round_score(actor=request.user, round_=round_)
        messages.success(request, _("已完成评分和排名"))
    elif action == "publish":
        services.round_publish(actor=request.user, round_=round_)
        messages.success(request, _("评估结果已发布，处理建议已生成，待审核人员决定"))
    return redirect("evaluation:round_detail", round_id=round_.pk)


@handles_domain_errors
def declaration_edit(request, round_id: int, platform_id: int):
    round_ = selectors.round_get_for_user(round_id=round_id, user=request.user)
    platform = selectors.operator_platforms(user=request.user).filter(pk=platform_id).first()
    if platform is None:
        raise not_found("平台", "Platform")
    existing = round_.declarations.filter(platform=platform).first()
    if existing is not None and existing.state != "draft":
        return redirect("evaluation:declaration_detail", declaration_id=existing.pk)
    indicators = services.declarable_indicators(services.system_for_round(round_))
    initial = {f"value_{k}": (str(v).lower() if isinstance(v, bool) else v)
               for k, v in (existing.values if existing else {}).items()}
    form = forms.DeclarationForm(request.POST or None, indicators=indicators,
                                 initial={**initial, "note": existing.note if existing else ""})
    result = {}

    def save():
        result["declaration"] = services.declaration_save(actor=request.user, round_=round_, platform=platform,
                                                          values=form.values(), note=form.cleaned_data["note"])

    if _posted(request, form, save):
        messages.success(request, _("申报已保存，请上传佐证材料后提交"))
        return redirect("evaluation:declaration_detail", declaration_id=result["declaration"].pk)
    return render(request, "evaluation/form_page.html",
                  {"form": form, "title": _("%(year)s 年度效能评估申报：%(name)s") % {"year": round_.year,
                                                                                "name": platform.name}},
                  status=400 if form.errors else 200)


def _declaration_context(request, declaration, **extra):
    system = services.system_for_round(declaration.round)
    values = {v.indicator: v for v in declaration.indicator_values.all()}
    rows = [{"indicator": ind, "value": values.get(ind.code), "declared": declaration.values.get(ind.code)}
            for ind in system.indicators()]
    context = {"declaration": declaration, "rows": rows, "reviewer": selectors.is_reviewer(request.user),
               "evidence": declaration.evidence.all(), "adjust_form": forms.AdjustForm(),
               "evidence_form": forms.AttachmentForm(kinds=[(i.code, i.name) for i in system.indicators()])}
    context.update(extra)
    return context


@handles_domain_errors
def declaration_detail(request, declaration_id: int):
    declaration = selectors.declaration_get_for_user(declaration_id=declaration_id, user=request.user)
    return render(request, "evaluation/declaration_detail.html", _declaration_context(request, declaration))


@handles_domain_errors
@require_POST
def declaration_evidence(request, declaration_id: int):
    declaration = selectors.declaration_get_for_user(declaration_id=declaration_id, user=request.user)
    system = services.system_for_round(declaration.round)
    form = forms.AttachmentForm(request.POST, request.FILES, kinds=[(i.code, i.name) for i in system.indicators()])
    if _posted(request, form, lambda: services.declaration_evidence_add(
            actor=request.user, declaration=declaration, indicator=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"])):
        messages.success(request, _("佐证材料已上传"))
        return redirect("evaluation:declaration_detail", declaration_id=declaration.pk)
    return render(request, "evaluation/declaration_detail.html",
                  _declaration_context(request, declaration, evidence_form=form), status=400)


@handles_domain_errors
@require_POST
def declaration_submit(request, declaration_id: int):
    declaration = selectors.declaration_get_for_user(declaration_id=declaration_id, user=request.user)
    services.declaration_submit(actor=request.user, declaration=declaration)
    messages.success(request, _("申报已提交"))
    return redirect("evaluation:declaration_detail", declaration_id=declaration.pk)


@handles_domain_errors
@require_POST
def value_adjust(request, value_id: int):
    value = selectors.indicator_value_get_for_user(value_id=value_id, user=request.user)
    form = forms.AdjustForm(request.POST)
    if _posted(request, form, lambda: services.indicator_value_adjust(
            actor=request.user, value=value, new_value=form.cleaned_data["value"],
            reason=form.cleaned_data["reason"])):
        messages.success(request, _("数值已调整，原始值已保留；请重新评分"))
        return redirect("evaluation:declaration_detail", declaration_id=value.declaration_id)
    return render(request, "evaluation/declaration_detail.html",
                  _declaration_context(request, value.declaration, adjust_form=form, adjust_id=value.pk), status=400)


@handles_domain_errors
def region_summary(request, round_id: int):
    round_ = selectors.round_get_for_user(round_id=round_id, user=request.user)
    if not selectors.is_reviewer(request.user):
        raise not_found("地区汇总", "Region summary")
    results = list(selectors.round_results(round_=round_))
    grades: dict[str, int] = {g: sum(1 for r in results if r.grade == g) for g in ("优秀", "良好", "合格", "不合格")}
    averages = {name: round(sum(float(r.dimension_scores.get(code, 0)) for r in results) / len(results), 2)
                if results else 0 for code, name in DIMENSION_NAMES}
    chart: dict[str, list] = {"names": [r.platform.name for r in results], "totals": [float(r.total) for r in results],
             "grades": list(grades.keys()), "grade_counts": list(grades.values())}
    return render(request, "evaluation/region_summary.html", {
        "round": round_, "results": results, "grades": grades, "averages": averages,
        "chart": chart,
        "radar": radar_svg({code: averages[name] for code, name in DIMENSION_NAMES})})


@handles_domain_errors
def result_report(request, result_id: int):
    result = selectors.result_get_for_user(result_id=result_id, user=request.user)
    return render(request, "evaluation/report.html", report_context(result))


@handles_domain_errors
def result_report_pdf_view(request, result_id: int):
    result = selectors.result_get_for_user(result_id=result_id, user=request.user)
    response = HttpResponse(result_report_pdf(result), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="evaluation-{result.round.year}-{result.platform_id}.pdf"'
    return response


@handles_domain_errors
def proposals(request):
    if not selectors.is_reviewer(request.user):
        raise not_found("处理建议", "Proposals")
    return render(request, "evaluation/proposals.html", {
        "proposals": selectors.proposal_list_for_user(user=request.user, pending_only=False)[:200],
        "form": forms.DecisionForm()})


@handles_domain_errors
@require_POST
def proposal_decide(request, proposal_id: int):
    proposal = selectors.proposal_get_for_user(proposal_id=proposal_id, user=request.user)
    form = forms.DecisionForm(request.POST)
    if _posted(request, form, lambda: services.proposal_decide(
            actor=request.user, proposal=proposal, apply=form.cleaned_data["decision"] == "apply",
            reason=form.cleaned_data["reason"])):
        messages.success(request, _("已记录决定"))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("evaluation:proposals")


@handles_domain_errors
@require_POST
def reward_decide(request, reward_id: int):
    reward = RewardRecommendation.objects.filter(pk=reward_id).select_related("result").first()
    if reward is None:
        raise not_found("奖励建议", "Reward")
    result = selectors.result_get_for_user(result_id=reward.result_id, user=request.user)
    form = forms.DecisionForm(request.POST)
    if _posted(request, form, lambda: services.reward_decide(
            actor=request.user, reward=reward, grant=form.cleaned_data["decision"] == "apply",
            reason=form.cleaned_data["reason"])):
        messages.success(request, _("已记录奖励决定"))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("evaluation:round_detail", round_id=result.round_id)
