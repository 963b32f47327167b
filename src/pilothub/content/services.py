"""Writes of the content portal: authoring, the review workflow and alliance members.

draft → submitted → published | returned (with a reason); published → unpublished; returned and
unpublished articles are edited and submitted again. Every change is audited in its transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from pilothub.accounts.models import Organisation, Role, User
from pilothub.core.audit import AuditAction, audit_record, model_snapshot
from pilothub.core.errors import Conflict, DomainError, forbidden
from pilothub.core.notifications import notify
from pilothub.core.text import token_string
from pilothub.core.uploads import UploadRejected, upload_check
from pilothub.core.validation import raise_first_validation_error
from pilothub.platforms.models import Industry, Platform, PlatformStatus

from .models import AllianceMember, AllianceRole, Article, ArticleStatus, Section
from .permissions import can_author, can_edit, can_review, can_unpublish
from .sanitize import clean_html, html_to_text
from .selectors import platform_choices_for_author

MAX_TEST_REPORT_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


class ContentAuditAction(AuditAction):
    UNPUBLISH = "unpublish"
    MEMBER_ADD = "alliance_member_add"
    MEMBER_REMOVE = "alliance_member_remove"


def _snapshot(article: Article) -> dict:
    snapshot = model_snapshot(article, exclude=("search_tokens",))
    snapshot["industries"] = sorted(article.industries.values_list("code", flat=True)) if article.pk else []
    return snapshot


def _check_test_report(upload: UploadedFile) -> None:
    """PDF only, judged by its content (magic bytes), not by the name or the browser's type."""
    if upload.size is not None and upload.size > MAX_TEST_REPORT_BYTES:
        raise DomainError("file_too_large", "检测报告不能超过 20 MB", "The test report must not exceed 20 MB",
                          field="test_report")
    not_pdf = DomainError("not_pdf", "检测报告必须是 PDF 文件", "The test report must be a PDF file",
                          field="test_report")
    if not (upload.name or "").lower().endswith(".pdf"):
        raise not_pdf
    try:
        upload_check(upload, allowed=("pdf",), max_bytes=MAX_TEST_REPORT_BYTES, field="test_report")
    except UploadRejected as rejected:
        if rejected.code in ("file_type", "file_suspicious"):
            raise not_pdf from rejected
        raise


def _industries(codes: Iterable[str]) -> list[Industry]:
    codes = sorted({code for code in codes if code})
    found = list(Industry.objects.filter(code__in=codes))
    if len(found) != len(codes):
        missing = sorted(set(codes) - {industry.code for industry in found})
        raise DomainError("unknown_industry", f"未知的产业领域：{'、'.join(missing)}",
                          f"Unknown industry: {', '.join(missing)}", field="industries")
    return found


def _platform(*, user, platform_id: int | None) -> Platform | None:
    if platform_id in (None, ""):
        return None
    platform = platform_choices_for_author(user=user).filter(pk=platform_id).first()
    if platform is None:
        raise DomainError("invalid_platform", "所选中试平台不存在，或不是本单位/本地区的平台",
                          "The platform does not exist or is not yours / in your region", field="platform")
    return platform


def _apply(article: Article, *, user, title: str, summary: str, body_html: str, platform_id: int | None,
           test_report: UploadedFile | None, source_name: str, source_url: str) -> None:
    article.title = (title or "").strip()
    article.summary = (summary or "").strip()
    article.body_html = clean_html(body_html)
    article.platform = _platform(user=user, platform_id=platform_id)
    article.source_name = (source_name or "").strip()
    article.source_url = (source_url or "").strip()
    if test_report is not None:
        _check_test_report(test_report)
        article.test_report = test_report  # type: ignore[assignment]


def _index(article: Article) -> None:
    parts = [article.title, article.summary, html_to_text(article.body_html),
             article.platform.name if article.platform else "", article.organisation.name if article.organisation else ""]
    article.search_tokens = token_string(" ".join(parts))


def _audit(*, actor, action: str, article: Article, before: dict | None, note: str = "") -> None:
    audit_record(actor=actor, action=action, obj=article, region_path=article.region.path, before=before,
                 after=_snapshot(article), note=note)


@transaction.atomic
def article_create(*, author: User, section: str, title: str, summary: str = "", body_html: str = "",
                   industry_codes: Iterable[str] = (), platform_id: int | None = None,
                   test_report: UploadedFile | None = None, source_name: str = "", source_url: str = "",
                   is_demo: bool = False) -> Article:
    if not can_author(author):
        raise forbidden("发布资讯（仅限已审核单位的平台运营方和政府审核人员）",
                        "write content (approved operators and reviewers only)")
    try:
        section = Section(section)
    except ValueError:
        raise DomainError("unknown_section", f"未知的栏目：{section}", f"Unknown section: {section}", field="section")
    region = author.region if author.is_reviewer else author.organisation.region  # type: ignore[union-attr]
    article = Article(section=section, author=author, organisation=author.organisation, region=region,
                      is_demo=is_demo)
    _apply(article, user=author, title=title, summary=summary, body_html=body_html, platform_id=platform_id,
           test_report=test_report, source_name=source_name, source_url=source_url)
    _validate(article)
    industries = _industries(industry_codes)
    _index(article)
    article.save()
    article.industries.set(industries)
    _audit(actor=author, action=ContentAuditAction.CREATE, article=article, before=None)
    return article


def _validate(article: Article) -> None:
    if section_needs_report(article.section) and not article.test_report:
        raise DomainError("required", "请上传检测/验证报告（PDF）", "Upload the test report (PDF)",
                          field="test_report")
    raise_first_validation_error(article, exclude=["author", "organisation", "region"])


def section_needs_report(section: str) -> bool:
    return section == Section.PRODUCT


@transaction.atomic
def article_update(*, article: Article, user: User, title: str, summary: str = "", body_html: str = "",
                   industry_codes: Iterable[str] = (), platform_id: int | None = None,
                   test_report: UploadedFile | None = None, source_name: str = "", source_url: str = "") -> Article:
    article = Article.objects.select_for_update().select_related("region").get(pk=article.pk)
    if not can_edit(user, article):
        if not article.is_editable:
            raise Conflict("not_editable", "已提交或已发布的文章不能修改，请先撤回或下线",
                           "Submitted or published articles cannot be edited")
        raise forbidden("修改这篇文章", "edit this article")
    before = _snapshot(article)
    _apply(article, user=user, title=title, summary=summary, body_html=body_html, platform_id=platform_id,
           test_report=test_report, source_name=source_name, source_url=source_url)
    _validate(article)
    industries = _industries(industry_codes)
    _index(article)
    article.save()
    article.industries.set(industries)
    _audit(actor=user, action=ContentAuditAction.UPDATE, article=article, before=before)
    return article


def _reviewers_of(article: Article) -> list[User]:
    codes = [code for code in article.region.path.strip("/").split("/") if code]
    return list(User.objects.filter(role=Role.REVIEWER, region_id__in=codes, is_active=True)
                .exclude(pk=article.author_id))


def _url(article: Article) -> str:
    return reverse("content:detail", kwargs={"section": article.section, "article_id": article.pk})


@transaction.atomic
def article_submit(*, article: Article, user: User) -> Article:
    article = Article.objects.select_for_update().select_related("region").get(pk=article.pk)
    if not can_edit(user, article):
        if not article.is_editable:
            raise Conflict("not_editable", "这篇文章已提交或已发布", "The article was already submitted or published")
        raise forbidden("提交这篇文章", "submit this article")
    if not article.body_html and not article.summary:
        raise DomainError("required", "请先填写正文或摘要再提交审核", "Write the text or a summary before submitting",
                          field="body_html")
    before = _snapshot(article)
    article.status = ArticleStatus.SUBMITTED
    article.submitted_at = timezone.now()
    article.review_note = ""
    article.save(update_fields=["status", "submitted_at", "review_note", "updated_at"])
    _audit(actor=user, action=ContentAuditAction.SUBMIT, article=article, before=before)
    notify(recipients=_reviewers_of(article), title=f"资讯待审核：{article.title}",
           body=f"{article.get_section_display()}，{article.organisation or article.author}提交", url=_url(article))
    return article


@transaction.atomic
def article_review(*, article: Article, reviewer: User, publish: bool, note: str = "") -> Article:
    """Publish, or return to the author with a reason."""
    article = Article.objects.select_for_update().select_related("region", "author").get(pk=article.pk)
    if not can_review(reviewer, article):
        raise forbidden("审核这篇文章", "review this article")
    if article.status != ArticleStatus.SUBMITTED:
        raise Conflict("not_submitted", "只有待审核的文章可以审核", "Only submitted articles can be reviewed")
    note = (note or "").strip()
    if not publish and not note:
        raise DomainError("required", "退回时请填写退回原因", "Give the reason for returning the article",
                          field="note")
    before = _snapshot(article)
    article.reviewed_by = reviewer
    article.review_note = note
    if publish:
        article.status = ArticleStatus.PUBLISHED
        article.published_at = timezone.now()
    else:
        article.status = ArticleStatus.RETURNED
    article.save(update_fields=["status", "published_at", "reviewed_by", "review_note", "updated_at"])
    _audit(actor=reviewer, action=ContentAuditAction.PUBLISH if publish else ContentAuditAction.RETURN,
           article=article, before=before, note=note)
    title = f"资讯已发布：{article.title}" if publish else f"资讯被退回：{article.title}"
    notify(recipients=[article.author], title=title, body=note, url=_url(article))
    return article


@transaction.atomic
def article_unpublish(*, article: Article, user: User, reason: str) -> Article:
    article = Article.objects.select_for_update().select_related("region", "author").get(pk=article.pk)
    if not can_unpublish(user, article):
        raise forbidden("下线这篇文章", "unpublish this article")
    if article.status != ArticleStatus.PUBLISHED:
        raise Conflict("not_published", "只有已发布的文章可以下线", "Only published articles can be unpublished")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("required", "请填写下线原因", "Give the reason for unpublishing", field="reason")
    before = _snapshot(article)
    article.status = ArticleStatus.UNPUBLISHED
    article.review_note = reason
    article.save(update_fields=["status", "review_note", "updated_at"])
    _audit(actor=user, action=ContentAuditAction.UNPUBLISH, article=article, before=before, note=reason)
    if article.author_id != user.pk:
        notify(recipients=[article.author], title=f"资讯已下线：{article.title}", body=reason, url=_url(article))
    return article


@transaction.atomic
def alliance_member_add(*, alliance: Article, user: User, role: str = AllianceRole.MEMBER,
                        organisation_id: int | None = None, platform_id: int | None = None) -> AllianceMember:
    alliance = Article.objects.select_for_update().select_related("region").get(pk=alliance.pk)
    if alliance.section != Section.ALLIANCE:
        raise DomainError("not_alliance", "只有中试联盟可以添加成员", "Only alliances have members")
    if not can_edit(user, alliance):
        raise forbidden("修改联盟成员（请在草稿、退回或下线状态下修改）", "change this alliance's members")
    if role not in AllianceRole.values:
        raise DomainError("invalid", "请选择成员角色", "Choose the member's role", field="role")
    organisation = Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None
    platform = (Platform.objects.filter(pk=platform_id, status=PlatformStatus.PUBLISHED).first()
                if platform_id else None)
    if organisation_id and organisation is None:
        raise DomainError("invalid", "成员单位不存在", "The organisation does not exist", field="organisation")
    if platform_id and platform is None:
        raise DomainError("invalid", "成员平台不存在或未发布", "The platform does not exist or is not published",
                          field="platform")
    if organisation is None and platform is None:
        raise DomainError("required", "请选择成员单位或成员平台", "Choose an organisation or a platform",
                          field="organisation")
    if AllianceMember.objects.filter(alliance=alliance, organisation=organisation, platform=platform).exists():
        raise Conflict("duplicate", "该成员已在联盟中", "This member is already in the alliance")
    member = AllianceMember.objects.create(alliance=alliance, organisation=organisation, platform=platform, role=role)
    audit_record(actor=user, action=ContentAuditAction.MEMBER_ADD, obj=member, region_path=alliance.region.path,
                 after=model_snapshot(member), note=alliance.title)
    return member


@transaction.atomic
def alliance_member_remove(*, member: AllianceMember, user: User) -> None:
    alliance = Article.objects.select_for_update().select_related("region").get(pk=member.alliance_id)
    if not can_edit(user, alliance):
        raise forbidden("修改联盟成员（请在草稿、退回或下线状态下修改）", "change this alliance's members")
    before = model_snapshot(member)
    audit_record(actor=user, action=ContentAuditAction.MEMBER_REMOVE, obj=member, region_path=alliance.region.path,
                 before=before, note=alliance.title)
    member.delete()
