"""Celery tasks. Schedule `demands.expire_overdue` daily with Celery beat, e.g.
CELERY_BEAT_SCHEDULE = {"expire-demands": {"task": "demands.expire_overdue", "schedule": crontab(hour=0, minute=10)}}.
"""

from celery import shared_task

from .services import demand_expire_overdue


@shared_task(name="demands.expire_overdue")
def expire_overdue_demands() -> int:
    return demand_expire_overdue()
