from __future__ import annotations

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pilothub.content.models import Article, ArticleStatus, Section
from pilothub.testing.factories import operator, region

# The smallest file every PDF reader opens: enough for the content sniffing to accept it.
MINIMAL_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
               b"trailer<</Root 1 0 R>>\n%%EOF\n")


def pdf_upload(name: str = "report.pdf", content: bytes = MINIMAL_PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article (for list, search and feed tests); the workflow tests use the services."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    section = Section.NEWS
    title = factory.Sequence(lambda n: f"中试资讯{n}")
    summary = "工艺放大与小批量试生产服务"
    body_html = "<p>正文</p>"
    author = factory.LazyFunction(lambda: operator("110116"))
    organisation = factory.LazyAttribute(lambda a: a.author.organisation)
    region = factory.LazyFunction(lambda: region("110116"))
    status = ArticleStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    search_tokens = factory.LazyAttribute(lambda a: __import__("pilothub.core.text", fromlist=["token_string"])
                                          .token_string(f"{a.title} {a.summary}"))
