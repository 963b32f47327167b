"""Demands (需求发布) published by enterprises. Quotes, messages and 揭榜挂帅 challenges build on these."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DemandVisibility(models.TextChoices):
    PUBLIC = "public", _("公开")
    PLATFORMS = "platforms", _("仅平台可见")
    INVITED = "invited", _("仅受邀平台可见")


class DemandStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    OPEN = "open", _("征集中")
    IN_TALKS = "in_talks", _("洽谈中")
    MATCHED = "matched", _("已匹配")
    CLOSED = "closed", _("已关闭")
    EXPIRED = "expired", _("已过期")


class Demand(models.Model):
    enterprise = models.ForeignKey("accounts.Organisation", verbose_name=_("发布单位"), on_delete=models.PROTECT,
                                   related_name="demands")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发布人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("需求标题"), max_length=120)
    text = models.TextField(_("需求描述"))
    industry = models.ForeignKey("platforms.Industry", verbose_name=_("产业领域"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="demands")
    service_types = models.ManyToManyField("platforms.ServiceType", verbose_name=_("所需服务类型"), blank=True,
                                           related_name="demands")
    budget_min = models.PositiveBigIntegerField(_("预算下限（元）"), null=True, blank=True)
    budget_max = models.PositiveBigIntegerField(_("预算上限（元）"), null=True, blank=True)
    deadline = models.DateField(_("截止日期"))
    # Where the enterprise would like the work done ("this region and everything under it").
    region_preference = models.ForeignKey("regions.Region", verbose_name=_("地区偏好"), null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+")
    # The enterprise's own region, for reviewers' scope.
    region = models.ForeignKey("regions.Region", verbose_name=_("所在地区"), on_delete=models.PROTECT,
                               related_name="demands")
    visibility = models.CharField(_("可见范围"), max_length=16, choices=DemandVisibility.choices,
                                  default=DemandVisibility.PUBLIC)
    invited_platforms = models.ManyToManyField("platforms.Platform", verbose_name=_("受邀平台"), blank=True,
                                               related_name="invited_demands")
    status = models.CharField(_("状态"), max_length=16, choices=DemandStatus.choices, default=DemandStatus.OPEN,
                              db_index=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, db_index=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "deadline"])]
        verbose_name = _("需求")
        verbose_name_plural = _("需求")

    def __str__(self) -> str:
        return self.title
