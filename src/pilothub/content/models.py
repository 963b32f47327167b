"""The content portal (资讯与案例): authored articles of five sections, alliances, and policy documents.

Articles of every section share one table, one review workflow and one search index (see
docs/decisions/0900); the fields only some sections use are nullable and checked per section in
`Article.clean()`. Policy documents are real public texts loaded from files by a data migration,
split into clauses, each clause linked to the policy-engine measures that cite it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    SOLUTION = "solutions", _("中试解决方案")
    CASE = "cases", _("典型服务案例")
    NEWS = "news", _("行业动态")
    PRODUCT = "products", _("创新产品目录")
    ALLIANCE = "alliances", _("中试联盟")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    PUBLISHED = "published", _("已发布")
    RETURNED = "returned", _("已退回")
    UNPUBLISHED = "unpublished", _("已下线")


# Statuses in which the author may still change the text.
EDITABLE_STATUSES = (ArticleStatus.DRAFT, ArticleStatus.RETURNED, ArticleStatus.UNPUBLISHED)


def test_report_path(instance: Article, filename: str) -> str:
    # The stored name never reuses the uploaded name, which may carry anything.
    return f"content/test-reports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


class Article(models.Model):
    section = models.CharField(_("栏目"), max_length=16, choices=Section.choices, db_index=True)
    title = models.CharField(_("标题"), max_length=200)
    summary = models.CharField(_("摘要"), max_length=500, blank=True)
    # Sanitised HTML only (content.sanitize.clean_html runs in every service that writes it).
    body_html = models.TextField(_("正文"), blank=True)
    region = models.ForeignKey("regions.Region", verbose_name=_("所属地区"), on_delete=models.PROTECT,
                               related_name="articles")
    industries = models.ManyToManyField("platforms.Industry", verbose_name=_("产业领域"), blank=True,
                                        related_name="articles")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("作者"), on_delete=models.PROTECT,
                               related_name="articles")
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("发布单位"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="articles")
    # 典型服务案例 may name the platform that served; 创新产品目录 must (the verifying platform).
    platform = models.ForeignKey("platforms.Platform", verbose_name=_("中试平台"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="articles")
    test_report = models.FileField(_("检测/验证报告（PDF）"), upload_to=test_report_path, blank=True)
    source_name = models.CharField(_("来源"), max_length=200, blank=True)
    source_url = models.URLField(_("原文链接"), blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT,
                              db_index=True)
    review_note = models.TextField(_("审核意见"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, db_index=True)
    # jieba search-mode tokens of title, summary and text, space separated (core.text.token_string).
    search_tokens = models.TextField(blank=True, editable=False)
    is_demo = models.BooleanField(_("演示数据"), default=False)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["section", "status", "-published_at"])]
        verbose_name = _("资讯文章")
        verbose_name_plural = _("资讯文章")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.section == Section.PRODUCT:
            if self.platform_id is None:
                raise ValidationError({"platform": _("创新产品须注明验证它的中试平台")})
        elif self.test_report:
            raise ValidationError({"test_report": _("只有创新产品目录可以附检测报告")})
        if self.section not in (Section.PRODUCT, Section.CASE) and self.platform_id is not None:
            raise ValidationError({"platform": _("只有典型服务案例和创新产品可以关联中试平台")})

    @property
    def is_published(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class AllianceRole(models.TextChoices):
    CHAIR = "chair", _("理事长单位")
    VICE_CHAIR = "vice_chair", _("副理事长单位")
    SECRETARIAT = "secretariat", _("秘书处单位")
    MEMBER = "member", _("成员单位")


class AllianceMember(models.Model):
    """A member of a 中试联盟 (an Article of section alliances): an organisation and/or a platform."""

    alliance = models.ForeignKey(Article, verbose_name=_("联盟"), on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("成员单位"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="alliance_memberships")
    platform = models.ForeignKey("platforms.Platform", verbose_name=_("成员平台"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="alliance_memberships")
    role = models.CharField(_("角色"), max_length=16, choices=AllianceRole.choices, default=AllianceRole.MEMBER)
    joined_on = models.DateField(_("加入日期"), null=True, blank=True)

    class Meta:
        ordering = ["alliance", "role", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(organisation__isnull=False) | models.Q(platform__isnull=False),
                                   name="alliance_member_has_organisation_or_platform"),
            models.UniqueConstraint(fields=["alliance", "organisation", "platform"],
                                    name="unique_alliance_member"),
        ]
        verbose_name = _("联盟成员")
        verbose_name_plural = _("联盟成员")

    def __str__(self) -> str:
        return str(self.platform or self.organisation)


class PolicyKind(models.TextChoices):
    MEASURES = "measures", _("政策措施")
    IMPLEMENTATION = "implementation", _("实施意见/方案")
    INTERPRETATION = "interpretation", _("政策解读")
    DRAFT = "draft", _("征求意见稿")


class PolicyDocument(models.Model):
    # Stable key of the seed (e.g. "beijing_2026_1"); equals the policy engine's document id
    # where the engine has rules for the document.
    key = models.SlugField(_("标识"), max_length=64, unique=True)
    title = models.CharField(_("标题"), max_length=300)
    number = models.CharField(_("文号"), max_length=64, blank=True)
    issuer = models.CharField(_("发布机构"), max_length=300)
    issued_on = models.DateField(_("发文日期"), null=True, blank=True)
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    region = models.ForeignKey("regions.Region", verbose_name=_("地区"), on_delete=models.PROTECT,
                               related_name="policy_documents")
    kind = models.CharField(_("类型"), max_length=16, choices=PolicyKind.choices)
    is_draft = models.BooleanField(_("征求意见稿"), default=False)
    interprets = models.ForeignKey("self", verbose_name=_("解读的文件"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="interpretations")
    engine_document = models.CharField(_("政策引擎文件标识"), max_length=64, blank=True)
    source_file = models.CharField(_("原文文件"), max_length=200, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    preamble = models.TextField(_("印发通知/前言"), blank=True)
    full_text = models.TextField(_("全文"))
    search_tokens = models.TextField(blank=True, editable=False)
    published_at = models.DateTimeField(_("上线时间"), default=timezone.now)

    class Meta:
        ordering = ["-issued_on", "key"]
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）" if self.number else self.title


class PolicyClause(models.Model):
    document = models.ForeignKey(PolicyDocument, verbose_name=_("政策文件"), on_delete=models.CASCADE,
                                 related_name="clauses")
    label = models.CharField(_("条款"), max_length=32)
    heading = models.CharField(_("所属章节"), max_length=300, blank=True)
    title = models.CharField(_("条款标题"), max_length=200, blank=True)
    text = models.TextField(_("条款全文"))
    position = models.PositiveSmallIntegerField(_("顺序"))

    class Meta:
        ordering = ["document", "position"]
        constraints = [models.UniqueConstraint(fields=["document", "label"], name="unique_clause_label")]
        verbose_name = _("政策条款")
        verbose_name_plural = _("政策条款")

    def __str__(self) -> str:
        return f"{self.document.number or self.document.title} {self.label}"

    @property
    def citation(self) -> str:
        return f"{self.document.number or self.document.title} {self.label}"


class ClauseMeasure(models.Model):
    """A policy-engine measure citing this clause (from `policy.engine.list_measures`)."""

    clause = models.ForeignKey(PolicyClause, verbose_name=_("条款"), on_delete=models.CASCADE,
                               related_name="measures")
    measure_id = models.CharField(_("措施标识"), max_length=100)
    name = models.CharField(_("措施名称"), max_length=200)
    citation = models.CharField(_("出处"), max_length=200)
    computable = models.BooleanField(_("可计算"), default=False)

    class Meta:
        ordering = ["clause", "measure_id"]
        constraints = [models.UniqueConstraint(fields=["clause", "measure_id"], name="unique_clause_measure")]
        verbose_name = _("条款关联措施")
        verbose_name_plural = _("条款关联措施")

    def __str__(self) -> str:
        return self.measure_id
