"""Background tasks of the core app."""

from celery import shared_task


@shared_task(name="pilothub.core.ping")
def ping() -> str:
    """Used by readiness checks and the production-stack test to prove a worker consumes tasks."""
    return "pong"
