"""The registry: pilot platforms (中试平台), their qualifications, equipment, test services and experts.

A Platform row holds the approved, public version of a platform. Operators' edits to published
data go through review before they reach these rows.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Industry(models.Model):
    """Controlled industry vocabulary: every industry the seeds name, with synonyms."""

    code = models.SlugField(_("代码"), max_length=64, primary_key=True)
    name = models.CharField(_("名称"), max_length=64, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=128, blank=True)
    parent = models.ForeignKey("self", verbose_name=_("上级领域"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    synonyms = models.JSONField(_("同义词"), default=list, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("产业领域")
        verbose_name_plural = _("产业领域")

    def __str__(self) -> str:
        return self.name


class RegionIndustryGroup(models.Model):
    """A region's key-industry list as its policy groups it (e.g. 北京 国际引领产业)."""

    region = models.ForeignKey("regions.Region", verbose_name=_("地区"), on_delete=models.CASCADE,
                               related_name="industry_groups")
    code = models.SlugField(_("代码"), max_length=64)
    name = models.CharField(_("分组名称"), max_length=64)
    # The group name as the policy text writes it, so the policy engine can key rates on it.
    policy_tier = models.CharField(_("政策分组"), max_length=64, blank=True)
    citation = models.CharField(_("出处"), max_length=128, blank=True)
    industries = models.ManyToManyField(Industry, verbose_name=_("产业领域"), related_name="region_groups")
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["region", "sort_order"]
        constraints = [models.UniqueConstraint(fields=["region", "code"], name="unique_region_industry_group")]
        verbose_name = _("重点产业分组")
        verbose_name_plural = _("重点产业分组")

    def __str__(self) -> str:
        return f"{self.region.name} {self.name}"


class ServiceType(models.Model):
    """The service types of the seeds (技术研发转化 … 设备应用验证) plus 检验检测 and 计量测试."""

    code = models.SlugField(_("代码"), max_length=64, primary_key=True)
    name = models.CharField(_("名称"), max_length=64, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=128, blank=True)
    description = models.TextField(_("说明"), blank=True)
    synonyms = models.JSONField(_("同义词"), default=list, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("服务类型")
        verbose_name_plural = _("服务类型")

    def __str__(self) -> str:
        return self.name


class Tier(models.TextChoices):
    CULTIVATING = "cultivating", _("培育")
    MUNICIPAL = "municipal", _("市级")
    PROVINCIAL = "provincial", _("省级")
    NATIONAL = "national", _("国家级")


class ContactVisibility(models.TextChoices):
    PUBLIC = "public", _("公开")
    LOGGED_IN = "logged_in", _("仅登录用户可见")


class PlatformStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已下线")


class Platform(models.Model):
    name = models.CharField(_("平台名称"), max_length=200)
    operator = models.ForeignKey("accounts.Organisation", verbose_name=_("运营单位"), on_delete=models.PROTECT,
                                 related_name="platforms")
    region = models.ForeignKey("regions.Region", verbose_name=_("行政区划"), on_delete=models.PROTECT,
                               related_name="platforms")
    address = models.CharField(_("详细地址"), max_length=255, blank=True)
    # WGS-84 decimal degrees; input in GCJ-02 / BD-09 is converted before it is stored.
    longitude = models.FloatField(_("经度"), null=True, blank=True)
    latitude = models.FloatField(_("纬度"), null=True, blank=True)
    industries = models.ManyToManyField(Industry, verbose_name=_("产业领域"), blank=True, related_name="platforms")
    service_types = models.ManyToManyField(ServiceType, verbose_name=_("服务类型"), blank=True,
                                           related_name="platforms")
    tier = models.CharField(_("平台层级"), max_length=16, choices=Tier.choices, default=Tier.CULTIVATING,
                            db_index=True)
    independent_legal_entity = models.BooleanField(_("是否独立法人"), default=False)
    main_business = models.TextField(_("主营业务"), blank=True)
    description = models.TextField(_("平台简介"), blank=True)
    contact_name = models.CharField(_("联系人"), max_length=64, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=64, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    contact_visibility = models.CharField(_("联系方式可见范围"), max_length=16, choices=ContactVisibility.choices,
                                          default=ContactVisibility.LOGGED_IN)
    open_sharing = models.BooleanField(_("对外开放共享"), default=True)
    status = models.CharField(_("状态"), max_length=16, choices=PlatformStatus.choices,
                              default=PlatformStatus.PUBLISHED, db_index=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # When the operator last confirmed the listing is still right (freshness, issue 11).
    last_confirmed_at = models.DateTimeField(_("最近确认时间"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "operator"], name="unique_platform_per_operator")]
        indexes = [models.Index(fields=["status", "region"]), models.Index(fields=["status", "tier"])]
        verbose_name = _("中试平台")
        verbose_name_plural = _("中试平台")

    def __str__(self) -> str:
        return self.name

    @property
    def has_coordinates(self) -> bool:
        return self.longitude is not None and self.latitude is not None


class QualificationKind(models.TextChoices):
    CMA = "CMA", _("CMA 检验检测机构资质认定")
    CNAS = "CNAS", _("CNAS 实验室认可")
    OTHER = "other", _("其他资质")


class Qualification(models.Model):
    platform = models.ForeignKey(Platform, verbose_name=_("平台"), on_delete=models.CASCADE,
                                 related_name="qualifications")
    kind = models.CharField(_("资质类型"), max_length=8, choices=QualificationKind.choices)
    number = models.CharField(_("证书编号"), max_length=64)
    scope = models.TextField(_("认可/认定范围"), blank=True)
    valid_from = models.DateField(_("有效期起"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"))

    class Meta:
        ordering = ["kind", "number"]
        verbose_name = _("资质")
        verbose_name_plural = _("资质")

    def __str__(self) -> str:
        return f"{self.kind} {self.number}"

    def is_valid_on(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= day) and day <= self.valid_until


class Equipment(models.Model):
    platform = models.ForeignKey(Platform, verbose_name=_("平台"), on_delete=models.CASCADE, related_name="equipment")
    name = models.CharField(_("设备名称"), max_length=200)
    model = models.CharField(_("型号"), max_length=128, blank=True)
    maker = models.CharField(_("生产厂家"), max_length=128, blank=True)
    specs = models.TextField(_("主要技术指标"), blank=True)
    original_value = models.PositiveBigIntegerField(_("原值（元）"), null=True, blank=True)
    location = models.CharField(_("放置地点"), max_length=255, blank=True)
    shareable = models.BooleanField(_("可共享"), default=True, db_index=True)
    fee_rule = models.CharField(_("收费标准"), max_length=255, blank=True)
    is_active = models.BooleanField(_("在用"), default=True)

    class Meta:
        ordering = ["platform", "name"]
        verbose_name = _("仪器设备")
        verbose_name_plural = _("仪器设备")

    def __str__(self) -> str:
        return f"{self.name} {self.model}".strip()


class TestService(models.Model):
    __test__ = False  # not a pytest test class, despite the name
    platform = models.ForeignKey(Platform, verbose_name=_("平台"), on_delete=models.CASCADE,
                                 related_name="test_services")
    name = models.CharField(_("服务名称"), max_length=200)
    standard = models.CharField(_("依据标准/方法"), max_length=255, blank=True)
    price = models.PositiveBigIntegerField(_("价格（元）"), null=True, blank=True)
    unit = models.CharField(_("计价单位"), max_length=32, blank=True)
    turnaround_days = models.PositiveIntegerField(_("周期（天）"), null=True, blank=True)
    qualification_scope = models.CharField(_("资质范围"), max_length=8, blank=True,
                                           choices=[("CMA", "CMA"), ("CNAS", "CNAS"), ("", _("无"))])
    is_active = models.BooleanField(_("在售"), default=True)

    class Meta:
        ordering = ["platform", "name"]
        verbose_name = _("检测服务")
        verbose_name_plural = _("检测服务")

    def __str__(self) -> str:
        return self.name


class Expert(models.Model):
    platform = models.ForeignKey(Platform, verbose_name=_("平台"), on_delete=models.CASCADE, related_name="experts")
    name = models.CharField(_("姓名"), max_length=64)
    title = models.CharField(_("职称"), max_length=64, blank=True)
    field = models.CharField(_("专业领域"), max_length=128, blank=True)

    class Meta:
        ordering = ["platform", "name"]
        verbose_name = _("专家")
        verbose_name_plural = _("专家")

    def __str__(self) -> str:
        return self.name


class PlatformSearchDocument(models.Model):
    """The jieba tokens of one platform, indexed for full-text search (decision 0304).

    Maintained by `platforms.search` (signals and `pilothub rebuild-search-index`), never edited
    by hand. On SQLite an FTS5 table mirrors it through triggers; on PostgreSQL a generated
    tsvector column with a GIN index sits on this table. Both are created by migration 0003.
    """

    platform = models.OneToOneField(Platform, primary_key=True, on_delete=models.CASCADE,
                                    related_name="search_document")
    title = models.TextField(blank=True)  # tokens of the name (weighted higher)
    body = models.TextField(blank=True)  # tokens of business, description, vocabularies, equipment, services
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("平台检索文档")
        verbose_name_plural = _("平台检索文档")

    def __str__(self) -> str:
        return f"{self.platform_id}: {self.title}"
