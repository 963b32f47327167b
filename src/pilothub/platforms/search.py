"""Chinese full-text search over the registry (decision 0304).

Each platform has one `PlatformSearchDocument`: the jieba search-mode tokens (pilothub.core.text,
with the domain dictionary) of its name (`title`) and of its main business, description,
industries, service types, equipment and test services (`body`), joined by spaces. The database
indexes those tokens: SQLite through an FTS5 table kept in step by triggers, PostgreSQL through
GIN indexes over the tsvector of the tokens (migrations 0003 and 0014). A query is tokenised the
same way and every query token must occur (AND); relevance is BM25 (SQLite) or ts_rank
(PostgreSQL), the name weighing more than the body, computed over a bounded set of candidates
(decision 0308).

The documents are refreshed by signals whenever a platform or one of its children changes, and
rebuilt from scratch by `pilothub rebuild-search-index` (needed after `bulk_create`, which sends
no signals).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections, router, transaction
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.signals import m2m_changed, post_delete, post_save

from pilothub.core.text import tokens

from .models import (
    AccreditationScopeItem,
    Equipment,
    Expert,
    HazardPermit,
    PilotLine,
    Platform,
    PlatformSearchDocument,
    Qualification,
    TestService,
)

FTS_TABLE = "platforms_search_fts"
DOC_TABLE = PlatformSearchDocument._meta.db_table
# Name tokens weigh ten times body tokens in the ranking.
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0
MAX_QUERY_TOKENS = 12
PG_TITLE_EXPRESSION = "platforms_search_weighted(title, 'A')"
PG_DOCUMENT_EXPRESSION = f"({PG_TITLE_EXPRESSION} || platforms_search_weighted(body, 'B'))"


def _token_text(*texts: str) -> str:
    # Each field is tokenised alone: repeated texts (vocabulary names, common equipment) hit the
    # tokenizer's cache, and no token spans two fields.
    return " ".join(token for text in texts if text for token in tokens(text))


def document_for(platform: Platform) -> tuple[str, str]:
    """(title, body) token strings of a platform whose vocabularies and children are prefetched."""
    body = [platform.main_business, platform.description]
    body += [industry.name for industry in platform.industries.all()]
    body += [service_type.name for service_type in platform.service_types.all()]
    body += [f"{e.name} {e.model} {e.maker}" for e in platform.equipment.all() if e.is_active]
    body += [f"{s.name} {s.standard}" for s in platform.test_services.all() if s.is_active]
    body += [expert.field for expert in platform.experts.all()]
    return _token_text(platform.name), _token_text(*body)


def _documents_queryset(platform_ids: Iterable[int] | None = None) -> QuerySet[Platform]:
    queryset = Platform.objects.only("id", "name", "main_business", "description").prefetch_related(
        "industries", "service_types",
        Prefetch("equipment", queryset=Equipment.objects.only("platform_id", "name", "model", "maker", "is_active")),
        Prefetch("test_services", queryset=TestService.objects.only("platform_id", "name", "standard", "is_active")),
        Prefetch("experts", queryset=Expert.objects.only("platform_id", "field")))
    if platform_ids is not None:
        queryset = queryset.filter(pk__in=list(platform_ids))
    return queryset.order_by("pk")


def _write(platforms: Iterable[Platform]) -> int:
    documents = []
    for platform in platforms:
        title, body = document_for(platform)
        documents.append(PlatformSearchDocument(platform_id=platform.pk, title=title, body=body))
    # Delete then insert (not an upsert): the SQLite triggers then see plain inserts and deletes.
    PlatformSearchDocument.objects.filter(platform_id__in=[d.platform_id for d in documents]).delete()
    PlatformSearchDocument.objects.bulk_create(documents, batch_size=500)
    return len(documents)


REGISTRY_VERSION_KEY = "platforms:registry-version"


def registry_version() -> int:
    """A counter bumped whenever public registry data changes (keys cached facet counts)."""
    return cache.get_or_set(REGISTRY_VERSION_KEY, 1, None) or 1


def registry_cache_seconds() -> int:
    """How long a result keyed by the registry version (counts, facets, map cells, search
    candidates) may be kept (decision 0308).

    With a cache every process shares (Redis in production) a change bumps the version for all of
    them at once, so the entries can live an hour: the time only bounds memory. With a cache of its
    own in each process (LocMem, the embedded default) the other processes never see the bump, so
    entries must expire within a minute. `PILOTHUB_REGISTRY_CACHE_SECONDS` overrides both.
    """
    configured = getattr(settings, "PILOTHUB_REGISTRY_CACHE_SECONDS", None)
    if configured is not None:
        return int(configured)
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    return 60 if backend.rsplit(".", 1)[-1] in {"LocMemCache", "DummyCache", "FileBasedCache"} else 3600


# Cache stampede guard (decision 0308, addendum): while one request computes a missing entry,
# the others wait up to RECOMPUTE_WAIT_SECONDS for it, polling every RECOMPUTE_POLL_SECONDS, then
# compute it themselves. The lock expires by itself after RECOMPUTE_LOCK_SECONDS (a worker that
# dies while computing never blocks anyone for longer).
RECOMPUTE_WAIT_SECONDS = 2.0
RECOMPUTE_POLL_SECONDS = 0.05
RECOMPUTE_LOCK_SECONDS = 10


def cached_compute(key: str, compute: Callable[[], Any], *, timeout: int | None = None,
                   wait: float | None = None, poll: float | None = None,
                   sleep: Callable[[float], None] = time.sleep,
                   clock: Callable[[], float] = time.monotonic) -> Any:
    """`cache.get(key)`, or `compute()` stored under `key` for `timeout` seconds (default
    registry_cache_seconds()) — computed by one request at a time.

    When the entry is missing, the request that adds the lock key `key + ":lock"` (cache.add is
    atomic in Redis, Memcached, LocMem and the database cache) computes it; the others poll the
    cache for up to `wait` seconds and return the value as soon as it appears. If it does not
    (the computation is slow, failed, or the lock holder died), or the lock disappears without a
    value, they compute it themselves: a request is never failed or held longer than `wait` by
    the lock. A `None` result is not cached (it cannot be told from a miss).
    """
    value = cache.get(key)
    if value is not None:
        return value
    timeout = registry_cache_seconds() if timeout is None else timeout
    lock = key + ":lock"
    if cache.add(lock, 1, RECOMPUTE_LOCK_SECONDS):
        try:
            value = compute()
            if value is not None:
                cache.set(key, value, timeout)
            return value
        finally:
            cache.delete(lock)
    wait = RECOMPUTE_WAIT_SECONDS if wait is None else wait
    poll = RECOMPUTE_POLL_SECONDS if poll is None else poll
    deadline = clock() + wait
    while clock() < deadline:
        sleep(poll)
        value = cache.get(key)
        if value is not None:
            return value
        if cache.get(lock) is None:  # the holder finished without storing a value, or failed
            break
    value = compute()
    if value is not None:
        cache.set(key, value, timeout)
    return value


def registry_changed() -> None:
    try:
        cache.incr(REGISTRY_VERSION_KEY)
    except ValueError:
        cache.set(REGISTRY_VERSION_KEY, 2, None)


def search_index_update(*, platform_ids: Iterable[int]) -> int:
    """Recompute the documents of these platforms (deleted ones simply disappear)."""
    ids = sorted(set(platform_ids))
    if not ids:
        return 0
    registry_changed()
    with transaction.atomic():
        PlatformSearchDocument.objects.filter(platform_id__in=ids).exclude(
            platform_id__in=Platform.objects.filter(pk__in=ids).values("pk")).delete()
        return _write(_documents_queryset(ids))


def search_index_rebuild(*, batch_size: int = 2000, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild every document from scratch; returns the number indexed. `progress(done, total)`
    is called after each batch (the background job of the maintenance page shows it)."""
    count = 0
    registry_changed()
    with transaction.atomic():
        PlatformSearchDocument.objects.all().delete()
        ids = list(Platform.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch_size):
            platforms = list(_documents_queryset(ids[start:start + batch_size]))
            documents = [PlatformSearchDocument(platform_id=p.pk, title=(doc := document_for(p))[0], body=doc[1])
                         for p in platforms]
            PlatformSearchDocument.objects.bulk_create(documents, batch_size=500)
            count += len(documents)
            if progress is not None:
                progress(count, len(ids))
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO platforms_search_fts(platforms_search_fts) VALUES ('optimize')")
    return count


# --- queries ----------------------------------------------------------------------------------


def _covered(token: str, parts: list[str]) -> bool:
    """Whether every character of `token` lies inside an occurrence of one of `parts`."""
    covered = [False] * len(token)
    for part in parts:
        start = token.find(part)
        while start != -1:
            covered[start:start + len(part)] = [True] * len(part)
            start = token.find(part, start + 1)
    return all(covered)


def query_tokens(text: str) -> list[str]:
    """The distinct tokens a document must hold to match the query, at most MAX_QUERY_TOKENS.

    Search mode yields a long word together with the dictionary words inside it (电子显微镜 →
    电子, 显微, 显微镜, 电子显微镜). A document may hold the long word inside an even longer one
    (透射电子显微镜) and then not as a token of its own, but it always holds the short words, so a
    token entirely made of other query tokens is not required.
    """
    seen: list[str] = []
    for token in tokens(text or ""):
        if token not in seen:
            seen.append(token)
    required = [t for t in seen if not _covered(t, [p for p in seen if p != t and len(p) < len(t) and p in t])]
    return required[:MAX_QUERY_TOKENS]


def _match_expression(terms: list[str], *, title_only: bool = False) -> str:
    if connection.vendor == "postgresql":
        # tsquery input syntax: quoted lexemes taken verbatim, joined with AND.
        return " & ".join("'" + term.replace("\\", "\\\\").replace("'", "''") + "'" for term in terms)
    # FTS5: each token as a quoted string; juxtaposition means AND; `title : (...)` the name only.
    expression = " ".join('"' + term.replace('"', '""') + '"' for term in terms)
    return f"title : ({expression})" if title_only else expression


def _match_sql(*, title_only: bool = False) -> str:
    """SQL selecting the ids of the platforms whose document (or name) holds the query (one parameter)."""
    if connection.vendor == "postgresql":
        # Exactly the expressions indexed by migration 0014 (the document's is the value of the
        # stored `vector`): the planner costs them as expensive and so keeps to the GIN indexes.
        column = PG_TITLE_EXPRESSION if title_only else PG_DOCUMENT_EXPRESSION
        return f"SELECT platform_id FROM {DOC_TABLE} WHERE {column} @@ %s::tsquery"  # noqa: S608 - constants
    return f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608 - constants


# Relevance ranking reads at most this many candidates from each of two streams, and a search lists
# at most this many results (decision 0308). With no more matches than this the ranking is exact.
RANK_CANDIDATES = 500


def search_filter(queryset: QuerySet, terms: list[str], *, title_only: bool = False) -> QuerySet:
    """`pk IN (index lookup)`: the platforms of `queryset` whose document (or name) holds every term.

    On PostgreSQL written `NOT (NOT pk IN (...))` (decision 0308): the planner never turns that
    into a join, so the lookup runs once, through the GIN index, into a hash that each platform
    row probes, and a LIMIT or an index-ordered walk (sort by name) stops early. As a plain `IN`
    it was pulled up into a join, and under a LIMIT the planner then preferred to walk the
    documents in id order evaluating the match row by row (0.2 s for 500 rows at 100k) or to
    rescan a materialised list for every platform (sort by name: 0.2 s).
    """
    lookup = Q(pk__in=RawSQL(_match_sql(title_only=title_only),  # noqa: S611 - fixed SQL, query as a parameter
                             [_match_expression(terms, title_only=title_only)]))
    if connection.vendor == "postgresql":
        return queryset.exclude(~lookup)
    return queryset.filter(lookup)


@contextmanager
def index_lookups(using: str | None = None) -> Iterator[None]:
    """Run the queries inside with PostgreSQL's sequential scans disabled (no-op on SQLite).

    For the queries whose search lookup must read the GIN index (decision 0308, addendum): for a
    word nearly every document holds (中试: 99 % of 100k), the planner prices a sequential scan
    evaluating the indexed expression on every document a little below the bitmap scan that
    returns the same rows (each is charged the expression per row), and then spends 8 s in the
    expression instead of 20 ms in the index. Set with `set_config(..., is_local)` and put back
    afterwards, so an enclosing transaction (a test, ATOMIC_REQUESTS) keeps its own setting; on
    an error the block's savepoint rollback undoes it.
    """
    alias = using or router.db_for_read(Platform)
    conn = connections[alias]
    if conn.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=alias), conn.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)")
        previous = cursor.fetchone()[0]
        yield
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])


def candidates_sql(queryset: QuerySet, terms: list[str], *, any_match: bool = True) -> tuple[str, list]:
    """SQL and parameters selecting the platforms to rank: up to RANK_CANDIDATES matches whose
    *name* holds every term, and up to RANK_CANDIDATES matches of any kind (filters of `queryset`
    applied; left out with `any_match=False`, when the caller already holds such matches).

    Neither stream is sorted, so each stops after RANK_CANDIDATES rows instead of reading every
    match; which matches fill a stream when more exist is the order the index scan yields them.
    """
    parts: list[str] = []
    params: list = []
    for title_only in (True, False) if any_match else (True,):
        stream = search_filter(queryset, terms, title_only=title_only).order_by().values("pk")[:RANK_CANDIDATES]
        sql, stream_params = stream.query.sql_with_params()
        alias = "named" if title_only else "any_match"
        parts.append(f"SELECT * FROM ({sql}) AS {alias}")  # noqa: S608 - SQL compiled by Django, values as parameters
        params.extend(stream_params)
    return " UNION ".join(parts), params


def _candidate_ids(queryset: QuerySet, terms: list[str], matches: list[int] | None = None) -> list[int]:
    """One query (or none, when cached); a list, so the ranking query joins at most
    2 × RANK_CANDIDATES rows by primary key.

    `matches`: ids of matches of `queryset` already read (the cached head of the selectors, the
    first RANK_CANDIDATES + 1 in index order): its first RANK_CANDIDATES stand for the any-match
    stream, which is then not queried (decision 0308, addendum: a new search reads the document
    index once less)."""
    sql, params = candidates_sql(queryset, terms, any_match=matches is None)
    # Keyed by the SQL (filters, query, today's cut-off dates) and the registry version.
    key = "platforms:candidates:" + hashlib.sha256(repr((registry_version(), sql, params)).encode()).hexdigest()

    def read() -> list[int]:
        # A read like any queryset's: the database router may send it to a replica.
        alias = router.db_for_read(Platform)
        with index_lookups(alias), connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            found = [row[0] for row in cursor.fetchall()]
        if matches is not None:
            found = sorted(set(found) | set(matches[:RANK_CANDIDATES]))
        return found

    return cached_compute(key, read)


def apply_search(queryset: QuerySet, terms: list[str], *, ranked: bool = False,
                 matches: list[int] | None = None) -> QuerySet:
    """Keep the platforms whose document holds every term.

    Unranked: `pk IN (index lookup)`, usable anywhere, also inside subqueries (facets, map).
    Ranked (decision 0308): the bounded candidate set of `_candidate_ids` (read here, one query),
    joined with the index and annotated with `search_rank` (higher is better), so the rank is
    computed for at most 2 × RANK_CANDIDATES platforms however many match; only for a top-level
    Platform queryset, as the join names the platform table. `matches`: see `_candidate_ids`.
    """
    if not ranked:
        return search_filter(queryset, terms)
    expression = _match_expression(terms)
    platform_table = Platform._meta.db_table
    candidates = Platform.objects.filter(pk__in=_candidate_ids(queryset, terms, matches))
    if connection.vendor == "postgresql":
        weights = BODY_WEIGHT / TITLE_WEIGHT
        return candidates.extra(  # noqa: S610 - fixed SQL, the query travels as a parameter
            tables=[DOC_TABLE],
            where=[f"{DOC_TABLE}.platform_id = {platform_table}.id"],
            select={"search_rank": f"ts_rank('{{{weights}, {weights}, {weights}, 1.0}}', {DOC_TABLE}.vector, "
                                   "%s::tsquery)"},
            select_params=[expression])
    return candidates.extra(  # noqa: S610
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = {platform_table}.id", f"{FTS_TABLE} MATCH %s"],
        params=[expression],
        # bm25() is negative, more negative meaning more relevant.
        select={"search_rank": f"-bm25({FTS_TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT})"})


# --- keeping documents fresh --------------------------------------------------------------------


_deferred: ContextVar[set[int] | None] = ContextVar("platforms_search_deferred", default=None)


@contextmanager
def search_index_batch() -> Iterator[None]:
    """Collect the platforms changed inside the block and re-index each once at the end.

    For loaders and imports that touch many platforms and their children one row at a time.
    """
    if _deferred.get() is not None:  # nested: the outer batch indexes
        yield
        return
    token = _deferred.set(set())
    try:
        yield
        changed = _deferred.get() or set()
    finally:
        _deferred.reset(token)
    search_index_update(platform_ids=changed)


def _refresh(platform_id: int | None) -> None:
    if platform_id is None:
        return
    pending = _deferred.get()
    if pending is not None:
        pending.add(platform_id)
    else:
        search_index_update(platform_ids=[platform_id])


def _on_platform_saved(sender, instance: Platform, raw: bool = False, **kwargs) -> None:
    if not raw:
        _refresh(instance.pk)


def _on_child_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        _refresh(instance.platform_id)


def _on_child_deleted(sender, instance, **kwargs) -> None:
    # After commit: the child may be going away in its platform's cascade, and re-indexing the
    # platform before it is deleted would write a document for a row about to disappear.
    platform_id = instance.platform_id
    transaction.on_commit(lambda: _refresh(platform_id))


def _on_vocabulary_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        _refresh(instance.pk)
    elif pk_set:
        for platform_id in pk_set:
            _refresh(platform_id)


def _on_filtered_record_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        registry_changed()


def connect_signals() -> None:
    # Qualifications and the capability records (pilot lines, hazard permits, accreditation scope)
    # are not in the search text, but the directory filters on them, so cached totals, facets and
    # map cells must follow their changes (operators edit capabilities directly, decision 0307).
    for filtered in (Qualification, PilotLine, HazardPermit, AccreditationScopeItem):
        for signal in (post_save, post_delete):
            signal.connect(_on_filtered_record_changed, sender=filtered,
                           dispatch_uid=f"platforms.search.{filtered.__name__}.{signal is post_save}")
    post_save.connect(_on_platform_saved, sender=Platform, dispatch_uid="platforms.search.platform")
    for model in (Equipment, TestService, Expert):
        post_save.connect(_on_child_saved, sender=model, dispatch_uid=f"platforms.search.{model.__name__}.save")
        post_delete.connect(_on_child_deleted, sender=model, dispatch_uid=f"platforms.search.{model.__name__}.del")
    for through in (Platform.industries.through, Platform.service_types.through):
        m2m_changed.connect(_on_vocabulary_changed, sender=through,
                            dispatch_uid=f"platforms.search.{through.__name__}")


__all__ = ["apply_search", "connect_signals", "registry_cache_seconds", "registry_changed", "registry_version",
           "search_index_batch", "document_for", "query_tokens", "search_index_rebuild", "search_index_update"]
