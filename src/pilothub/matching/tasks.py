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
