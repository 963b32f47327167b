"""Demands (需求发布) with quotes and messages, and 揭榜挂帅 challenges.

揭榜挂帅: a government reviewer (or, where a region allows it, a lead enterprise) posts a task with a
bounty; teams and platforms apply; the region's reviewers score with a rubric; the winner's
milestones are tracked to completion."""

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
    # Tiered disclosure: `text` is the public summary; these details reach only the platforms the
    # enterprise grants access to (and never the matching index, search or order descriptions).
    confidential_details = models.TextField(_("保密详情"), blank=True)
    requires_undertaking = models.BooleanField(_("查看前须签署保密承诺"), default=False)
    invited_platforms = models.ManyToManyField("platforms.Platform", verbose_name=_("受邀平台"), blank=True,
                                               related_name="invited_demands")
    status = models.CharField(_("状态"), max_length=16, choices=DemandStatus.choices, default=DemandStatus.OPEN,
                              db_index=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, db_index=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)
    # Moderation by a reviewer of the demand's region: hidden demands are seen only by their
    # owner, the region's reviewers and administrators.
    is_hidden = models.BooleanField(_("已屏蔽"), default=False, db_index=True)
    hidden_reason = models.TextField(_("屏蔽理由"), blank=True)
    hidden_at = models.DateTimeField(_("屏蔽时间"), null=True, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("屏蔽人"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "deadline"])]
        verbose_name = _("需求")
        verbose_name_plural = _("需求")

    def __str__(self) -> str:
        return self.title

    @property
    def effective_status(self) -> str:
        """The status a reader sees: an open demand past its deadline is expired even before the
        nightly `expire-demands` run writes it."""
        if self.status in ACTIVE_STATUSES and self.deadline < timezone.localdate():
            return DemandStatus.EXPIRED
        return self.status

    def get_effective_status_display(self) -> str:
        return str(DemandStatus(self.effective_status).label)

    @property
    def is_confidential(self) -> bool:
        return bool(self.confidential_details)

    @property
    def accepts_quotes(self) -> bool:
        return self.effective_status in ACTIVE_STATUSES and not self.is_hidden


# Statuses in which platforms may still quote; past the deadline they read as expired.
ACTIVE_STATUSES = (DemandStatus.OPEN, DemandStatus.IN_TALKS)


class DemandResponse(models.Model):
    """One platform's engagement with one demand, with the timestamps responsiveness is measured by."""

    demand = models.ForeignKey(Demand, verbose_name=_("需求"), on_delete=models.CASCADE, related_name="responses")
    platform = models.ForeignKey("platforms.Platform", verbose_name=_("平台"), on_delete=models.CASCADE,
                                 related_name="demand_responses")
    interested_at = models.DateTimeField(_("表达意向时间"), null=True, blank=True)
    first_quote_at = models.DateTimeField(_("首次报价时间"), null=True, blank=True)
    first_message_at = models.DateTimeField(_("平台首条留言时间"), null=True, blank=True)
    enterprise_first_message_at = models.DateTimeField(_("企业首条留言时间"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["demand", "platform"], name="unique_demand_response")]
        verbose_name = _("平台响应")
        verbose_name_plural = _("平台响应")

    def __str__(self) -> str:
        return f"{self.platform_id} → {self.demand_id}"


class QuoteStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待选择")
    ACCEPTED = "accepted", _("已接受")
    DECLINED = "declined", _("未采纳")
    WITHDRAWN = "withdrawn", _("已撤回")


class Quote(models.Model):
    demand = models.ForeignKey(Demand, verbose_name=_("需求"), on_delete=models.CASCADE, related_name="quotes")
    platform = models.ForeignKey("platforms.Platform", verbose_name=_("报价平台"), on_delete=models.PROTECT,
                                 related_name="quotes")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("报价人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    price = models.PositiveBigIntegerField(_("报价（元）"))
    duration_days = models.PositiveIntegerField(_("周期（天）"))
    conditions = models.TextField(_("服务条件"), blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=QuoteStatus.choices, default=QuoteStatus.SUBMITTED,
                              db_index=True)
    created_at = models.DateTimeField(_("报价时间"), default=timezone.now)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    order = models.OneToOneField("bookings.ServiceOrder", verbose_name=_("服务订单"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="demand_quote")

    class Meta:
        ordering = ["price", "created_at"]
        constraints = [
            # A demand has at most one accepted quote, even under concurrent accepts.
            models.UniqueConstraint(fields=["demand"], condition=models.Q(status="accepted"),
                                    name="one_accepted_quote_per_demand"),
            # A platform has at most one live quote per demand; a new one withdraws the old.
            models.UniqueConstraint(fields=["demand", "platform"], condition=models.Q(status="submitted"),
                                    name="one_live_quote_per_platform"),
        ]
        verbose_name = _("报价")
        verbose_name_plural = _("报价")

    def __str__(self) -> str:
        return f"{self.platform_id}: {self.price} 元"


class MessageSide(models.TextChoices):
    ENTERPRISE = "enterprise", _("需求方")
    PLATFORM = "platform", _("平台方")


class DemandMessage(models.Model):
    """A message in the thread between a demand's enterprise and one platform."""

    demand = models.ForeignKey(Demand, verbose_name=_("需求"), on_delete=models.CASCADE, related_name="messages")
    platform = models.ForeignKey("platforms.Platform", verbose_name=_("平台"), on_delete=models.CASCADE,
                                 related_name="demand_messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发送人"), null=True,
                               on_delete=models.SET_NULL, related_name="+")
    side = models.CharField(_("发送方"), max_length=16, choices=MessageSide.choices)
    body = models.TextField(_("内容"))
    created_at = models.DateTimeField(_("发送时间"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["demand", "platform", "created_at"])]
        verbose_name = _("留言")
        verbose_name_plural = _("留言")

    def __str__(self) -> str:
        return self.body[:30]


class ChallengeRegionPolicy(models.Model):
    """Whether lead enterprises of a region may post challenges. A region without a row inherits
    the nearest ancestor's setting; with none at all, only government reviewers post."""

    region = models.OneToOneField("regions.Region", verbose_name=_("地区"), on_delete=models.CASCADE,
                                  primary_key=True, related_name="challenge_policy")
    allow_enterprise_posting = models.BooleanField(_("允许龙头企业发榜"), default=False)
    note = models.CharField(_("依据/说明"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("揭榜挂帅地区设置")
        verbose_name_plural = _("揭榜挂帅地区设置")

    def __str__(self) -> str:
        return f"{self.region_id}: {self.allow_enterprise_posting}"


class ChallengeStatus(models.TextChoices):
    OPEN = "open", _("征集中")
    REVIEWING = "reviewing", _("评审中")
    AWARDED = "awarded", _("已揭榜（实施中）")
    COMPLETED = "completed", _("已完成")


class Challenge(models.Model):
    region = models.ForeignKey("regions.Region", verbose_name=_("发榜地区"), on_delete=models.PROTECT,
                               related_name="challenges")
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发榜人"), null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    posting_organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("发榜单位"), null=True,
                                             blank=True, on_delete=models.PROTECT, related_name="challenges")
    title = models.CharField(_("榜单名称"), max_length=120)
    task = models.TextField(_("攻关任务"))
    # Target indicators (考核指标), one string each.
    indicators = models.JSONField(_("目标指标"), default=list)
    bounty = models.PositiveBigIntegerField(_("榜单金额（元）"))
    deadline = models.DateField(_("揭榜截止日期"))
    eligibility = models.TextField(_("揭榜条件"), blank=True)
    # The scoring rubric as data: [{"name": "技术方案", "weight": 40}, …]; weights are relative.
    rubric = models.JSONField(_("评分细则"), default=list)
    status = models.CharField(_("状态"), max_length=16, choices=ChallengeStatus.choices,
                              default=ChallengeStatus.OPEN, db_index=True)
    winner = models.ForeignKey("ChallengeApplication", verbose_name=_("揭榜方"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    # Published scores summary: [{"application": id, "applicant": name, "average": 87.5, "reviewers": 2}, …]
    result_summary = models.JSONField(_("评审结果"), default=list, blank=True)
    result_published_at = models.DateTimeField(_("结果公布时间"), null=True, blank=True)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)
    created_at = models.DateTimeField(_("发榜时间"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("揭榜挂帅榜单")
        verbose_name_plural = _("揭榜挂帅榜单")

    def __str__(self) -> str:
        return self.title


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已申报")
    WINNER = "winner", _("揭榜成功")
    NOT_SELECTED = "not_selected", _("未入选")


def _attachment_path(instance: ChallengeApplication, filename: str) -> str:
    # The stored name does not reuse the uploader's file name (it may carry anything).
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"challenges/{instance.challenge_id}/{timezone.now():%Y%m%d%H%M%S%f}.{extension}"


class ChallengeApplication(models.Model):
    challenge = models.ForeignKey(Challenge, verbose_name=_("榜单"), on_delete=models.CASCADE,
                                  related_name="applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申报人"), null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("申报单位"), on_delete=models.PROTECT,
                                     related_name="challenge_applications")
    platform = models.ForeignKey("platforms.Platform", verbose_name=_("依托平台"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="challenge_applications")
    team_name = models.CharField(_("团队名称"), max_length=120)
    proposal = models.TextField(_("揭榜方案"))
    attachment = models.FileField(_("方案附件"), upload_to=_attachment_path, blank=True)
    attachment_kind = models.CharField(_("附件类型"), max_length=8, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.SUBMITTED)
    created_at = models.DateTimeField(_("申报时间"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["challenge", "organisation"],
                                               name="one_application_per_organisation")]
        verbose_name = _("揭榜申报")
        verbose_name_plural = _("揭榜申报")

    def __str__(self) -> str:
        return self.team_name


class ChallengeScore(models.Model):
    application = models.ForeignKey(ChallengeApplication, verbose_name=_("申报"), on_delete=models.CASCADE,
                                    related_name="scores")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("评审人"), on_delete=models.PROTECT,
                                 related_name="+")
    # {"技术方案": 85, …}: one 0–100 score per rubric criterion.
    scores = models.JSONField(_("分项得分"), default=dict)
    total = models.DecimalField(_("加权得分"), max_digits=6, decimal_places=2)
    comment = models.TextField(_("评审意见"), blank=True)
    scored_at = models.DateTimeField(_("评分时间"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="one_score_per_reviewer")]
        verbose_name = _("评审打分")
        verbose_name_plural = _("评审打分")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.total}"


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("未开始")
    SUBMITTED = "submitted", _("待确认")
    CONFIRMED = "confirmed", _("已确认")


class ChallengeMilestone(models.Model):
    challenge = models.ForeignKey(Challenge, verbose_name=_("榜单"), on_delete=models.CASCADE,
                                  related_name="milestones")
    title = models.CharField(_("里程碑"), max_length=120)
    due_date = models.DateField(_("计划完成日期"))
    status = models.CharField(_("状态"), max_length=16, choices=MilestoneStatus.choices,
                              default=MilestoneStatus.PLANNED)
    evidence = models.TextField(_("完成佐证"), blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("确认人"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("里程碑")
        verbose_name_plural = _("里程碑")

    def __str__(self) -> str:
        return self.title


# --- confidential demands (tiered disclosure, issue 11) ---------------------------------------


class ConfidentialityUndertaking(models.Model):
    """One version of the confidentiality undertaking (保密承诺) text. Versions are immutable: a new
    text is a new version (data/undertakings.yaml), so an acceptance always names what was agreed."""

    version = models.CharField(_("版本"), max_length=32, unique=True)
    text = models.TextField(_("承诺文本"))
    text_sha256 = models.CharField(_("文本摘要"), max_length=64)
    effective_from = models.DateField(_("启用日期"))

    class Meta:
        ordering = ["-effective_from", "-version"]
        verbose_name = _("保密承诺文本")
        verbose_name_plural = _("保密承诺文本")

    def __str__(self) -> str:
        return self.version


class DemandAccessGrant(models.Model):
    """The enterprise lets one platform read a demand's confidential details (until revoked)."""

    demand = models.ForeignKey(Demand, verbose_name=_("需求"), on_delete=models.CASCADE, related_name="access_grants")
    platform = models.ForeignKey("platforms.Platform", verbose_name=_("平台"), on_delete=models.CASCADE,
                                 related_name="demand_access_grants")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("授权人"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(_("授权时间"), default=timezone.now)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("撤销人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["demand", "platform"], condition=models.Q(revoked_at__isnull=True),
                                               name="one_live_grant_per_platform")]
        verbose_name = _("保密详情授权")
        verbose_name_plural = _("保密详情授权")

    def __str__(self) -> str:
        return f"{self.demand_id} → {self.platform_id}"


class UndertakingAcceptance(models.Model):
    """An operator accepted a version of the undertaking for one demand, on behalf of one platform."""

    demand = models.ForeignKey(Demand, verbose_name=_("需求"), on_delete=models.CASCADE,
                               related_name="undertaking_acceptances")
    platform = models.ForeignKey("platforms.Platform", verbose_name=_("平台"), on_delete=models.CASCADE,
                                 related_name="undertaking_acceptances")
    undertaking = models.ForeignKey(ConfidentialityUndertaking, verbose_name=_("承诺版本"), on_delete=models.PROTECT,
                                    related_name="acceptances")
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("承诺人"), on_delete=models.PROTECT,
                                    related_name="+")
    accepted_at = models.DateTimeField(_("承诺时间"), default=timezone.now)

    class Meta:
        ordering = ["-accepted_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["demand", "platform", "undertaking"],
                                               name="one_acceptance_per_version")]
        verbose_name = _("保密承诺记录")
        verbose_name_plural = _("保密承诺记录")

    def __str__(self) -> str:
        return f"{self.demand_id} {self.platform_id} {self.undertaking_id}"


class DetailChannel(models.TextChoices):
    WEB = "web", _("网页")
    API = "api", _("接口")


class DemandDetailView(models.Model):
    """One reading of a demand's confidential details by someone outside the enterprise."""

    demand = models.ForeignKey(Demand, verbose_name=_("需求"), on_delete=models.CASCADE, related_name="detail_views")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("查看人"), null=True,
                               on_delete=models.SET_NULL, related_name="+")
    viewer_username = models.CharField(_("查看人账号"), max_length=150)
    platform = models.ForeignKey("platforms.Platform", verbose_name=_("平台"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    channel = models.CharField(_("渠道"), max_length=8, choices=DetailChannel.choices, default=DetailChannel.WEB)
    viewed_at = models.DateTimeField(_("查看时间"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-viewed_at", "-id"]
        verbose_name = _("保密详情查看记录")
        verbose_name_plural = _("保密详情查看记录")

    def __str__(self) -> str:
        return f"{self.viewer_username} {self.demand_id} {self.viewed_at:%Y-%m-%d %H:%M}"
