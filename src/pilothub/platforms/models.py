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


# --- Pilot-line capabilities and structured accreditation scope (issue 11) ---------------------
# Vocabularies and unit factors live in platforms/capabilities.py (decision 0306); the rows keep
# the amount as entered and the same amount in the base unit of its dimension, so filters and
# matching compare numbers without converting.


class ProcessStep(models.TextChoices):
    """The stages a pilot line serves, in the words of the seed policies (中试平台主要功能)."""

    TECH_MATURATION = "tech_maturation", _("技术熟化")
    PROCESS_IMPROVEMENT = "process_improvement", _("性能工艺改进")
    SCALE_UP = "scale_up", _("工艺放大")
    PROCESS_VALIDATION = "process_validation", _("工艺验证")
    SAMPLE_TRIAL = "sample_trial", _("样品试制")
    SMALL_BATCH = "small_batch", _("小批量试产")
    TYPE_TEST = "type_test", _("产品型式试验")
    RELIABILITY = "reliability", _("可靠性验证")


class ScaleDimension(models.TextChoices):
    VOLUME = "volume", _("体积")
    MASS = "mass", _("质量")
    AREA = "area", _("面积")
    COUNT = "count", _("数量")


class GmpStatus(models.TextChoices):
    NONE = "", _("无")
    DESIGNED = "designed", _("按 GMP 要求设计建设")
    INSPECTED = "inspected", _("通过 GMP 符合性检查")


class PilotLine(models.Model):
    """One line or process unit of a platform: what step it serves, how large, how clean."""

    platform = models.ForeignKey(Platform, verbose_name=_("平台"), on_delete=models.CASCADE,
                                 related_name="pilot_lines")
    name = models.CharField(_("产线/工艺名称"), max_length=200)
    process_step = models.CharField(_("工艺环节"), max_length=32, choices=ProcessStep.choices, db_index=True)
    description = models.TextField(_("说明"), blank=True)
    scale_value = models.DecimalField(_("规模/批量"), max_digits=14, decimal_places=3, null=True, blank=True)
    scale_unit = models.CharField(_("单位"), max_length=16, blank=True)
    scale_dimension = models.CharField(_("量纲"), max_length=8, choices=ScaleDimension.choices, blank=True,
                                       db_index=True)
    # scale_value converted to the base unit of its dimension (L, kg, m², 件); set by the service.
    scale_base = models.FloatField(_("规模（基本单位）"), null=True, blank=True, db_index=True)
    # ISO 14644-1 / GB 50073-2013 air-cleanliness class N (5 = 百级 … 8 = 十万级); null = none.
    cleanroom_class = models.PositiveSmallIntegerField(_("洁净度等级（ISO/GB 50073 N级）"), null=True, blank=True)
    gmp_status = models.CharField(_("GMP 状态"), max_length=16, choices=GmpStatus.choices, blank=True, default="")
    is_active = models.BooleanField(_("在用"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["platform", "process_step", "name"]
        indexes = [models.Index(fields=["scale_dimension", "scale_base"])]
        verbose_name = _("中试产线")
        verbose_name_plural = _("中试产线")

    def __str__(self) -> str:
        return self.name


class HazardPermitKind(models.TextChoices):
    HAZCHEM_PRODUCTION = "hazchem_production", _("危险化学品安全生产许可证")
    HAZCHEM_USE = "hazchem_use", _("危险化学品安全使用许可证")
    HAZCHEM_BUSINESS = "hazchem_business", _("危险化学品经营许可证")
    KEY_HAZARD_PROCESS = "key_hazard_process", _("重点监管危险化工工艺")
    PRECURSOR = "precursor", _("易制毒化学品许可/备案")
    RADIATION = "radiation", _("辐射安全许可证")
    BIOSAFETY = "biosafety", _("病原微生物实验室备案")
    OTHER = "other", _("其他许可")


class HazardPermit(models.Model):
    """A hazardous-process permit (危险化学品安全生产许可, 重点监管危险化工工艺 …) of a platform."""

    platform = models.ForeignKey(Platform, verbose_name=_("平台"), on_delete=models.CASCADE,
                                 related_name="hazard_permits")
    line = models.ForeignKey(PilotLine, verbose_name=_("适用产线"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="hazard_permits")
    kind = models.CharField(_("许可类型"), max_length=32, choices=HazardPermitKind.choices)
    processes = models.CharField(_("许可工艺/范围"), max_length=255, blank=True)
    number = models.CharField(_("许可证编号"), max_length=64, blank=True)
    issued_on = models.DateField(_("发证日期"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)

    class Meta:
        ordering = ["platform", "kind"]
        verbose_name = _("危险工艺许可")
        verbose_name_plural = _("危险工艺许可")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()

    def is_valid_on(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return (self.issued_on is None or self.issued_on <= day) and (self.valid_until is None
                                                                     or day <= self.valid_until)


class AccreditationScopeItem(models.Model):
    """One line of a CMA/CNAS certificate's scope annex: object, parameter, method standard."""

    qualification = models.ForeignKey(Qualification, verbose_name=_("资质"), on_delete=models.CASCADE,
                                      related_name="scope_items")
    category = models.CharField(_("检测对象/类别"), max_length=128)
    parameter = models.CharField(_("项目/参数"), max_length=128, blank=True)
    standard = models.CharField(_("依据标准/方法"), max_length=255, blank=True)
    limitation = models.CharField(_("限制范围"), max_length=255, blank=True)

    class Meta:
        ordering = ["qualification", "category", "parameter"]
        verbose_name = _("资质认可范围条目")
        verbose_name_plural = _("资质认可范围条目")

    def __str__(self) -> str:
        return " ".join(p for p in (self.category, self.parameter, self.standard) if p)


class FreshnessReminder(models.Model):
    """A freshness reminder sent for one confirmation deadline (one row per platform, deadline and
    stage, so the daily task never sends the same reminder twice)."""

    platform = models.ForeignKey(Platform, verbose_name=_("平台"), on_delete=models.CASCADE,
                                 related_name="freshness_reminders")
    deadline = models.DateField(_("确认截止日"))
    stage = models.CharField(_("提醒阶段"), max_length=32)
    sent_at = models.DateTimeField(_("发送时间"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("收件人数"), default=0)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["platform", "deadline", "stage"],
                                               name="unique_freshness_reminder")]
        verbose_name = _("信息更新提醒")
        verbose_name_plural = _("信息更新提醒")

    def __str__(self) -> str:
        return f"{self.platform_id} {self.deadline} {self.stage}"
# --- Import jobs and published supply lists (供给清单) -------------------------------------------


class ImportJobStatus(models.TextChoices):
    PENDING = "pending", _("排队中")
    CHECKING = "checking", _("正在检查")
    WRITING = "writing", _("正在写入")
    DONE = "done", _("已完成")
    INVALID = "invalid", _("有错误，未导入")
    FAILED = "failed", _("处理失败")


class ImportJob(models.Model):
    """One upload of a platform file, checked (and, if valid, imported) by a background task."""

    created_by = models.ForeignKey("accounts.User", verbose_name=_("导入人"), on_delete=models.PROTECT,
                                   related_name="+")
    filename = models.CharField(_("文件名"), max_length=255)
    # The upload itself (size-limited by importing.MAX_FILE_BYTES), so a worker process can read it.
    content = models.BinaryField(_("文件内容"))
    coordinate_system = models.CharField(_("坐标系"), max_length=8, default="wgs84")
    dry_run = models.BooleanField(_("仅检查"), default=False)
    status = models.CharField(_("状态"), max_length=16, choices=ImportJobStatus.choices,
                              default=ImportJobStatus.PENDING)
    rows_total = models.PositiveIntegerField(_("数据行数"), default=0)
    rows_checked = models.PositiveIntegerField(_("已检查行数"), default=0)
    report = models.JSONField(_("结果"), default=dict, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("平台导入任务")
        verbose_name_plural = _("平台导入任务")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportJobStatus.DONE, ImportJobStatus.INVALID, ImportJobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.is_finished:
            return 100
        return int(100 * self.rows_checked / self.rows_total) if self.rows_total else 0


class SupplyListImmutableError(Exception):
    """A published supply list is never changed or removed."""


class SupplyListQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise SupplyListImmutableError("published supply lists cannot be changed")

    def delete(self):
        raise SupplyListImmutableError("published supply lists cannot be deleted")


class SupplyListRelease(models.Model):
    """A dated, immutable snapshot of a region's approved registry (供给清单)."""

    region = models.ForeignKey("regions.Region", verbose_name=_("地区"), on_delete=models.PROTECT,
                               related_name="supply_lists")
    sequence = models.PositiveIntegerField(_("期数"))
    release_date = models.DateField(_("发布日期"))
    title = models.CharField(_("标题"), max_length=200)
    note = models.TextField(_("说明"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), default=timezone.now)
    published_by = models.ForeignKey("accounts.User", verbose_name=_("发布人"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    publisher_name = models.CharField(_("发布人姓名"), max_length=150, blank=True)
    previous = models.ForeignKey("self", verbose_name=_("上一期"), null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    platform_count = models.PositiveIntegerField(_("平台数"))
    # [{"platform_id": 1, "contact_visibility": "public", "row": {header: text, ...}}, ...] sorted by name.
    entries = models.JSONField(_("清单内容"))
    # {"added": [...], "removed": [...], "changed": [{"platform_id", "name", "fields": [...]}]}
    diff = models.JSONField(_("与上一期比较"), default=dict)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    objects = SupplyListQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["region", "sequence"], name="unique_supply_list_sequence")]
        verbose_name = _("供给清单")
        verbose_name_plural = _("供给清单")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise SupplyListImmutableError("published supply lists cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise SupplyListImmutableError("published supply lists cannot be deleted")
# --------------------------------------------------------------------------- editing workflow
# Operators' edits to a published platform wait here until a reviewer of the platform's region
# approves them (docs/decisions/0303-registry-change-review.md). The Platform row keeps the
# approved, public version until then.


class ChangeRequestKind(models.TextChoices):
    UPDATE = "update", _("信息变更")
    PUBLISH = "publish", _("发布申请")


class ChangeRequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已通过")
    RETURNED = "returned", _("已退回")
    WITHDRAWN = "withdrawn", _("已撤回")


class PlatformChangeRequest(models.Model):
    platform = models.ForeignKey(Platform, verbose_name=_("平台"), on_delete=models.CASCADE,
                                 related_name="change_requests")
    kind = models.CharField(_("类型"), max_length=16, choices=ChangeRequestKind.choices,
                            default=ChangeRequestKind.UPDATE)
    status = models.CharField(_("状态"), max_length=16, choices=ChangeRequestStatus.choices,
                              default=ChangeRequestStatus.SUBMITTED, db_index=True)
    # {field: new value}, JSON-ready (many-to-many fields as sorted lists of codes,
    # qualifications as a list of dicts). Only fields that differ from the approved version.
    changes = models.JSONField(_("变更内容"), default=dict, blank=True)
    # {field: approved value when the request was submitted}, to flag fields changed since.
    base = models.JSONField(_("提交时的原值"), default=dict, blank=True)
    submitted_by = models.ForeignKey("accounts.User", verbose_name=_("提交人"), null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    reviewed_by = models.ForeignKey("accounts.User", verbose_name=_("审核人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_note = models.TextField(_("审核意见"), blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["platform"], condition=models.Q(status="submitted"),
                                               name="one_open_change_request_per_platform")]
        verbose_name = _("平台变更申请")
        verbose_name_plural = _("平台变更申请")

    def __str__(self) -> str:
        return f"{self.platform} {self.get_kind_display()} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == ChangeRequestStatus.SUBMITTED


class FieldChangeAction(models.TextChoices):
    CREATE = "create", _("新增")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")


class PlatformFieldChange(models.Model):
    """One field of a platform (or of one of its equipment / services / experts) changed."""

    platform = models.ForeignKey(Platform, verbose_name=_("平台"), on_delete=models.CASCADE,
                                 related_name="field_changes")
    # "platform", "equipment", "test_service", "expert", "pilot_line", "hazard_permit", "scope_item"
    object_type = models.CharField(_("对象类型"), max_length=32, default="platform")
    object_id = models.PositiveBigIntegerField(_("对象编号"), null=True, blank=True)
    object_label = models.CharField(_("对象名称"), max_length=255, blank=True)
    action = models.CharField(_("操作"), max_length=16, choices=FieldChangeAction.choices,
                              default=FieldChangeAction.UPDATE)
    field = models.CharField(_("字段"), max_length=64)
    old = models.JSONField(_("原值"), null=True, blank=True)
    new = models.JSONField(_("新值"), null=True, blank=True)
    changed_by = models.ForeignKey("accounts.User", verbose_name=_("修改人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    changed_by_name = models.CharField(_("修改人姓名"), max_length=150, blank=True)
    changed_at = models.DateTimeField(_("修改时间"), default=timezone.now, db_index=True)
    change_request = models.ForeignKey(PlatformChangeRequest, verbose_name=_("变更申请"), null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="field_changes")

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["platform", "-changed_at"])]
        verbose_name = _("字段修改记录")
        verbose_name_plural = _("字段修改记录")

    def __str__(self) -> str:
        return f"{self.platform_id} {self.object_type}.{self.field}"


# --- wrong-listing reports (信息纠错, issue 11) -------------------------------------------------


class ListingReportKind(models.TextChoices):
    WRONG_PHONE = "wrong_phone", _("电话/联系方式错误")
    CLOSED = "closed", _("平台已关闭或停止服务")
    WRONG_SERVICE = "wrong_service", _("服务内容不符")
    OTHER = "other", _("其他")


class ListingReportStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    FIXED = "fixed", _("已更正")
    REJECTED = "rejected", _("不予采纳")


class ListingReport(models.Model):
    """Someone (logged in or not) says a platform's listing is wrong; the operator or a reviewer of
    the platform's region resolves it."""

    platform = models.ForeignKey(Platform, verbose_name=_("平台"), on_delete=models.CASCADE,
                                 related_name="listing_reports")
    kind = models.CharField(_("问题类型"), max_length=16, choices=ListingReportKind.choices)
    reason = models.TextField(_("说明"))
    reporter = models.ForeignKey("accounts.User", verbose_name=_("报告人"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    # Rate limiting and duplicate detection without storing an address: a keyed hash of the
    # user id (logged in) or of the client address (anonymous).
    reporter_key = models.CharField(_("报告来源摘要"), max_length=64, db_index=True)
    contact = models.CharField(_("联系方式（选填）"), max_length=100, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=ListingReportStatus.choices,
                              default=ListingReportStatus.OPEN, db_index=True)
    created_at = models.DateTimeField(_("报告时间"), default=timezone.now, db_index=True)
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    resolved_by = models.ForeignKey("accounts.User", verbose_name=_("处理人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    resolution_note = models.TextField(_("处理说明"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["platform", "status"])]
        verbose_name = _("信息纠错")
        verbose_name_plural = _("信息纠错")

    def __str__(self) -> str:
        return f"{self.platform_id} {self.kind} {self.status}"
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
