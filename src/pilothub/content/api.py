"""Public JSON API of the content portal: published articles per section and policy documents."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from ninja import Field, Query, Router, Schema

from .models import Article, PolicyClause, PolicyDocument
from .selectors import article_get_for_user, article_list_public, policy_document_get, policy_document_list

router = Router(tags=["content"])

MAX_LIMIT = 100


class Filters(Schema):
    q: str = ""
    region: str = ""
    industry: str = ""
    # Bounded so a huge value is a 422, not an integer overflow in the database's OFFSET.
    limit: int = Field(20, le=10_000)
    offset: int = Field(0, le=10_000_000)


class PlatformRef(Schema):
    id: int
    name: str


class MemberOut(Schema):
    organisation: str | None
    platform: PlatformRef | None
    role: str
    role_name: str


class ArticleOut(Schema):
    id: int
    section: str
    section_name: str
    title: str
    summary: str
    region: str
    region_name: str
    organisation: str | None
    platform: PlatformRef | None
    industries: list[str]
    status: str
    published_at: dt.datetime | None
    url: str
    is_demo: bool


class ArticleDetailOut(ArticleOut):
    body_html: str
    source_name: str
    source_url: str
    test_report_url: str | None
    members: list[MemberOut]


class ArticleList(Schema):
    count: int
    items: list[ArticleOut]


def _platform(article: Article) -> dict | None:
    return {"id": article.platform.pk, "name": article.platform.name} if article.platform else None


def _article(article: Article) -> dict:
    return {
        "id": article.pk, "section": article.section, "section_name": str(article.get_section_display()),
        "title": article.title, "summary": article.summary, "region": article.region_id,
        "region_name": article.region.name, "organisation": article.organisation.name if article.organisation else None,
        "platform": _platform(article), "industries": [industry.code for industry in article.industries.all()],
        "status": article.status, "published_at": article.published_at, "is_demo": article.is_demo,
        "url": reverse("content:detail", kwargs={"section": article.section, "article_id": article.pk}),
    }


@router.get("/content/{section}", response=ArticleList, auth=None, summary="资讯列表 Published articles of a section")
def content_list(request, section: str, filters: Query[Filters]):
    queryset = article_list_public(section=section, q=filters.q, region=filters.region, industry=filters.industry)
    limit = max(1, min(filters.limit, MAX_LIMIT))
    offset = max(0, filters.offset)
    return {"count": queryset.count(), "items": [_article(a) for a in queryset[offset:offset + limit]]}


@router.get("/content/{section}/{article_id}", response=ArticleDetailOut, auth=None,
            summary="资讯详情 One article (drafts only for their owners and reviewers)")
def content_detail(request, section: str, article_id: int):
    article = article_get_for_user(article_id=article_id, user=request.user, section=section)
    return {**_article(article), "body_html": article.body_html, "source_name": article.source_name,
            "source_url": article.source_url,
            "test_report_url": reverse("content:test_report", kwargs={"article_id": article.pk})
            if article.test_report else None,
            "members": [{"organisation": m.organisation.name if m.organisation else None,
                         "platform": {"id": m.platform.pk, "name": m.platform.name} if m.platform else None,
                         "role": m.role, "role_name": str(m.get_role_display())} for m in article.members.all()]}


class MeasureOut(Schema):
    measure: str
    name: str
    citation: str
    computable: bool


class ClauseOut(Schema):
    label: str
    heading: str
    title: str
    text: str
    measures: list[MeasureOut]


class PolicyDocumentOut(Schema):
    id: int
    key: str
    title: str
    number: str
    issuer: str
    issued_on: dt.date | None
    effective_on: dt.date | None
    region: str
    region_name: str
    kind: str
    is_draft: bool
    interprets: int | None
    url: str


class PolicyDocumentDetailOut(PolicyDocumentOut):
    preamble: str
    clauses: list[ClauseOut]


class PolicyDocumentList(Schema):
    count: int
    items: list[PolicyDocumentOut]


def _document(document: PolicyDocument) -> dict:
    return {"id": document.pk, "key": document.key, "title": document.title, "number": document.number,
            "issuer": document.issuer, "issued_on": document.issued_on, "effective_on": document.effective_on,
            "region": document.region_id, "region_name": document.region.name, "kind": document.kind,
            "is_draft": document.is_draft, "interprets": document.interprets_id,
            "url": reverse("content:policy_detail", kwargs={"document_id": document.pk})}


def _clause(clause: PolicyClause) -> dict:
    return {"label": clause.label, "heading": clause.heading, "title": clause.title, "text": clause.text,
            "measures": [{"measure": m.measure_id, "name": m.name, "citation": m.citation,
                          "computable": m.computable} for m in clause.measures.all()]}


@router.get("/policy-documents", response=PolicyDocumentList, auth=None, summary="政策文件列表 Policy documents")
def policy_documents(request, filters: Query[Filters]):
    queryset = policy_document_list(q=filters.q, region=filters.region)
    limit = max(1, min(filters.limit, MAX_LIMIT))
    offset = max(0, filters.offset)
    return {"count": queryset.count(), "items": [_document(d) for d in queryset[offset:offset + limit]]}


@router.get("/policy-documents/{document_id}", response=PolicyDocumentDetailOut, auth=None,
            summary="政策文件详情 A policy document with its clauses and the engine measures citing them")
def policy_document(request, document_id: int):
    document = policy_document_get(document_id=document_id)
    return {**_document(document), "preamble": document.preamble,
            "clauses": [_clause(clause) for clause in document.clauses.all()]}
