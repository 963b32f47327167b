"""`pilothub freshness-reminders`: send the listing-confirmation reminders due today (run daily
from cron in the embedded setup; Celery beat runs `platforms.freshness_reminders` otherwise)."""

from django.core.management.base import BaseCommand

from pilothub.platforms.freshness import freshness_send_reminders


class Command(BaseCommand):
    help = "发送平台信息确认提醒（幂等）。Send listing-confirmation reminders due today (idempotent)."

    def handle(self, *args, **options):
        count = freshness_send_reminders()
        self.stdout.write(f"已提醒平台 platforms reminded: {count}")
