"""`pilothub expire-demands`: mark open demands past their deadline as expired (run nightly)."""

from django.core.management.base import BaseCommand

from pilothub.demands.services import demand_expire_overdue


class Command(BaseCommand):
    help = "将已过截止日期的需求标记为已过期。Mark demands past their deadline as expired."

    def handle(self, *args, **options):
        count = demand_expire_overdue()
        self.stdout.write(f"已过期需求 expired demands: {count}")
