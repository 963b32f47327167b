from django.db import migrations

# Search at 100k platforms on PostgreSQL (decision 0308).
#
# 1. Slim heap rows. A document row held its token texts and its tsvector inline (about 3 kB: one
#    row per 8 kB page), so every bitmap heap scan that turned index hits into platform ids read one
#    page per match. With toast_tuple_target = 128 the long values move to the TOAST table and a
#    heap page holds dozens of rows (112 MB → 10 MB for 100k documents). Applies to rows written
#    from now on: run `pilothub rebuild-search-index` once after upgrading.
# 2. Expression indexes instead of the index on the stored column. Matching goes through
#    `platforms_search_weighted(...)`, a SQL function the planner costs as expensive (it is: it
#    rebuilds a vector from text), so it keeps to the GIN index even for a word most platforms
#    hold. On the stored column it chose, for common words, to evaluate `@@` row by row on
#    detoasted vectors: 0.4–0.6 s at 100k. The stored `vector` column stays: the rank reads it for
#    the bounded candidate set only. (search.py also keeps the match subquery from being turned
#    into a join, where a LIMIT above it tempted the planner into that row-by-row scan.)
# 3. A GIN index over the name's lexemes alone, for the ranking's first candidate stream.
# SQLite's FTS5 table needs none of this (`title : (...)` is answered by its own index).
# 4. A district's directory page in name order walks (region_id, status, name) from its first row
#    instead of the whole (status, name) index (selectors filter by the codes of the region's
#    subtree). PostgreSQL only: SQLite without fresh statistics preferred this index to the
#    latitude/longitude one for the map's viewport query (2 ms → 150 ms at 100k).
DOCUMENT = "(platforms_search_weighted(title, 'A') || platforms_search_weighted(body, 'B'))"
TITLE = "platforms_search_weighted(title, 'A')"
FORWARD = [
    "ALTER TABLE platforms_platformsearchdocument SET (toast_tuple_target = 128)",
    f"CREATE INDEX platforms_search_document_gin ON platforms_platformsearchdocument USING gin ({DOCUMENT})",
    f"CREATE INDEX platforms_search_title_gin ON platforms_platformsearchdocument USING gin ({TITLE})",
    "DROP INDEX IF EXISTS platforms_search_vector_gin",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS platforms_search_vector_gin ON platforms_platformsearchdocument USING gin (vector)",
    "DROP INDEX IF EXISTS platforms_search_title_gin",
    "DROP INDEX IF EXISTS platforms_search_document_gin",
    "ALTER TABLE platforms_platformsearchdocument RESET (toast_tuple_target)",
]


REGION_INDEX_FORWARD = ("CREATE INDEX platforms_platform_region_status_name "
                        "ON platforms_platform (region_id, status, name, id)")
REGION_INDEX_BACKWARD = "DROP INDEX IF EXISTS platforms_platform_region_status_name"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in [*FORWARD, REGION_INDEX_FORWARD]:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in [REGION_INDEX_BACKWARD, *BACKWARD]:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("platforms", "0013_hazardpermit_issued_on"),
    ]

    operations = [migrations.RunPython(forward, backward)]
