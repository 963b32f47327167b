"""Subsidy applications (申报) and the yearly budget of each measure.

The amounts and rules live in the pure-Python engine (`policy/engine/`); these models only store
what the engine decided at submission (amount, trace, engine version, rules digest) so that the
decision can be shown (计算依据) and recomputed exactly later.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已申报，待初审")
    FIRST_PASSED = "first_passed", _("初审通过，待复审")
    SECOND_PASSED = "second_passed", _("复审通过，待公示")
    PUBLICISED = "publicised", _("公示中，待拨付")
    PAID = "paid", _("已拨付")
    RETURNED = "returned", _("已退回")
    REJECTED = "rejected", _("不予支持")


# Statuses whose amount counts against the measure's budget: approved at 复审 but not yet paid,
# and paid (docs/decisions/0153).
COMMITTED_STATUSES = (ApplicationStatus.SECOND_PASSED, ApplicationStatus.PUBLICISED, ApplicationStatus.PAID)
# Statuses in which an application still holds (or has received) support: used by the
# non-duplication rule (docs/decisions/0152).
LIVE_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.FIRST_PASSED, *COMMITTED_STATUSES)


class SubsidyApplication(models.Model):
    applicant = models.ForeignKey("accounts.Organisation", verbose_name=_("申报单位"), on_delete=models.PROTECT,
                                  related_name="subsidy_applications")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申报人"), on_delete=models.PROTECT,
                                     related_name="+")
    project_name = models.CharField(_("项目名称"), max_length=200)
    measure = models.CharField(_("政策措施"), max_length=100, db_index=True)
    measure_name = models.CharField(_("措施名称"), max_length=200)
    citation = models.CharField(_("政策依据"), max_length=200)
    # The region that issued the measure: its reviewers (and those above) decide (0151).
    issuing_region = models.ForeignKey("regions.Region", verbose_name=_("发文地区"), on_delete=models.PROTECT,
                                       related_name="+")
    project_region = models.ForeignKey("regions.Region", verbose_name=_("项目所在地区"), on_delete=models.PROTECT,
                                       related_name="+")
    project_type = models.CharField(_("项目类型"), max_length=40)
    request = models.JSONField(_("申报数据"))
    amount = models.PositiveBigIntegerField(_("测算金额（元）"))
    explanation = models.TextField(_("计算说明"))
    trace = models.JSONField(_("计算依据"))
    engine_version = models.CharField(_("引擎版本"), max_length=20)
    rules_digest = models.CharField(_("规则指纹"), max_length=64)
    draft = models.BooleanField(_("征求意见稿"), default=False)
    estimate = models.BooleanField(_("按假定参数测算"), default=False)
    budget_year = models.PositiveSmallIntegerField(_("预算年度"))
    status = models.CharField(_("状态"), max_length=20, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.SUBMITTED, db_index=True)
    note = models.TextField(_("最近审核意见"), blank=True)
    first_reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("初审人"), null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+")
    second_reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("复审人"), null=True,
                                           blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("申报时间"))
    publicised_at = models.DateTimeField(_("公示时间"), null=True, blank=True)
    paid_at = models.DateTimeField(_("拨付时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("政策申报")
        verbose_name_plural = _("政策申报")
        indexes = [models.Index(fields=["measure", "issuing_region", "budget_year", "status"])]

    def __str__(self) -> str:
        return f"{self.project_name}｜{self.measure_name}"

    @property
    def rule_version(self) -> str:
        """Engine code version plus the fingerprint of the rule files used for the amount."""
        return f"{self.engine_version}+{self.rules_digest}"


class Budget(models.Model):
    """The money a region set aside for one measure in one year (integer yuan)."""

    measure = models.CharField(_("政策措施"), max_length=100)
    region = models.ForeignKey("regions.Region", verbose_name=_("发文地区"), on_delete=models.PROTECT,
                               related_name="+")
    year = models.PositiveSmallIntegerField(_("预算年度"))
    amount = models.PositiveBigIntegerField(_("预算金额（元）"))
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["region_id", "measure", "-year"]
        verbose_name = _("政策预算")
        verbose_name_plural = _("政策预算")
        constraints = [models.UniqueConstraint(fields=["measure", "region", "year"], name="policy_budget_unique")]

    def __str__(self) -> str:
        return f"{self.measure} {self.region_id} {self.year}"
