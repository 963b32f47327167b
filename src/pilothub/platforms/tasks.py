"""Background tasks of the registry. Schedule with Celery beat (settings CELERY_BEAT_SCHEDULE):
    "platform-freshness-reminders": {"task": "platforms.freshness_reminders",
                                     "schedule": crontab(hour=8, minute=30)},
In the embedded (eager) setup, run `pilothub freshness-reminders` from cron instead.
"""

from __future__ import annotations

from celery import shared_task

from .freshness import freshness_send_reminders


@shared_task(name="platforms.freshness_reminders")
def freshness_reminders() -> int:
    """Daily: remind operators before their listings' confirmation deadlines (idempotent)."""
    return freshness_send_reminders()
