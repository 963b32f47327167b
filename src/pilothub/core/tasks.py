"""Background tasks of the core app."""

from celery import shared_task

from pilothub.celery import app


@shared_task(name="pilothub.core.ping")
def ping() -> str:
    """Used by readiness checks and the production-stack test to prove a worker consumes tasks."""
    return "pong"


# Bound to the project's Celery app (settings CELERY_*), so eager mode applies without a broker.
@app.task(name="core.run_background_job")
def run_background_job(job_id: int) -> str:
    """Run one BackgroundJob (see core.jobs); progress and result are written on its row."""
    from .jobs import job_execute

    return job_execute(job_id=job_id)
