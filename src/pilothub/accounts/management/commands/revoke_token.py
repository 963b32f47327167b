from django.core.management.base import BaseCommand, CommandError

from pilothub.accounts.models import ApiToken
from pilothub.accounts.tokens import _hash, api_token_revoke


class Command(BaseCommand):
    help = "吊销 API 令牌（给出完整令牌或其前缀）。Revoke an API token, given the token or its prefix."

    def add_arguments(self, parser):
        parser.add_argument("token")

    def handle(self, *args, **options):
        value = options["token"].strip()
        tokens = list(ApiToken.objects.filter(key_hash=_hash(value))) or list(ApiToken.objects.filter(prefix=value[:10], revoked_at__isnull=True))
        if len(tokens) != 1:
            raise CommandError("找不到唯一对应的令牌 (no single token matches)")
        api_token_revoke(token=tokens[0], actor=tokens[0].user)
        self.stdout.write(f"已吊销 revoked: {tokens[0].prefix}…")
