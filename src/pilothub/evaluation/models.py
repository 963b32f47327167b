"""Certification (申报认定) of platforms into tiers, and the yearly performance evaluation (效能评估).

Certification: a region opens a CertificationCall for a tier; a platform's operator applies with
attachments and a self-assessment; reviewers of the call's region move the application through
形式审查 → 专家评审 → 公示 → 认定 (transitions in services/certification.py); 认定 writes a
CertifiedTier with validity dates and updates Platform.tier.

Evaluation: an EvaluationRound per region and year; operators submit an EvaluationDeclaration;
IndicatorValue rows hold each indicator's figure (from the system or declared, adjustable by a
reviewer with the original kept); EvaluationResult stores the score with its trace; consequences
are ConsequenceProposal rows applied only by a reviewer, and RewardRecommendation rows for the
region's reward measure.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pilothub.platforms.models import Tier


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待形式审查")
    RETURNED = "returned", _("退回补正")
    EXPERT_REVIEW = "expert_review", _("专家评审")
    PUBLICITY = "publicity", _("公示中")
    CERTIFIED = "certified", _("已认定")
    REJECTED = "rejected", _("未通过")
    WITHDRAWN = "withdrawn", _("已撤回")


class CertificationCall(models.Model):
    region = models.ForeignKey("regions.Region", verbose_name=_("组织地区"), on_delete=models.PROTECT,
                               related_name="certification_calls")
    title = models.CharField(_("通知名称"), max_length=200)
    target_tier = models.CharField(_("申报层级"), max_length=16, choices=Tier.choices)
    opens_on = models.DateField(_("申报开始日期"))
    closes_on = models.DateField(_("申报截止日期"))
    # [{"code", "name", "max_score", "description"}]: the rubric both the self-assessment and the
    # experts score against.
    criteria = models.JSONField(_("评审标准"), default=list)
    # [{"code", "name"}]: attachments an application must carry before it can be submitted.
    required_attachments = models.JSONField(_("必备附件"), default=list)
    pass_score = models.PositiveIntegerField(_("专家评审通过分"), default=60)
    min_experts = models.PositiveIntegerField(_("最少评审专家数"), default=3)
    publicity_days = models.PositiveIntegerField(_("公示天数"), default=7)
    validity_years = models.PositiveIntegerField(_("认定有效期（年）"), default=3)
    citation = models.CharField(_("政策依据"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        ordering = ["-opens_on", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")),
                                              name="call_closes_after_opening")]
        verbose_name = _("认定申报通知")
        verbose_name_plural = _("认定申报通知")

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on

    @property
    def max_total(self) -> int:
        return sum(int(c.get("max_score", 0)) for c in self.criteria)


class ExpertReviewer(models.Model):
    """A region's roster of review experts: an account holder or an external person."""

    region = models.ForeignKey("regions.Region", verbose_name=_("所属地区"), on_delete=models.PROTECT,
                               related_name="expert_reviewers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("账号"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="expert_roles")
    name = models.CharField(_("姓名"), max_length=64)
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("所在单位"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    organisation_name = models.CharField(_("所在单位名称"), max_length=200, blank=True)
    title = models.CharField(_("职称"), max_length=64, blank=True)
    field = models.CharField(_("专业领域"), max_length=128, blank=True)
    is_active = models.BooleanField(_("在库"), default=True)

    class Meta:
        ordering = ["region", "name"]
        verbose_name = _("评审专家")
        verbose_name_plural = _("评审专家")

    def __str__(self) -> str:
        return self.name

    @property
    def organisation_id_effective(self) -> int | None:
        """The organisation the expert belongs to: as recorded, or the account's."""
        if self.organisation_id:
            return self.organisation_id
        return self.user.organisation_id if self.user_id and self.user else None


class CertificationApplication(models.Model):
    call = models.ForeignKey(CertificationCall, verbose_name=_("申报通知"), on_delete=models.PROTECT,
                             related_name="applications")
    platform = models.ForeignKey("platforms.Platform", verbose_name=_("平台"), on_delete=models.PROTECT,
                                 related_name="certification_applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申报人"), null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(_("状态"), max_length=16, choices=ApplicationState.choices,
                             default=ApplicationState.DRAFT, db_index=True)
    summary = models.TextField(_("申报说明"))
    # {criterion code: {"score": int, "note": str}}
    self_assessment = models.JSONField(_("自评"), default=dict)
    expert_average = models.DecimalField(_("专家平均分"), max_digits=6, decimal_places=2, null=True, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    publicity_starts_on = models.DateField(_("公示开始"), null=True, blank=True)
    publicity_ends_on = models.DateField(_("公示结束"), null=True, blank=True)
    decided_at = models.DateTimeField(_("认定/否决时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["call", "platform"], name="one_application_per_call")]
        verbose_name = _("认定申报")
        verbose_name_plural = _("认定申报")

    def __str__(self) -> str:
        return f"{self.platform} · {self.call}"


def attachment_upload_to(instance, filename: str) -> str:
    # The stored name is generated by the service (a random hex plus the sniffed extension);
    # the uploader's file name is kept only as display text.
    return f"evaluation/{timezone.now():%Y/%m}/{filename}"


class AttachmentBase(models.Model):
    kind = models.CharField(_("附件类型"), max_length=64)
    file = models.FileField(_("文件"), upload_to=attachment_upload_to, max_length=255)
    original_name = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(_("文件格式"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["kind", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class ApplicationAttachment(AttachmentBase):
    application = models.ForeignKey(CertificationApplication, on_delete=models.CASCADE, related_name="attachments")

    class Meta(AttachmentBase.Meta):
        verbose_name = _("申报附件")
        verbose_name_plural = _("申报附件")


class ReviewStep(models.Model):
    """One decision on an application (who, which step, from/to, why): the visible history."""

    application = models.ForeignKey(CertificationApplication, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("操作"), max_length=32)
    from_state = models.CharField(_("原状态"), max_length=16, choices=ApplicationState.choices)
    to_state = models.CharField(_("新状态"), max_length=16, choices=ApplicationState.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True,
                              on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("理由"))
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("审查记录")
        verbose_name_plural = _("审查记录")

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state} → {self.to_state}"


class ExpertScore(models.Model):
    application = models.ForeignKey(CertificationApplication, on_delete=models.CASCADE, related_name="expert_scores")
    expert = models.ForeignKey(ExpertReviewer, verbose_name=_("专家"), on_delete=models.PROTECT, related_name="scores")
    scores = models.JSONField(_("分项得分"), default=dict)  # {criterion code: int}
    total = models.PositiveIntegerField(_("总分"))
    comment = models.TextField(_("评审意见"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("录入时间"), default=timezone.now)

    class Meta:
        ordering = ["application", "expert__name"]
        constraints = [models.UniqueConstraint(fields=["application", "expert"], name="one_score_per_expert")]
        verbose_name = _("专家评分")
        verbose_name_plural = _("专家评分")

    def __str__(self) -> str:
        return f"{self.expert_id}: {self.total}"


class Objection(models.Model):
    application = models.ForeignKey(CertificationApplication, on_delete=models.CASCADE, related_name="objections")
    objector = models.CharField(_("异议人"), max_length=200)
    content = models.TextField(_("异议内容"))
    received_on = models.DateField(_("收到日期"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    upheld = models.BooleanField(_("异议成立"), null=True, blank=True)
    resolution = models.TextField(_("处理意见"), blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        ordering = ["received_on", "pk"]
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")

    def __str__(self) -> str:
        return f"{self.objector}: {self.content[:30]}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class CertifiedTier(models.Model):
    platform = models.ForeignKey("platforms.Platform", verbose_name=_("平台"), on_delete=models.PROTECT,
                                 related_name="certifications")
    tier = models.CharField(_("认定层级"), max_length=16, choices=Tier.choices)
    valid_from = models.DateField(_("有效期起"))
    valid_until = models.DateField(_("有效期至"))
    application = models.ForeignKey(CertificationApplication, verbose_name=_("认定申报"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="certified_tiers")
    proposal = models.ForeignKey("ConsequenceProposal", verbose_name=_("评估处理决定"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="certified_tiers")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    revoked_on = models.DateField(_("撤销日期"), null=True, blank=True)
    revoke_reason = models.TextField(_("撤销理由"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-valid_from", "-pk"]
        verbose_name = _("认定层级")
        verbose_name_plural = _("认定层级")

    def __str__(self) -> str:
        return f"{self.platform} {self.get_tier_display()} {self.valid_from}–{self.valid_until}"


class RoundState(models.TextChoices):
    OPEN = "open", _("申报中")
    SCORED = "scored", _("已评分")
    PUBLISHED = "published", _("已发布")


class EvaluationRound(models.Model):
    region = models.ForeignKey("regions.Region", verbose_name=_("组织地区"), on_delete=models.PROTECT,
                               related_name="evaluation_rounds")
    year = models.PositiveIntegerField(_("评估年度"))
    declaration_deadline = models.DateField(_("申报截止日期"))
    state = models.CharField(_("状态"), max_length=16, choices=RoundState.choices, default=RoundState.OPEN)
    system_version = models.CharField(_("指标体系版本"), max_length=32)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    scored_at = models.DateTimeField(_("评分时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        ordering = ["-year", "region"]
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="one_round_per_region_year")]
        verbose_name = _("年度效能评估")
        verbose_name_plural = _("年度效能评估")

    def __str__(self) -> str:
        return f"{self.region.name} {self.year} 年度效能评估"


class DeclarationState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")


class EvaluationDeclaration(models.Model):
    round = models.ForeignKey(EvaluationRound, verbose_name=_("评估"), on_delete=models.PROTECT,
                              related_name="declarations")
    platform = models.ForeignKey("platforms.Platform", verbose_name=_("平台"), on_delete=models.PROTECT,
                                 related_name="evaluation_declarations")
    state = models.CharField(_("状态"), max_length=16, choices=DeclarationState.choices,
                             default=DeclarationState.DRAFT)
    values = models.JSONField(_("申报数值"), default=dict)  # {indicator code: number/bool} for declared ones
    note = models.TextField(_("情况说明"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round", "platform__name"]
        constraints = [models.UniqueConstraint(fields=["round", "platform"], name="one_declaration_per_round")]
        verbose_name = _("评估申报")
        verbose_name_plural = _("评估申报")

    def __str__(self) -> str:
        return f"{self.platform} · {self.round}"


class DeclarationEvidence(AttachmentBase):
    declaration = models.ForeignKey(EvaluationDeclaration, on_delete=models.CASCADE, related_name="evidence")

    class Meta(AttachmentBase.Meta):
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")


class ValueSource(models.TextChoices):
    SYSTEM = "system", _("系统数据")
    DECLARED = "declared", _("申报数据")


class IndicatorValue(models.Model):
    declaration = models.ForeignKey(EvaluationDeclaration, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.CharField(_("指标"), max_length=64)
    source = models.CharField(_("来源"), max_length=16, choices=ValueSource.choices)
    # The figure as collected (system) or declared; kept unchanged when a reviewer adjusts.
    original_value = models.JSONField(_("原始值"), null=True)
    value = models.JSONField(_("采用值"), null=True)
    adjusted = models.BooleanField(_("已调整"), default=False)
    adjust_reason = models.TextField(_("调整理由"), blank=True)
    adjusted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    adjusted_at = models.DateTimeField(null=True, blank=True)
    detail = models.CharField(_("取数说明"), max_length=255, blank=True)

    class Meta:
        ordering = ["declaration", "indicator"]
        constraints = [models.UniqueConstraint(fields=["declaration", "indicator"], name="one_value_per_indicator")]
        verbose_name = _("指标数值")
        verbose_name_plural = _("指标数值")

    def __str__(self) -> str:
        return f"{self.indicator}={self.value}"


class EvaluationResult(models.Model):
    round = models.ForeignKey(EvaluationRound, on_delete=models.PROTECT, related_name="results")
    platform = models.ForeignKey("platforms.Platform", on_delete=models.PROTECT, related_name="evaluation_results")
    declaration = models.OneToOneField(EvaluationDeclaration, on_delete=models.PROTECT, related_name="result")
    tier = models.CharField(_("评估时层级"), max_length=16, choices=Tier.choices)
    total = models.DecimalField(_("总分"), max_digits=6, decimal_places=2)
    grade = models.CharField(_("等次"), max_length=8)
    dimension_scores = models.JSONField(_("维度得分"), default=dict)
    trace = models.JSONField(_("计算依据"), default=dict)
    rank_in_region = models.PositiveIntegerField(_("地区排名"), null=True)
    rank_in_tier = models.PositiveIntegerField(_("同层级排名"), null=True)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round", "rank_in_region"]
        constraints = [models.UniqueConstraint(fields=["round", "platform"], name="one_result_per_round")]
        verbose_name = _("评估结果")
        verbose_name_plural = _("评估结果")

    def __str__(self) -> str:
        return f"{self.platform} {self.round.year} {self.grade}"


class ProposalKind(models.TextChoices):
    WARNING = "warning", _("预警")
    DEMOTION = "demotion", _("降档")
    REMOVAL = "removal", _("撤销认定")


class ProposalState(models.TextChoices):
    PROPOSED = "proposed", _("待决定")
    APPLIED = "applied", _("已执行")
    DISMISSED = "dismissed", _("不予执行")


class ConsequenceProposal(models.Model):
    platform = models.ForeignKey("platforms.Platform", on_delete=models.PROTECT, related_name="evaluation_proposals")
    result = models.ForeignKey(EvaluationResult, on_delete=models.PROTECT, related_name="proposals")
    kind = models.CharField(_("处理类型"), max_length=16, choices=ProposalKind.choices)
    reason = models.TextField(_("规则依据"))
    state = models.CharField(_("状态"), max_length=16, choices=ProposalState.choices, default=ProposalState.PROPOSED)
    tier_before = models.CharField(_("原层级"), max_length=16, choices=Tier.choices)
    tier_after = models.CharField(_("新层级"), max_length=16, choices=Tier.choices, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("决定理由"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("评估结果处理建议")
        verbose_name_plural = _("评估结果处理建议")

    def __str__(self) -> str:
        return f"{self.platform_id} {self.kind} ({self.state})"


class RewardState(models.TextChoices):
    RECOMMENDED = "recommended", _("建议奖励")
    NOT_ELIGIBLE = "not_eligible", _("不符合条件")
    GRANTED = "granted", _("已兑现")
    DECLINED = "declined", _("不予奖励")


class RewardRecommendation(models.Model):
    result = models.OneToOneField(EvaluationResult, on_delete=models.PROTECT, related_name="reward")
    measure = models.CharField(_("政策条款"), max_length=100)
    amount = models.PositiveBigIntegerField(_("建议金额（元）"))
    state = models.CharField(_("状态"), max_length=16, choices=RewardState.choices)
    explanation = models.TextField(_("计算说明"))
    trace = models.JSONField(_("计算依据"), default=dict)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("决定理由"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("奖励建议")
        verbose_name_plural = _("奖励建议")

    def __str__(self) -> str:
        return f"{self.measure}: {self.amount} ({self.state})"
