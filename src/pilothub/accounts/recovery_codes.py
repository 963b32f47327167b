"""Keyed hashes of the one-time recovery codes (no Django models here, so migrations can use it).

A recovery code gets past the second factor, so the database must not hold it: whoever reads a
backup, a replica or the tables (a DBA) would otherwise be able to log in as a reviewer. Only
HMAC-SHA256(code) keyed with a key derived from SECRET_KEY is stored; the database alone does not
allow checking a guess. A fast keyed hash (not PBKDF2) is deliberate: each login compares a code
with up to ten stored hashes, and the key, not the work factor, is what protects the 40-bit codes.
Decision: docs/decisions/1001-two-factor-and-password-expiry.md.
"""

from __future__ import annotations

import base64
import hmac
import re
import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

KEY_SALT = "pilothub.accounts.recovery-code"
CODE_BYTES = 5  # 40 bits: 8 base32 characters


def recovery_code_new() -> str:
    """8 lowercase base32 characters (the format django-otp's StaticToken used before)."""
    return base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode().lower()


def recovery_code_normalise(code: str) -> str:
    """Case, spaces and dashes do not matter when a code is typed."""
    return re.sub(r"[\s-]", "", code or "").lower()


def recovery_code_hash(code: str, *, secret: str | bytes | None = None) -> str:
    """64 hex characters: HMAC-SHA256 of the normalised code, keyed from SECRET_KEY (or `secret`)."""
    return salted_hmac(KEY_SALT, recovery_code_normalise(code), secret=secret, algorithm="sha256").hexdigest()


def recovery_code_candidates(code: str) -> list[str]:
    """The code's hash under SECRET_KEY and every SECRET_KEY_FALLBACKS entry, so codes issued
    before a key rotation keep working while the old key is listed as a fallback."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [recovery_code_hash(code, secret=key) for key in keys]


def recovery_code_matches(stored_hash: str, candidates: list[str]) -> bool:
    """Constant-time comparison with every candidate (no early exit on the first match)."""
    found = False
    for candidate in candidates:
        found |= hmac.compare_digest(stored_hash, candidate)
    return found
