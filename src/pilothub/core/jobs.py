"""Background jobs: long work (index rebuilds, report bundles, large PDFs) with progress in the UI.

Services and selectors of `core.BackgroundJob` (decision 1100):

- Each app declares its job kinds in its own `jobs.py` with `@register_job_kind(...)`: a
  `prepare(user, params)` that checks permission and parameters and says what the job concerns
  (a `JobScope`), and a runner `run(params, user, progress)` that calls `progress(done, total,
  message)` as it goes and returns a `JobResult` (a file and/or a summary). Core imports every
  app's `jobs.py` at start-up (`autodiscover_modules("jobs")`), so core never names the apps.
- `start_job(kind, user, **params)` checks, records the job (audit event `job_start`) and queues
  the Celery task `core.run_background_job` after commit. With CELERY_TASK_ALWAYS_EAGER (the
  embedded default) the task runs in the request that starts it; with a worker the job page polls.
  A second start of the same kind and scope while one is pending or running returns that one
  (a partial unique constraint backs the check).
- Progress goes to the cache at every call (the job page reads it, even while the runner holds a
  transaction) and to the job row whenever no transaction is open; the row gets the final figures
  when the job ends. A failed job keeps its error (Chinese and English) and no result; a runner
  marked `atomic` runs in one transaction, so its writes roll back with the failure.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from .audit import audit_record
from .errors import DomainError, forbidden, not_found
from .models import ACTIVE_JOB_STATUSES, BackgroundJob, JobKind, JobStatus

logger = logging.getLogger(__name__)

Progress = Callable[..., None]  # progress(done: int, total: int, message: str = "")


class JobAction:
    START = "job_start"


@dataclass(frozen=True)
class JobScope:
    """What a job concerns: the region whose reviewers may follow it ("" = administrators only),
    the key that makes two starts "the same job", a label for people, and the checked parameters."""

    region_path: str = ""
    key: str = ""
    label: str = ""
    parameters: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class JobResult:
    content: bytes | None = None
    filename: str = ""  # the download name shown to people
    content_type: str = "application/octet-stream"
    summary: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class JobKindSpec:
    kind: str
    prepare: Callable[..., JobScope]  # prepare(*, user, params) -> JobScope; raises DomainError
    run: Callable[..., JobResult | None]  # run(*, params, user, progress) -> JobResult | None
    # One transaction around the runner (its writes roll back if it fails). Read-only runners and
    # rebuilds that commit in their own steps opt out: on SQLite (BEGIN IMMEDIATE) a transaction
    # holds the database's write lock from its start, blocking the site's writes meanwhile.
    atomic: bool = True
    # Whether each requester gets their own job (the result depends on who asks).
    per_user: bool = False


_REGISTRY: dict[str, JobKindSpec] = {}


def register_job_kind(kind: str, *, prepare: Callable[..., JobScope], atomic: bool = True,
                      per_user: bool = False) -> Callable:
    """Decorator for a runner: `@register_job_kind(JobKind.X, prepare=...)`."""
    if kind not in JobKind.values:
        raise ValueError(f"unknown job kind {kind!r}: add it to core.models.JobKind")

    def decorator(run: Callable[..., JobResult | None]) -> Callable[..., JobResult | None]:
        _REGISTRY[kind] = JobKindSpec(kind=kind, prepare=prepare, run=run, atomic=atomic, per_user=per_user)
        return run

    return decorator


def job_kind_spec(kind: str) -> JobKindSpec:
    spec = _REGISTRY.get(kind)
    if spec is None:
        raise not_found("任务类型", "Job kind")
    return spec


def stale_after() -> datetime.timedelta:
    """A pending/running job older than this is taken as lost (its worker died) when the same
    job is started again."""
    return datetime.timedelta(hours=getattr(settings, "PILOTHUB_JOB_STALE_HOURS", 6))


def _progress_key(job_id: int) -> str:
    return f"core:job-progress:{job_id}"


# --- services ---------------------------------------------------------------------------------

def start_job(kind: str, user, /, **params: Any) -> BackgroundJob:
    """Check, record and queue a job; returns it (or the same kind+scope job already under way,
    marked `already_running`). Raises DomainError (nothing recorded) when refused."""
    if not getattr(user, "is_authenticated", False):
        raise forbidden("发起后台任务", "start background jobs")
    spec = job_kind_spec(kind)
    scope = spec.prepare(user=user, params=params)
    key = f"{scope.key}|u{user.pk}" if spec.per_user else scope.key
    now = timezone.now()
    active = BackgroundJob.objects.filter(kind=kind, scope_key=key, status__in=ACTIVE_JOB_STATUSES)
    active.filter(created_at__lt=now - stale_after()).update(
        status=JobStatus.FAILED, finished_at=now, error_zh="任务长时间未完成，已视为中断，请重新发起",
        error_en="The job did not finish in time and was taken as lost; start it again")
    for _attempt in range(3):
        try:
            with transaction.atomic():
                job = BackgroundJob.objects.create(
                    kind=kind, requested_by=user, parameters=scope.parameters, scope_region_path=scope.region_path,
                    scope_key=key, scope_label=scope.label[:255])
                audit_record(actor=user, action=JobAction.START, obj=job, region_path=scope.region_path,
                             after={"kind": kind, "parameters": scope.parameters, "scope": scope.label})
        except IntegrityError:
            running = active.first()
            if running is None:  # it finished between the insert and this read: try again
                continue
            running.already_running = True  # type: ignore[attr-defined]
            return running
        transaction.on_commit(functools.partial(_enqueue, job.pk))
        job.already_running = False  # type: ignore[attr-defined]
        return job
    raise DomainError("job_busy", "任务繁忙，请稍后再试", "The job is busy; try again shortly", status_code=409)


def _enqueue(job_id: int) -> None:
    from .tasks import run_background_job

    try:
        run_background_job.delay(job_id)
    except Exception:  # the broker is down: say so on the job page instead of a 500 after commit
        if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
            raise
        logger.exception("could not queue background job %s", job_id)
        BackgroundJob.objects.filter(pk=job_id, status=JobStatus.PENDING).update(
            status=JobStatus.FAILED, finished_at=timezone.now(), error_zh="无法提交到任务队列，请稍后重试或联系管理员",
            error_en="The job could not be queued; retry later or contact the administrator")


def _in_transaction() -> bool:
    return connection.in_atomic_block


class _Tracker:
    """The progress callback handed to a runner."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.done = 0
        self.total = 0
        self.message = ""

    def __call__(self, done: int, total: int, message: str = "") -> None:
        self.total = max(0, int(total))
        self.done = max(0, int(done))
        self.message = str(message)[:255]
        cache.set(_progress_key(self.job_id), (self.done, self.total, self.message), timeout=24 * 3600)
        if not _in_transaction():
            # Outside a transaction the row is the record; inside one, an update would stay
            # invisible (and hold the row lock) until commit, so the cache carries it meanwhile.
            BackgroundJob.objects.filter(pk=self.job_id).update(
                steps_done=self.done, steps_total=self.total, step_message=self.message)


def job_execute(*, job_id: int) -> str:
    """Run one job (the Celery task's body); returns its final status."""
    claimed = BackgroundJob.objects.filter(pk=job_id, status=JobStatus.PENDING).update(
        status=JobStatus.RUNNING, started_at=timezone.now())
    job = BackgroundJob.objects.select_related("requested_by").filter(pk=job_id).first()
    if job is None:
        return "missing"
    if not claimed:  # another worker took it, or it was already finished
        return job.status
    tracker = _Tracker(job.pk)
    try:
        spec = job_kind_spec(job.kind)
        with transaction.atomic() if spec.atomic else contextlib.nullcontext():
            result = spec.run(params=dict(job.parameters), user=job.requested_by or AnonymousUser(),
                                  progress=tracker)
    except Exception as error:  # noqa: BLE001 — the job page must say it failed, not spin forever
        if isinstance(error, DomainError):
            message_zh, message_en = error.message_zh, error.message_en
        else:
            logger.exception("background job %s (%s) failed", job.pk, job.kind)
            message_zh = "任务执行时发生内部错误，请联系管理员"
            message_en = "The job failed with an internal error; contact the administrator"
        BackgroundJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, finished_at=timezone.now(), error_zh=message_zh, error_en=message_en,
            steps_done=tracker.done, steps_total=tracker.total, step_message=tracker.message)
        cache.delete(_progress_key(job.pk))
        return JobStatus.FAILED
    try:
        _finish(job, result, tracker)
    except Exception:  # noqa: BLE001 — e.g. the disk is full: the job failed, it is not "running"
        logger.exception("could not store the result of background job %s", job.pk)
        BackgroundJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, finished_at=timezone.now(), error_zh="无法保存任务结果，请联系管理员",
            error_en="The job's result could not be stored; contact the administrator")
        return JobStatus.FAILED
    finally:
        cache.delete(_progress_key(job.pk))
    return JobStatus.DONE


def _finish(job: BackgroundJob, result: JobResult | None, tracker: _Tracker) -> None:
    job.steps_done, job.steps_total, job.step_message = tracker.done, tracker.total, tracker.message
    fields = ["status", "finished_at", "steps_done", "steps_total", "step_message"]
    if result is not None:
        job.result_summary = result.summary
        fields.append("result_summary")
        if result.content is not None:
            suffix = "." + result.filename.rsplit(".", 1)[-1].lower() if "." in result.filename else ""
            job.result_file.save(f"{uuid.uuid4().hex}{suffix[:10]}", ContentFile(result.content), save=False)
            job.result_name = result.filename[:255]
            job.result_content_type = result.content_type
            job.result_size = len(result.content)
            fields += ["result_file", "result_name", "result_content_type", "result_size"]
    job.status = JobStatus.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=fields)


# --- selectors --------------------------------------------------------------------------------

def _visible_q(user) -> Q:
    """Requester, administrators, and reviewers whose region contains the job's region."""
    if user.is_system_admin:
        return Q()
    visible = Q(requested_by=user)
    if user.is_reviewer:
        visible |= Q(scope_region_path__startswith=user.region.path) & ~Q(scope_region_path="")
    return visible


def job_list_for_user(*, user, kinds: list[str] | None = None) -> QuerySet[BackgroundJob]:
    """The jobs page: one's own jobs; administrators see every job."""
    if not getattr(user, "is_authenticated", False):
        raise forbidden("查看后台任务", "see background jobs")
    queryset = BackgroundJob.objects.select_related("requested_by")
    if not user.is_system_admin:
        queryset = queryset.filter(requested_by=user)
    if kinds:
        queryset = queryset.filter(kind__in=kinds)
    return queryset.order_by("-created_at", "-id")


def job_get_for_user(*, job_id: int, user) -> BackgroundJob:
    """The one gate for a job (page, progress fragment, download, API), with live progress."""
    job = None
    if getattr(user, "is_authenticated", False):
        job = BackgroundJob.objects.select_related("requested_by").filter(_visible_q(user), pk=job_id).first()
    if job is None:
        raise not_found("后台任务", "Background job")
    return job_with_live_progress(job)


def job_with_live_progress(job: BackgroundJob) -> BackgroundJob:
    """The job with the progress its runner reported last (the cache is ahead of the row while
    the runner works inside a transaction)."""
    if job.status == JobStatus.RUNNING:
        live = cache.get(_progress_key(job.pk))
        if live:
            job.steps_done, job.steps_total, job.step_message = live
    return job


def job_error_message(job: BackgroundJob) -> str:
    from django.utils import translation

    language = translation.get_language() or "zh-hans"
    return job.error_en if language.startswith("en") and job.error_en else job.error_zh
