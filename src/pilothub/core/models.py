"""The append-only audit trail shared by every app."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAppendOnlyError(Exception):
    """Audit events are never changed or removed."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditAppendOnlyError("audit events cannot be updated")

    def delete(self):
        raise AuditAppendOnlyError("audit events cannot be deleted")


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    # Kept apart from the FK so the trail still names who acted after an account is removed.
    actor_username = models.CharField(_("操作人账号"), max_length=150, blank=True)
    action = models.CharField(_("操作"), max_length=64, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=100, db_index=True)
    object_id = models.CharField(_("对象编号"), max_length=64, db_index=True)
    object_repr = models.CharField(_("对象"), max_length=255, blank=True)
    # Copied from the record's region so reviewers can browse their region with a prefix match.
    region_path = models.CharField(max_length=255, blank=True, db_index=True)
    before = models.JSONField(_("修改前"), null=True, blank=True)
    after = models.JSONField(_("修改后"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)
    # Each event hashes the previous one, so a removed or edited row breaks the chain.
    previous_hash = models.CharField(max_length=64, blank=True)
    event_hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        indexes = [models.Index(fields=["object_type", "object_id", "id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditAppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditAppendOnlyError("audit events cannot be deleted")

    def changed_fields(self) -> list[tuple[str, object, object]]:
        before = self.before or {}
        after = self.after or {}
        keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
        return [(key, before.get(key), after.get(key)) for key in keys if before.get(key) != after.get(key)]


class Notification(models.Model):
    """An in-site notification; e-mail copies are sent by core.notifications.notify."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE,
                                  related_name="notifications")
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("站内通知")
        verbose_name_plural = _("站内通知")

    def __str__(self) -> str:
        return self.title


class JobKind(models.TextChoices):
    """The kinds of background job; each has a runner registered in its app's `jobs.py`."""

    MATCH_INDEX_REBUILD = "match_index_rebuild", _("重建匹配索引")
    SEARCH_INDEX_REBUILD = "search_index_rebuild", _("重建全文检索索引")
    EVALUATION_ROUND_REPORTS = "evaluation_round_reports", _("年度评估报告打包（ZIP）")
    SUPPLY_LIST_PDF = "supply_list_pdf", _("供给清单 PDF")


class JobStatus(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


ACTIVE_JOB_STATUSES = (JobStatus.PENDING, JobStatus.RUNNING)


def job_result_upload_to(instance: BackgroundJob, filename: str) -> str:
    # The stored name never comes from a user: core.jobs passes "<uuid>.<ext>".
    return f"jobs/{filename}"


class BackgroundJob(models.Model):
    """A long piece of work (index rebuild, report bundle, PDF) run by a Celery task, with its
    progress, its result file or its error (decision 1100)."""

    kind = models.CharField(_("任务类型"), max_length=40, choices=JobKind.choices)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    parameters = models.JSONField(_("参数"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=JobStatus.choices, default=JobStatus.PENDING)
    steps_done = models.PositiveIntegerField(_("已完成步数"), default=0)
    steps_total = models.PositiveIntegerField(_("总步数"), default=0)
    step_message = models.CharField(_("当前步骤"), max_length=255, blank=True)
    # What the job concerns, so object permissions can be checked: the region's materialised path
    # ("" = the whole system: administrators only), a key for "the same job" (kind + scope_key)
    # and a label for people.
    scope_region_path = models.CharField(_("地区路径"), max_length=255, blank=True, db_index=True)
    scope_key = models.CharField(_("范围"), max_length=100, blank=True)
    scope_label = models.CharField(_("对象"), max_length=255, blank=True)
    result_file = models.FileField(_("结果文件"), upload_to=job_result_upload_to, max_length=255, blank=True)
    result_name = models.CharField(_("下载文件名"), max_length=255, blank=True)
    result_content_type = models.CharField(_("文件格式"), max_length=100, blank=True)
    result_size = models.PositiveBigIntegerField(_("大小（字节）"), default=0)
    result_summary = models.JSONField(_("结果摘要"), default=dict, blank=True)
    error_zh = models.TextField(_("错误信息"), blank=True)
    error_en = models.TextField(_("错误信息（英文）"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        constraints = [
            # At most one pending/running job per kind and scope: a second start returns the first.
            models.UniqueConstraint(fields=["kind", "scope_key"],
                                    condition=models.Q(status__in=["pending", "running"]),
                                    name="core_one_active_job_per_kind_scope"),
        ]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self) -> str:
        label = f" · {self.scope_label}" if self.scope_label else ""
        return f"{self.get_kind_display()}{label} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.steps_total:
            return 0
        return min(100, int(100 * self.steps_done / self.steps_total))

    @property
    def has_result(self) -> bool:
        return self.status == JobStatus.DONE and bool(self.result_file)
