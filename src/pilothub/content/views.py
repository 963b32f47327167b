"""Pages of the content portal. Thin: parse, call one selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pilothub.core.errors import DomainError
from pilothub.core.forms import add_domain_error
from pilothub.platforms.models import Industry
from pilothub.regions.selectors import region_choices

from . import permissions
from .forms import ArticleForm, FilterForm, MemberForm, ReviewForm, UnpublishForm
from .models import AllianceMember, Section
from .selectors import (
    article_get_for_user,
    article_list_for_owner,
    article_list_for_review,
    article_list_public,
    policy_document_get,
    policy_document_list,
    section_from_slug,
)
from .services import (
    alliance_member_add,
    alliance_member_remove,
    article_create,
    article_review,
    article_submit,
    article_unpublish,
    article_update,
)

PAGE_SIZE = 20


def _error(request, error: DomainError):
    return render(request, "core/error.html", {"error": error}, status=error.status_code)


def _filters(request) -> dict:
    form = FilterForm(request.GET)
    form.is_valid()
    return {"q": form.cleaned_data.get("q", ""), "region": form.cleaned_data.get("region", ""),
            "industry": form.cleaned_data.get("industry", "")}


def _filter_context() -> dict:
    return {"region_choices": region_choices(), "industries": Industry.objects.all()}


def home(request):
    latest = {section: list(article_list_public(section=section.value)[:5]) for section in Section}
    return render(request, "content/home.html", {
        "sections": [(section, latest[section]) for section in Section],
        "policies": policy_document_list()[:5]})


def section_list(request, section: str):
    filters = _filters(request)
    try:
        current = section_from_slug(section)
        page = Paginator(article_list_public(section=section, **filters), PAGE_SIZE).get_page(request.GET.get("page"))
    except DomainError as error:
        return _error(request, error)
    return render(request, "content/list.html", {"section": current, "page": page, "filters": filters,
                                                 **_filter_context()})


def detail(request, section: str, article_id: int):
    try:
        article = article_get_for_user(article_id=article_id, user=request.user, section=section)
    except DomainError as error:
        return _error(request, error)
    return render(request, "content/detail.html", {
        "article": article, "can_edit": permissions.can_edit(request.user, article),
        "can_review": permissions.can_review(request.user, article) and article.status == "submitted",
        "can_unpublish": permissions.can_unpublish(request.user, article) and article.is_published,
        "review_form": ReviewForm(), "unpublish_form": UnpublishForm(), "member_form": MemberForm()})


def test_report(request, article_id: int):
    try:
        article = article_get_for_user(article_id=article_id, user=request.user, section=Section.PRODUCT)
    except DomainError as error:
        return _error(request, error)
    if not article.test_report:
        raise Http404
    response = FileResponse(article.test_report.open("rb"), content_type="application/pdf", as_attachment=True,
                            filename=f"检测报告-{article.pk}.pdf")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def policy_list(request):
    filters = _filters(request)
    try:
        documents = policy_document_list(q=filters["q"], region=filters["region"])
        page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    except DomainError as error:
        return _error(request, error)
    return render(request, "content/policy_list.html", {"page": page, "filters": filters, **_filter_context()})


def policy_detail(request, document_id: int):
    try:
        document = policy_document_get(document_id=document_id)
    except DomainError as error:
        return _error(request, error)
    return render(request, "content/policy_detail.html", {"document": document})


@login_required
def mine(request):
    reviewing = request.user.is_reviewer or request.user.is_system_admin
    return render(request, "content/mine.html", {
        "articles": article_list_for_owner(user=request.user),
        "can_author": permissions.can_author(request.user),
        "to_review": list(article_list_for_review(user=request.user)) if reviewing else [],
        "sections": list(Section)})


@login_required
def article_new(request, section: str):
    try:
        current = section_from_slug(section)
    except DomainError as error:
        return _error(request, error)
    form = ArticleForm(request.POST or None, request.FILES or None, section=current, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            article = article_create(author=request.user, section=current, **form.service_kwargs())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("已保存草稿。检查无误后请提交审核。"))
            return redirect("content:detail", section=article.section, article_id=article.pk)
    return render(request, "content/edit.html", {"form": form, "section": current, "article": None},
                  status=400 if form.errors else 200)


@login_required
def article_edit(request, article_id: int):
    try:
        article = article_get_for_user(article_id=article_id, user=request.user)
    except DomainError as error:
        return _error(request, error)
    initial = {"title": article.title, "summary": article.summary, "body_html": article.body_html,
               "industries": list(article.industries.all()), "platform": article.platform,
               "source_name": article.source_name, "source_url": article.source_url}
    form = ArticleForm(request.POST or None, request.FILES or None, initial=initial, section=article.section,
                       user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            article_update(article=article, user=request.user, **form.service_kwargs())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("已保存修改。"))
            return redirect("content:detail", section=article.section, article_id=article.pk)
    return render(request, "content/edit.html", {"form": form, "section": Section(article.section),
                                                 "article": article}, status=400 if form.errors else 200)


def _act(request, article_id: int, action, success: str):
    try:
        article = article_get_for_user(article_id=article_id, user=request.user)
        action(article)
    except DomainError as error:
        messages.error(request, error.message)
        if error.status_code == 404:
            return _error(request, error)
    else:
        messages.success(request, success)
    return redirect("content:detail", section=article.section, article_id=article.pk)


@login_required
@require_POST
def article_submit_view(request, article_id: int):
    return _act(request, article_id, lambda a: article_submit(article=a, user=request.user),
                _("已提交审核，所在地区的审核人员会收到通知。"))


@login_required
@require_POST
def article_review_view(request, article_id: int):
    form = ReviewForm(request.POST)
    publish = form.is_valid() and form.cleaned_data["decision"] == "publish"
    note = form.cleaned_data.get("note", "") if form.is_valid() else ""
    return _act(request, article_id, lambda a: article_review(article=a, reviewer=request.user, publish=publish,
                                                              note=note),
                _("已发布。") if publish else _("已退回作者修改。"))


@login_required
@require_POST
def article_unpublish_view(request, article_id: int):
    reason = request.POST.get("reason", "")
    return _act(request, article_id, lambda a: article_unpublish(article=a, user=request.user, reason=reason),
                _("已下线。"))


@login_required
@require_POST
def member_add(request, article_id: int):
    form = MemberForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请检查成员信息"))
        return redirect("content:edit", article_id=article_id)
    data = form.cleaned_data
    return _act(request, article_id, lambda a: alliance_member_add(
        alliance=a, user=request.user, role=data["role"],
        organisation_id=data["organisation"].pk if data["organisation"] else None,
        platform_id=data["platform"].pk if data["platform"] else None), _("已添加联盟成员。"))


@login_required
@require_POST
def member_remove(request, article_id: int, member_id: int):
    def remove(article):
        member = AllianceMember.objects.filter(pk=member_id, alliance=article).first()
        if member is None:
            raise DomainError("not_found", "成员不存在", "Member not found", status_code=404)
        alliance_member_remove(member=member, user=request.user)

    return _act(request, article_id, remove, _("已移除联盟成员。"))
