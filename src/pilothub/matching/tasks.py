"""Background work of the matching index (eager by default: it runs in the calling process)."""

from __future__ import annotations

from pilothub.celery import app

from .encoders import get_encoder


# Bound to the project's Celery app (settings CELERY_*), so eager mode applies without a broker.
@app.task(name="matching.embed_passages")
def embed_passages(texts: list[str]) -> int:
    """Embed passage texts that have no stored vector yet; returns how many texts were asked for."""
    from .index import embed_and_store, encoder_setting

    encoder = get_encoder(encoder_setting())
    if encoder is None:
        return 0
    embed_and_store(encoder, "passage", texts)
    return len(texts)


@app.task(name="matching.rebuild_index")
def rebuild_index() -> dict:
    """Build the matching index and write its snapshot (every web process maps the new file on its
    next query when its own index is missing or stale; see index.build_snapshot)."""
    from .index import build_snapshot

    result = build_snapshot()
    return {k: v for k, v in result.items() if k != "memory"}
