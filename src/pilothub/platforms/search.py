"""Chinese full-text search over the registry (decision 0304).

Each platform has one `PlatformSearchDocument`: the jieba search-mode tokens (pilothub.core.text,
with the domain dictionary) of its name (`title`) and of its main business, description,
industries, service types, equipment and test services (`body`), joined by spaces. The database
indexes those tokens: SQLite through an FTS5 table kept in step by triggers, PostgreSQL through a
generated tsvector column with a GIN index (migration 0003). A query is tokenised the same way and
every query token must occur (AND); relevance is BM25 (SQLite) or ts_rank (PostgreSQL), the name
weighing more than the body.

The documents are refreshed by signals whenever a platform or one of its children changes, and
rebuilt from scratch by `pilothub rebuild-search-index` (needed after `bulk_create`, which sends
no signals).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Prefetch, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.signals import m2m_changed, post_delete, post_save

from pilothub.core.text import tokens

from .models import Equipment, Expert, Platform, PlatformSearchDocument, Qualification, TestService

FTS_TABLE = "platforms_search_fts"
DOC_TABLE = PlatformSearchDocument._meta.db_table
# Name tokens weigh ten times body tokens in the ranking.
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0
MAX_QUERY_TOKENS = 12


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


def _match_expression(terms: list[str]) -> str:
    if connection.vendor == "postgresql":
        # tsquery input syntax: quoted lexemes taken verbatim, joined with AND.
        return " & ".join("'" + term.replace("\\", "\\\\").replace("'", "''") + "'" for term in terms)
    # FTS5: each token as a quoted string; juxtaposition means AND.
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def apply_search(queryset: QuerySet, terms: list[str], *, ranked: bool = False) -> QuerySet:
    """Keep the platforms whose document holds every term.

    Unranked: `pk IN (index lookup)`, usable anywhere, also inside subqueries (facets, map).
    Ranked: a join with the index (FTS5 table or the tsvector column) annotated with
    `search_rank` (higher is better), so the filter and the rank come from one index scan; only
    for a top-level Platform queryset, as the join names the platform table.
    """
    expression = _match_expression(terms)
    platform_table = Platform._meta.db_table
    if not ranked:
        if connection.vendor == "postgresql":
            sql = "SELECT platform_id FROM platforms_platformsearchdocument WHERE vector @@ %s::tsquery"
        else:
            sql = "SELECT rowid FROM platforms_search_fts WHERE platforms_search_fts MATCH %s"
        return queryset.filter(pk__in=RawSQL(sql, [expression]))  # noqa: S611 - fixed SQL, query as a parameter
    if connection.vendor == "postgresql":
        weights = BODY_WEIGHT / TITLE_WEIGHT
        return queryset.extra(  # noqa: S610 - fixed SQL, the query travels as a parameter
            tables=[DOC_TABLE],
            where=[f"{DOC_TABLE}.platform_id = {platform_table}.id", f"{DOC_TABLE}.vector @@ %s::tsquery"],
            params=[expression],
            select={"search_rank": f"ts_rank('{{{weights}, {weights}, {weights}, 1.0}}', {DOC_TABLE}.vector, "
                                   "%s::tsquery)"},
            select_params=[expression])
    return queryset.extra(  # noqa: S610
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


def _on_qualification_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        registry_changed()


def connect_signals() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_on_qualification_changed, sender=Qualification,
                       dispatch_uid=f"platforms.search.qualification.{signal is post_save}")
    post_save.connect(_on_platform_saved, sender=Platform, dispatch_uid="platforms.search.platform")
    for model in (Equipment, TestService, Expert):
        post_save.connect(_on_child_saved, sender=model, dispatch_uid=f"platforms.search.{model.__name__}.save")
        post_delete.connect(_on_child_deleted, sender=model, dispatch_uid=f"platforms.search.{model.__name__}.del")
    for through in (Platform.industries.through, Platform.service_types.through):
        m2m_changed.connect(_on_vocabulary_changed, sender=through,
                            dispatch_uid=f"platforms.search.{through.__name__}")


__all__ = ["apply_search", "connect_signals", "registry_changed", "registry_version", "search_index_batch", "document_for", "query_tokens", "search_index_rebuild",
           "search_index_update"]
