import pytest

from pilothub.accounts import demo as accounts_demo
from pilothub.content import demo
from pilothub.content.models import AllianceMember, Article, ArticleStatus, Section
from pilothub.core.models import AuditEvent
from pilothub.testing.factories import PlatformFactory

pytestmark = pytest.mark.django_db


def test_demo_content_is_published_marked_and_idempotent():
    organisations = accounts_demo.load()
    platform = PlatformFactory(operator=organisations["operator"], is_demo=True)
    demo.load()
    articles = Article.objects.all()
    assert articles.count() == len(demo.ITEMS) + len(demo.ALLIANCES)
    assert all(a.is_demo and a.status == ArticleStatus.PUBLISHED and "演示数据" in a.summary for a in articles)
    product = articles.get(section=Section.PRODUCT)
    assert product.platform == platform and product.test_report.name.endswith(".pdf")
    assert sorted(articles.filter(section=Section.ALLIANCE).values_list("title", flat=True)) == [
        "京津冀区域中试产业联盟", "嘉兴中试联盟"]
    beijing = articles.get(title="京津冀区域中试产业联盟")
    members = AllianceMember.objects.filter(alliance=beijing)
    assert members.filter(platform=platform, role="chair").exists()
    assert members.filter(organisation=organisations["enterprise"]).exists()
    events = AuditEvent.objects.count()
    demo.load()
    assert Article.objects.count() == len(demo.ITEMS) + len(demo.ALLIANCES)
    assert AuditEvent.objects.count() == events


def test_without_platforms_products_are_skipped():
    accounts_demo.load()
    demo.load()
    assert not Article.objects.filter(section=Section.PRODUCT).exists()
    assert Article.objects.filter(section=Section.NEWS).count() == 3
