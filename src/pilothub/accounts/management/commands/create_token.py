from django.core.management.base import BaseCommand, CommandError

from pilothub.accounts.models import User
from pilothub.accounts.tokens import api_token_create


class Command(BaseCommand):
    help = "为用户生成个人 API 令牌并打印（只显示这一次）。Create a personal API token for USERNAME and print it."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="令牌用途 what the token is for")

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"用户不存在 (no such user): {options['username']}")
        if not user.is_active:
            raise CommandError(f"用户已停用 (user is inactive): {user.username}")
        _token, plain = api_token_create(user=user, name=options["name"] or "command line")
        self.stdout.write(plain)
