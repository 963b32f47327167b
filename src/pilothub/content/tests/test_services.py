"""Authoring and the review workflow: who may do what, and that failures change nothing."""

import pytest

from pilothub.accounts.models import OrganisationStatus
from pilothub.content.models import AllianceMember, Article, ArticleStatus, Section
from pilothub.content.services import (
    alliance_member_add,
    alliance_member_remove,
    article_create,
    article_review,
    article_submit,
    article_unpublish,
    article_update,
)
from pilothub.core.errors import Conflict, DomainError, PermissionDeniedError
from pilothub.core.models import AuditEvent, Notification
from pilothub.testing.factories import PlatformFactory, UserFactory, admin, industry, operator, reviewer

from .factories import pdf_upload

pytestmark = pytest.mark.django_db


def write(author, section=Section.SOLUTION, **kwargs):
    kwargs.setdefault("title", "抗体药物工艺放大解决方案")
    kwargs.setdefault("body_html", "<p>50L–500L 发酵罐<script>alert(1)</script></p>")
    return article_create(author=author, section=section, **kwargs)


def test_operator_writes_for_their_organisation_with_sanitised_html_and_audit():
    author = operator("110116")
    article = write(author, industry_codes=[industry().code])
    assert article.status == ArticleStatus.DRAFT
    assert article.region_id == "110116" and article.organisation == author.organisation
    assert article.body_html == "<p>50L–500L 发酵罐</p>"
    assert "发酵罐" in article.search_tokens.split()
    event = AuditEvent.objects.get(object_type="content.article", object_id=str(article.pk))
    assert (event.action, event.actor_id, event.region_path) == ("create", author.pk, "/110000/110116/")


def test_reviewer_writes_for_their_region():
    author = reviewer("330400")
    article = write(author, section=Section.NEWS, source_name="嘉兴日报")
    assert article.region_id == "330400"


def test_enterprises_cannot_write():
    with pytest.raises(PermissionDeniedError):
        write(UserFactory())
    assert Article.objects.count() == 0


def test_operator_of_pending_organisation_cannot_write():
    user = operator("110116")
    user.organisation.status = OrganisationStatus.PENDING
    user.organisation.save()
    with pytest.raises(PermissionDeniedError):
        write(user)
    assert Article.objects.count() == 0 and AuditEvent.objects.filter(object_type="content.article").count() == 0


def test_full_workflow_submit_return_resubmit_publish_unpublish():
    author = operator("110116")
    hr_reviewer = reviewer("110116")
    bj_reviewer = reviewer("110000")
    article = write(author)
    article_submit(article=article, user=author)
    article.refresh_from_db()
    assert article.status == ArticleStatus.SUBMITTED and article.submitted_at is not None
    # Both reviewers whose region contains 怀柔 are told; nobody else.
    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {hr_reviewer.pk, bj_reviewer.pk}

    with pytest.raises(DomainError) as error:
        article_review(article=article, reviewer=hr_reviewer, publish=False, note="")
    assert error.value.field == "note"
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.SUBMITTED

    article_review(article=article, reviewer=hr_reviewer, publish=False, note="请补充服务价格")
    article.refresh_from_db()
    assert (article.status, article.review_note) == (ArticleStatus.RETURNED, "请补充服务价格")

    article_update(article=article, user=author, title="抗体药物工艺放大解决方案（含价格）",
                   body_html="<p>每批次 8 万元起</p>")
    article_submit(article=article, user=author)
    article_review(article=article, reviewer=bj_reviewer, publish=True)
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED and article.published_at is not None
    assert article.reviewed_by == bj_reviewer

    with pytest.raises(Conflict):
        article_update(article=article, user=author, title="改标题")
    article_unpublish(article=article, user=hr_reviewer, reason="信息过期")
    article.refresh_from_db()
    assert article.status == ArticleStatus.UNPUBLISHED
    actions = list(AuditEvent.objects.filter(object_type="content.article", object_id=str(article.pk))
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["create", "submit", "return", "update", "submit", "publish", "unpublish"]


def test_jiaxing_reviewer_cannot_publish_a_beijing_operators_article():
    author = operator("110116")
    article = write(author)
    article_submit(article=article, user=author)
    jiaxing = reviewer("330400")
    with pytest.raises(PermissionDeniedError):
        article_review(article=article, reviewer=jiaxing, publish=True)
    with pytest.raises(PermissionDeniedError):
        article_unpublish(article=article, user=jiaxing, reason="x")
    article.refresh_from_db()
    assert article.status == ArticleStatus.SUBMITTED and article.reviewed_by is None
    assert not AuditEvent.objects.filter(object_id=str(article.pk), action="publish").exists()


def test_sub_region_reviewer_cannot_review_a_city_article_and_author_cannot_self_review():
    bj = reviewer("110000")
    article = write(bj, section=Section.NEWS)
    article_submit(article=article, user=bj)
    with pytest.raises(PermissionDeniedError):
        article_review(article=article, reviewer=reviewer("110116"), publish=True)
    with pytest.raises(PermissionDeniedError):
        article_review(article=article, reviewer=bj, publish=True)
    article_review(article=article, reviewer=admin(), publish=True)
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.PUBLISHED


def test_only_submitted_articles_are_reviewed():
    author = operator("110116")
    article = write(author)
    with pytest.raises(Conflict):
        article_review(article=article, reviewer=reviewer("110116"), publish=True)
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.DRAFT


def test_colleague_operator_may_edit_other_organisation_may_not():
    author = operator("110116")
    colleague = UserFactory(role="operator", organisation=author.organisation)
    article = write(author)
    article_update(article=article, user=colleague, title="同事修改的标题")
    with pytest.raises(PermissionDeniedError):
        article_update(article=article, user=operator("110116"), title="别家的修改")
    assert Article.objects.get(pk=article.pk).title == "同事修改的标题"


def test_innovation_product_needs_a_platform_and_a_real_pdf():
    author = operator("110116")
    platform = PlatformFactory(operator=author.organisation)
    with pytest.raises(DomainError) as error:
        write(author, section=Section.PRODUCT, test_report=pdf_upload())
    assert error.value.field == "platform"
    with pytest.raises(DomainError) as error:
        write(author, section=Section.PRODUCT, platform_id=platform.pk)
    assert error.value.field == "test_report"
    # A renamed HTML file is refused by its content, whatever its name and declared type.
    with pytest.raises(DomainError) as error:
        write(author, section=Section.PRODUCT, platform_id=platform.pk,
              test_report=pdf_upload(content=b"<html><script>alert(1)</script></html>"))
    assert (error.value.code, error.value.field) == ("not_pdf", "test_report")
    with pytest.raises(DomainError) as error:
        write(author, section=Section.PRODUCT, platform_id=platform.pk, test_report=pdf_upload(name="report.exe"))
    assert error.value.code == "not_pdf"
    assert Article.objects.count() == 0
    product = write(author, section=Section.PRODUCT, platform_id=platform.pk, test_report=pdf_upload())
    assert product.test_report.name.endswith(".pdf") and product.platform == platform
    assert product.test_report.read(5) == b"%PDF-"


def test_test_report_over_twenty_megabytes_is_refused(settings):
    author = operator("110116")
    platform = PlatformFactory(operator=author.organisation)
    big = pdf_upload(content=b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024))
    with pytest.raises(DomainError) as error:
        write(author, section=Section.PRODUCT, platform_id=platform.pk, test_report=big)
    assert error.value.code == "file_too_large"
    assert Article.objects.count() == 0


def test_operator_cannot_name_another_organisations_platform():
    author = operator("110116")
    other = PlatformFactory()
    with pytest.raises(DomainError) as error:
        write(author, section=Section.CASE, platform_id=other.pk)
    assert error.value.field == "platform"
    assert Article.objects.count() == 0


def test_alliance_members_organisations_and_platforms_with_roles():
    author = reviewer("110000")
    alliance = write(author, section=Section.ALLIANCE, title="京津冀区域中试产业联盟")
    platform = PlatformFactory()
    chair = alliance_member_add(alliance=alliance, user=author, role="chair", organisation_id=platform.operator_id,
                                platform_id=platform.pk)
    member = alliance_member_add(alliance=alliance, user=author, organisation_id=operator("110108").organisation_id)
    with pytest.raises(Conflict):
        alliance_member_add(alliance=alliance, user=author, role="member", organisation_id=platform.operator_id,
                            platform_id=platform.pk)
    with pytest.raises(DomainError):
        alliance_member_add(alliance=alliance, user=author)
    with pytest.raises(PermissionDeniedError):
        alliance_member_add(alliance=alliance, user=reviewer("330400"), organisation_id=platform.operator_id)
    assert AllianceMember.objects.filter(alliance=alliance).count() == 2
    alliance_member_remove(member=member, user=author)
    assert list(AllianceMember.objects.filter(alliance=alliance)) == [chair]
    assert AuditEvent.objects.filter(action__in=["alliance_member_add", "alliance_member_remove"]).count() == 3
