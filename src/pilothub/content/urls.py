from django.urls import URLPattern, URLResolver, path, register_converter

from . import views
from .feeds import ArticleAtomFeed, ArticleFeed, PolicyFeed
from .models import Section


class SectionConverter:
    regex = "|".join(Section.values)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(value)


register_converter(SectionConverter, "section")

app_name = "content"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("feed/rss/", ArticleFeed(), name="feed_rss"),
    path("feed/atom/", ArticleAtomFeed(), name="feed_atom"),
    path("policies/", views.policy_list, name="policy_list"),
    path("policies/feed/", PolicyFeed(), name="policy_feed"),
    path("policies/<int:document_id>/", views.policy_detail, name="policy_detail"),
    path("mine/", views.mine, name="mine"),
    path("write/<section:section>/", views.article_new, name="new"),
    path("articles/<int:article_id>/edit/", views.article_edit, name="edit"),
    path("articles/<int:article_id>/submit/", views.article_submit_view, name="submit"),
    path("articles/<int:article_id>/review/", views.article_review_view, name="review"),
    path("articles/<int:article_id>/unpublish/", views.article_unpublish_view, name="unpublish"),
    path("articles/<int:article_id>/members/", views.member_add, name="member_add"),
    path("articles/<int:article_id>/members/<int:member_id>/remove/", views.member_remove, name="member_remove"),
    path("products/<int:article_id>/report.pdf", views.test_report, name="test_report"),
    path("<section:section>/", views.section_list, name="list"),
    path("<section:section>/feed/rss/", ArticleFeed(), name="section_feed_rss"),
    path("<section:section>/feed/atom/", ArticleAtomFeed(), name="section_feed_atom"),
    path("<section:section>/<int:article_id>/", views.detail, name="detail"),
]
