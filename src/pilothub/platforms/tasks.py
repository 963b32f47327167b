"""Background work of the registry (eager by default: it runs in the calling process)."""

from __future__ import annotations

from pilothub.celery import app


@app.task(name="platforms.import_job_run")
def import_job_run(job_id: int) -> str:
    from .importing import import_job_execute

    return import_job_execute(job_id=job_id)
