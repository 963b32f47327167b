"""API of core: the status of a background job (GET /api/v1/jobs/{job_id}), for clients that
start reports and poll for them."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from ninja import Router, Schema

from .api_auth import AUTH
from .jobs import job_get_for_user

router = Router(tags=["jobs"])


class JobErrorOut(Schema):
    message_zh: str
    message_en: str


class JobOut(Schema):
    id: int
    kind: str
    kind_label: str
    status: str
    status_label: str
    steps_done: int
    steps_total: int
    percent: int
    message: str
    scope: str
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    result: dict[str, Any]
    download_url: str | None
    error: JobErrorOut | None


@router.get("/jobs/{job_id}", response=JobOut, auth=AUTH,
            summary="后台任务状态 Status and progress of a background job")
def job_status(request, job_id: int):
    job = job_get_for_user(job_id=job_id, user=request.user)
    return {
        "id": job.pk, "kind": job.kind, "kind_label": str(job.get_kind_display()), "status": job.status,
        "status_label": str(job.get_status_display()), "steps_done": job.steps_done,
        "steps_total": job.steps_total, "percent": job.percent, "message": job.step_message,
        "scope": job.scope_label, "created_at": job.created_at, "started_at": job.started_at,
        "finished_at": job.finished_at, "result": job.result_summary,
        "download_url": reverse("core:job_download", args=[job.pk]) if job.has_result else None,
        "error": {"message_zh": job.error_zh, "message_en": job.error_en} if job.status == "failed" else None,
    }
