"""RSS 2.0 and Atom feeds of published content, per section and overall (django.contrib.syndication)."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from .models import Article, PolicyDocument, Section
from .sanitize import html_to_text
from .selectors import article_list_public, policy_document_list, section_from_slug

FEED_SIZE = 30


class ArticleFeed(Feed):
    def get_object(self, request, section: str | None = None):
        return section_from_slug(section) if section else None

    def title(self, obj: Section | None) -> str:
        return f"中试通 · {obj.label}" if obj else "中试通 · 资讯与案例"

    def link(self, obj: Section | None) -> str:
        return reverse("content:list", kwargs={"section": obj.value}) if obj else reverse("content:home")

    def description(self, obj: Section | None) -> str:
        return f"中试通 PilotHub 最新发布的{obj.label}" if obj else "中试通 PilotHub 最新发布的资讯、案例与政策"

    def items(self, obj: Section | None) -> list:
        articles = list(article_list_public(section=obj.value if obj else None)[:FEED_SIZE])
        if obj is not None:
            return articles
        # The overall feed also carries the policy documents, newest first.
        policies = list(policy_document_list()[:FEED_SIZE])
        return sorted([*articles, *policies], key=self.item_pubdate, reverse=True)[:FEED_SIZE]

    def item_title(self, item) -> str:
        return str(item)

    def item_description(self, item) -> str:
        if isinstance(item, PolicyDocument):
            return f"{item.issuer} {item.number}".strip()
        return item.summary or html_to_text(item.body_html)[:300]

    def item_link(self, item) -> str:
        if isinstance(item, PolicyDocument):
            return reverse("content:policy_detail", kwargs={"document_id": item.pk})
        return reverse("content:detail", kwargs={"section": item.section, "article_id": item.pk})

    def item_pubdate(self, item) -> dt.datetime:
        if isinstance(item, PolicyDocument):
            if item.issued_on:
                return timezone.make_aware(dt.datetime.combine(item.issued_on, dt.time(9)))
            return item.published_at
        return item.published_at

    def item_categories(self, item) -> list[str]:
        if isinstance(item, Article):
            return [item.get_section_display(), item.region.name, *[i.name for i in item.industries.all()]]
        return ["政策资讯", item.region.name]


class ArticleAtomFeed(ArticleFeed):
    feed_type = Atom1Feed
    subtitle = ArticleFeed.description


class PolicyFeed(ArticleFeed):
    def get_object(self, request, section: str | None = None):
        return None

    def title(self, obj) -> str:
        return "中试通 · 政策资讯"

    def link(self, obj) -> str:
        return reverse("content:policy_list")

    def description(self, obj) -> str:
        return "中试通 PilotHub 收录的中试政策文件"

    def items(self, obj) -> list:
        return list(policy_document_list()[:FEED_SIZE])
