import pytest

from pilothub.content.models import ArticleStatus, PolicyDocument, Section
from pilothub.testing.factories import PlatformFactory, region

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_list_with_search_and_region(client, django_assert_max_num_queries):
    platform = PlatformFactory()
    ArticleFactory(title="工艺放大案例", section=Section.CASE, platform=platform, region=region("110116"))
    ArticleFactory(title="嘉兴案例", summary="电池检测", section=Section.CASE, region=region("330400"))
    ArticleFactory(title="未发布案例", section=Section.CASE, status=ArticleStatus.SUBMITTED, published_at=None)
    with django_assert_max_num_queries(6):
        body = client.get("/api/v1/content/cases").json()
    assert body["count"] == 2
    body = client.get("/api/v1/content/cases", {"region": "110000"}).json()
    assert [i["title"] for i in body["items"]] == ["工艺放大案例"]
    assert body["items"][0]["platform"] == {"id": platform.pk, "name": platform.name}
    assert client.get("/api/v1/content/cases", {"q": "放大"}).json()["count"] == 1


def test_detail_and_errors(client):
    article = ArticleFactory(section=Section.NEWS, body_html="<p>内容</p>")
    body = client.get(f"/api/v1/content/news/{article.pk}").json()
    assert body["body_html"] == "<p>内容</p>" and body["section_name"] == "行业动态"
    response = client.get(f"/api/v1/content/cases/{article.pk}")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    response = client.get("/api/v1/content/blog")
    assert response.status_code == 404
    assert response.json()["error"]["message_zh"] == "未知的栏目：blog"
    draft = ArticleFactory(status=ArticleStatus.DRAFT, published_at=None)
    assert client.get(f"/api/v1/content/news/{draft.pk}").status_code == 404
    response = client.get("/api/v1/content/news", {"region": "999999"})
    assert response.status_code == 400 and response.json()["error"]["field"] == "region"


def test_policy_documents_with_clauses_and_measures(client):
    body = client.get("/api/v1/policy-documents", {"region": "330400"}).json()
    assert [d["number"] for d in body["items"]] == ["嘉经信技装〔2025〕47号"]
    assert client.get("/api/v1/policy-documents").json()["count"] == 5
    huairou = PolicyDocument.objects.get(key="huairou_draft")
    detail = client.get(f"/api/v1/policy-documents/{huairou.pk}").json()
    assert detail["is_draft"] is True and len(detail["clauses"]) == 13
    last = detail["clauses"][-1]
    assert last["label"] == "末段"
    assert [m["measure"] for m in last["measures"]] == ["huairou_draft.non_duplication"]
    assert client.get("/api/v1/policy-documents/999999").status_code == 404
