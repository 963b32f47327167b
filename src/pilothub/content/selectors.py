"""Reads of the content portal. `article_get_for_user` is the one gate for articles."""

from __future__ import annotations

from django.db.models import F, Prefetch, Q, QuerySet

from pilothub.accounts.scoping import reviewer_scope_q
from pilothub.core.errors import DomainError, not_found
from pilothub.core.text import normalise, tokens
from pilothub.platforms.models import Platform, PlatformStatus
from pilothub.regions.selectors import region_subtree_q

from .models import (
    AllianceMember,
    Article,
    ArticleStatus,
    ClauseMeasure,
    PolicyClause,
    PolicyDocument,
    Section,
)
from .permissions import can_see_unpublished


def section_from_slug(slug: str) -> Section:
    try:
        return Section(slug)
    except ValueError:
        raise DomainError("unknown_section", f"未知的栏目：{slug}", f"Unknown section: {slug}", field="section",
                          status_code=404)


def _search(queryset: QuerySet, q: str, *, title_field: str = "title") -> QuerySet:
    """Every query token must occur in the stored token string (AND); a query of stop words only
    falls back to a plain title match."""
    q = normalise(q)
    if not q:
        return queryset
    query_tokens = [token for token in dict.fromkeys(tokens(q)) if token]
    if not query_tokens:
        return queryset.filter(**{f"{title_field}__icontains": q})
    condition = Q()
    for token in query_tokens:
        condition &= Q(search_tokens__icontains=token)
    return queryset.filter(condition)


def _article_base() -> QuerySet[Article]:
    return Article.objects.select_related("region", "organisation", "platform", "author").prefetch_related(
        "industries")


def article_list_public(*, section: str | None = None, q: str = "", region: str = "",
                        industry: str = "") -> QuerySet[Article]:
    """Published articles, newest first; region filter includes sub-regions."""
    queryset = _article_base().filter(status=ArticleStatus.PUBLISHED)
    if section:
        queryset = queryset.filter(section=section_from_slug(section))
    if region:
        queryset = queryset.filter(region_subtree_q(code=region))
    if industry:
        queryset = queryset.filter(industries__code=industry)
    return _search(queryset, q).order_by("-published_at", "-id")


def article_get_for_user(*, article_id: int, user, section: str | None = None) -> Article:
    """Published articles for everyone; drafts and the like for their owners, the reviewers of
    their region and administrators. Anything else is 404."""
    article = (_article_base().prefetch_related(
        Prefetch("members", queryset=AllianceMember.objects.select_related("organisation", "platform")))
        .filter(pk=article_id).first())
    if article is None or (section and article.section != section):
        raise not_found("文章", "Article")
    if not article.is_published and not can_see_unpublished(user, article):
        raise not_found("文章", "Article")
    return article


def article_list_for_owner(*, user) -> QuerySet[Article]:
    """What the user wrote, plus (for operators) what their organisation's other operators wrote."""
    condition = Q(author=user)
    if user.organisation_id and user.role == "operator":
        condition |= Q(organisation_id=user.organisation_id)
    return _article_base().filter(condition).order_by("-updated_at")


def article_list_for_review(*, user, status: str = ArticleStatus.SUBMITTED) -> QuerySet[Article]:
    return (_article_base().filter(reviewer_scope_q(user, region_field="region"), status=status)
            .order_by("submitted_at", "id"))


def platform_choices_for_author(*, user) -> QuerySet[Platform]:
    """Platforms an author may name on a case or an innovation product: operators their own
    organisation's, reviewers those of their region."""
    queryset = Platform.objects.filter(status=PlatformStatus.PUBLISHED).select_related("region")
    if user.is_system_admin:
        return queryset
    if user.is_reviewer:
        return queryset.filter(region__path__startswith=user.region.path)
    return queryset.filter(operator_id=user.organisation_id)


def policy_document_list(*, q: str = "", region: str = "") -> QuerySet[PolicyDocument]:
    queryset = PolicyDocument.objects.select_related("region", "interprets")
    if region:
        queryset = queryset.filter(region_subtree_q(code=region))
    return _search(queryset, q).order_by(F("issued_on").desc(nulls_last=True), "key")


def policy_document_get(*, document_id: int) -> PolicyDocument:
    """Policy documents are public; clauses come with their linked measures."""
    document = (PolicyDocument.objects.select_related("region", "interprets")
                .prefetch_related(Prefetch("clauses", queryset=PolicyClause.objects.prefetch_related(
                    Prefetch("measures", queryset=ClauseMeasure.objects.order_by("measure_id")))),
                    "interpretations")
                .filter(pk=document_id).first())
    if document is None:
        raise not_found("政策文件", "Policy document")
    return document
