"""Public pages, search, filters, feeds and the author/reviewer pages."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from pilothub.content.models import Article, ArticleStatus, PolicyDocument, Section
from pilothub.testing.factories import PlatformFactory, industry, operator, region, reviewer

from .factories import ArticleFactory, pdf_upload

pytestmark = pytest.mark.django_db


def test_home_shows_sections_and_seed_policies(client):
    ArticleFactory(title="怀柔科学城中试平台集群发布会召开")
    response = client.get(reverse("content:home"))
    assert response.status_code == 200
    text = response.content.decode()
    for label in ("中试解决方案", "典型服务案例", "行业动态", "政策资讯", "创新产品目录", "中试联盟"):
        assert label in text
    assert "怀柔科学城中试平台集群发布会召开" in text
    assert "关于进一步提升本市中试服务能力促进科技创新和产业创新融合发展的若干措施" in text


def test_list_shows_published_only_and_filters_by_region_subtree_and_industry(client):
    pharma = industry()
    huairou = ArticleFactory(title="怀柔动态", region=region("110116"))
    huairou.industries.add(pharma)
    ArticleFactory(title="嘉兴动态", region=region("330411"))
    ArticleFactory(title="草稿动态", status=ArticleStatus.DRAFT, published_at=None)
    url = reverse("content:list", kwargs={"section": "news"})

    def titles(**params):
        return [a.title for a in client.get(url, params).context["page"]]

    assert sorted(titles()) == ["嘉兴动态", "怀柔动态"]
    assert titles(region="110000") == ["怀柔动态"]
    assert titles(region="330400") == ["嘉兴动态"]
    assert titles(industry=pharma.code) == ["怀柔动态"]


def test_chinese_search_uses_tokens(client):
    ArticleFactory(title="抗体偶联药物中试", summary="工艺放大熟化与小批量试生产")
    ArticleFactory(title="传感器可靠性验证", summary="环境试验")
    url = reverse("content:list", kwargs={"section": "news"})
    assert [a.title for a in client.get(url, {"q": "放大"}).context["page"]] == ["抗体偶联药物中试"]
    assert [a.title for a in client.get(url, {"q": "抗体 放大"}).context["page"]] == ["抗体偶联药物中试"]
    assert [a.title for a in client.get(url, {"q": "传感器 放大"}).context["page"]] == []
    assert len(client.get(url, {"q": "的"}).context["page"]) == 0


def test_list_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    pharma = industry()
    for n in range(25):
        article = ArticleFactory(title=f"动态{n}", platform=None)
        article.industries.add(pharma)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("content:list", kwargs={"section": "news"}))
    assert len(response.context["page"]) == 20
    with django_assert_max_num_queries(16):
        assert client.get(reverse("content:home")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("content:policy_list")).status_code == 200


def test_unknown_section_is_404(client):
    assert client.get("/content/blog/").status_code == 404


def test_draft_is_hidden_from_the_public_and_other_regions(client):
    article = ArticleFactory(status=ArticleStatus.SUBMITTED, published_at=None)
    url = reverse("content:detail", kwargs={"section": article.section, "article_id": article.pk})
    assert client.get(url).status_code == 404
    client.force_login(reviewer("330400"))
    assert client.get(url).status_code == 404
    client.force_login(reviewer("110116"))
    response = client.get(url)
    assert response.status_code == 200 and "提交审核结论" in response.content.decode()


def test_policy_detail_lists_clauses_and_linked_measures(client):
    document = PolicyDocument.objects.get(key="beijing_2026_1")
    response = client.get(reverse("content:policy_detail", kwargs={"document_id": document.pk}))
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count('class="clause"') == 14
    assert 'data-measure="beijing_2026_1.new_platform"' in text
    assert "政策解读" in text


def test_policy_list_search_and_region(client):
    url = reverse("content:policy_list")
    keys = lambda **p: sorted(d.key for d in client.get(url, p).context["page"])  # noqa: E731
    assert keys(region="330400") == ["jiaxing_2025_47"]
    assert keys(region="110000") == ["beijing_2026_1", "beijing_2026_1_interpretation", "huairou_draft"]
    assert "zhongshan_2025_73" in keys(q="揭榜挂帅")


def _parse_feed(response):
    assert response.status_code == 200
    return ET.fromstring(response.content)  # raises on invalid XML


def test_rss_and_atom_feeds_are_valid_xml_with_chinese(client):
    ArticleFactory(title="中山市中试平台认定结果公示", section=Section.NEWS)
    ArticleFactory(title="精密五金快速成型解决方案", section=Section.SOLUTION)
    rss = _parse_feed(client.get(reverse("content:feed_rss")))
    titles = [item.findtext("title") for item in rss.iter("item")]
    assert "中山市中试平台认定结果公示" in titles and "精密五金快速成型解决方案" in titles
    assert any("若干措施" in (title or "") for title in titles)  # policies are in the overall feed
    assert rss.findtext("channel/title") == "中试通 · 资讯与案例"
    atom = _parse_feed(client.get(reverse("content:section_feed_atom", kwargs={"section": "solutions"})))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.findtext("a:title", namespaces=ns) for e in atom.findall("a:entry", ns)] == ["精密五金快速成型解决方案"]
    assert atom.findtext("a:title", namespaces=ns) == "中试通 · 中试解决方案"
    section_rss = _parse_feed(client.get(reverse("content:section_feed_rss", kwargs={"section": "news"})))
    assert [i.findtext("title") for i in section_rss.iter("item")] == ["中山市中试平台认定结果公示"]
    policy_rss = _parse_feed(client.get(reverse("content:policy_feed")))
    assert len(list(policy_rss.iter("item"))) == 5


def test_author_form_and_invalid_input_rerenders_with_a_chinese_error(client):
    author = operator("110116")
    client.force_login(author)
    url = reverse("content:new", kwargs={"section": "products"})
    platform = PlatformFactory(operator=author.organisation)
    response = client.post(url, {"title": "样品", "body_html": "<p>x</p>", "platform": platform.pk,
                                 "test_report": pdf_upload(content=b"MZ\x90\x00 not a pdf")})
    assert response.status_code == 400
    assert "检测报告必须是 PDF 文件" in response.content.decode()
    assert Article.objects.count() == 0
    response = client.post(url, {"title": "高精度 MEMS 传感器", "body_html": '<p onclick="x()">通过可靠性验证</p>',
                                 "platform": platform.pk, "test_report": pdf_upload()})
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.body_html == "<p>通过可靠性验证</p>" and article.status == ArticleStatus.DRAFT
    report = client.get(reverse("content:test_report", kwargs={"article_id": article.pk}))
    assert report.status_code == 200 and report["Content-Type"] == "application/pdf"
    assert b"".join(report.streaming_content).startswith(b"%PDF-")
    client.logout()
    assert client.get(reverse("content:test_report", kwargs={"article_id": article.pk})).status_code == 404


def test_review_through_the_pages(client):
    author = operator("110116")
    article = ArticleFactory(author=author, organisation=author.organisation, status=ArticleStatus.DRAFT,
                             published_at=None)
    client.force_login(author)
    client.post(reverse("content:submit", kwargs={"article_id": article.pk}))
    client.force_login(reviewer("330400"))
    assert client.post(reverse("content:review", kwargs={"article_id": article.pk}),
                       {"decision": "publish"}).status_code == 404
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.SUBMITTED
    hr = reviewer("110116")
    client.force_login(hr)
    assert article.title in client.get(reverse("content:mine")).content.decode()
    client.post(reverse("content:review", kwargs={"article_id": article.pk}), {"decision": "publish"})
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.PUBLISHED
