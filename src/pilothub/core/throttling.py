"""API rate limits: a sliding window per API token, else per user, else per client address.

Reads (GET/HEAD/OPTIONS) and writes have separate budgets, writes the smaller one. Rates come
from settings at request time (PILOTHUB_API_RATE_READ / _WRITE, "N/period"), so a deployment or
a test can change them without re-creating the API. An exceeded limit is a 429 with Retry-After
and the usual error body (see pilothub.api).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from ninja.throttling import BaseThrottle, SimpleRateThrottle

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def client_identity(request) -> str:
    """Whose budget a request spends: the token (hashed), the user, or the address."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if getattr(request, "api_token_authenticated", False) and header:
        return "token:" + hashlib.sha256(header.encode()).hexdigest()[:32]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{BaseThrottle().get_ident(request) or 'unknown'}"


class ApiRateThrottle(SimpleRateThrottle):
    """One of the two budgets; `kind` is "read" or "write"."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.scope = f"api_{kind}"
        super().__init__(rate=self._configured_rate())

    def _configured_rate(self) -> str:
        return getattr(settings, f"PILOTHUB_API_RATE_{self.kind.upper()}")

    def allow_request(self, request) -> bool:
        if not getattr(settings, "PILOTHUB_API_THROTTLE_ENABLED", True):
            return True
        is_read = request.method in SAFE_METHODS
        if is_read != (self.kind == "read"):
            return True
        self.rate = self._configured_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_identity(request)}


def api_throttles() -> list[BaseThrottle]:
    return [ApiRateThrottle("read"), ApiRateThrottle("write")]
