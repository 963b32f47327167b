"""System checks for deployment settings (run by `pilothub check`, and at every server start)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register

PROCESS_LOCAL_CACHES = frozenset({
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
})


@register(Tags.caches)
def check_shared_cache(app_configs=None, **kwargs) -> list[Warning]:
    """Production counts API rate limits in the default cache: a process-local cache gives every
    gunicorn worker its own counters, so a client gets the limit once per worker."""
    if not getattr(settings, "PILOTHUB_SHARED_CACHE_REQUIRED", False):
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PROCESS_LOCAL_CACHES:
        return [Warning(
            "The default cache is process-local: API rate-limit counters are not shared between workers.",
            hint="Set PILOTHUB_CACHE_URL (redis://…) or a Redis CELERY_BROKER_URL (its next database is used).",
            id="pilothub.W001")]
    return []
