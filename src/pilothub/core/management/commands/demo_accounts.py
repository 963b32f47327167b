from django.core.management.base import BaseCommand

from pilothub.accounts.demo import DEMO_PASSWORD
from pilothub.accounts.models import User


class Command(BaseCommand):
    help = "列出演示账号。List the demo accounts."

    def handle(self, *args, **options):
        self.stdout.write("\n中试通 PilotHub 演示环境：http://127.0.0.1:8000/")
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）Demo accounts (password {DEMO_PASSWORD}):")
        for user in User.objects.filter(username__startswith="demo-").select_related("organisation", "region").order_by("username"):
            where = user.region.name if user.region else (user.organisation.name if user.organisation else "")
            self.stdout.write(f"  {user.username:<20} {user.get_role_display():<8} {where}")
        self.stdout.write("")
