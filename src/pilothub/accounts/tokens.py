"""Personal API tokens: random, shown once, stored as SHA-256, revocable."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from pilothub.core.audit import AuditAction, audit_record

from .models import ApiToken, User

TOKEN_PREFIX = "ph_"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str = "", actor: User | None = None) -> tuple[ApiToken, str]:
    """Returns the stored token and the plain token (the only time it is available)."""
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name[:100], key_hash=_hash(plain), prefix=plain[:10])
    audit_record(actor=actor or user, action=AuditAction.TOKEN_CREATE, obj=token,
                 after={"user": user.username, "name": token.name, "prefix": token.prefix})
    return token, plain


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action=AuditAction.TOKEN_REVOKE, obj=token,
                     after={"user": token.user.username, "prefix": token.prefix})
    return token


def api_token_authenticate(plain: str) -> User | None:
    """The active user behind a token, or None for an unknown, revoked or inactive one."""
    if not plain.startswith(TOKEN_PREFIX):
        return None
    token = (ApiToken.objects.select_related("user", "user__organisation", "user__region")
             .filter(key_hash=_hash(plain), revoked_at__isnull=True).first())
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    # Write the last-use time at most once a minute per token: cheap and still useful.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
