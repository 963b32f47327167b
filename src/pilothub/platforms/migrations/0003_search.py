
import django.db.models.deletion
from django.db import migrations, models

# Full-text index over PlatformSearchDocument (decision 0304). The documents hold jieba tokens
# joined by single spaces, so neither database needs a Chinese parser.
SQLITE_FORWARD = [
    # External-content FTS5 table: stores only the index; the rows live in the Django table.
    "CREATE VIRTUAL TABLE platforms_search_fts USING fts5(title, body, "
    "content='platforms_platformsearchdocument', content_rowid='platform_id', tokenize='unicode61')",
    "CREATE TRIGGER platforms_search_ai AFTER INSERT ON platforms_platformsearchdocument BEGIN "
    "INSERT INTO platforms_search_fts(rowid, title, body) VALUES (new.platform_id, new.title, new.body); END",
    "CREATE TRIGGER platforms_search_ad AFTER DELETE ON platforms_platformsearchdocument BEGIN "
    "INSERT INTO platforms_search_fts(platforms_search_fts, rowid, title, body) "
    "VALUES ('delete', old.platform_id, old.title, old.body); END",
    "CREATE TRIGGER platforms_search_au AFTER UPDATE ON platforms_platformsearchdocument BEGIN "
    "INSERT INTO platforms_search_fts(platforms_search_fts, rowid, title, body) "
    "VALUES ('delete', old.platform_id, old.title, old.body); "
    "INSERT INTO platforms_search_fts(rowid, title, body) VALUES (new.platform_id, new.title, new.body); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS platforms_search_au", "DROP TRIGGER IF EXISTS platforms_search_ad",
    "DROP TRIGGER IF EXISTS platforms_search_ai", "DROP TABLE IF EXISTS platforms_search_fts",
]
# The tokens become lexemes verbatim (no parser, no stemming: the 'simple' configuration's
# behaviour without its parser, which would split or drop CJK runs depending on the locale), with
# positions so the name (weight A) can outrank the body (weight B). A trigger, not a generated
# column: building the weighted vector needs a subquery over the tokens.
POSTGRES_FORWARD = [
    "ALTER TABLE platforms_platformsearchdocument ADD COLUMN vector tsvector NOT NULL DEFAULT ''",
    """CREATE FUNCTION platforms_search_weighted(tokens text, weight "char") RETURNS tsvector
       LANGUAGE sql IMMUTABLE AS $$
         SELECT setweight(COALESCE(string_agg(quote_literal(t) || ':' || LEAST(i, 16383), ' ')::tsvector,
                                   ''::tsvector), weight)
         FROM unnest(string_to_array(tokens, ' ')) WITH ORDINALITY AS u(t, i) WHERE t <> ''
       $$""",
    """CREATE FUNCTION platforms_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         NEW.vector := platforms_search_weighted(NEW.title, 'A') || platforms_search_weighted(NEW.body, 'B');
         RETURN NEW;
       END $$""",
    "CREATE TRIGGER platforms_search_vector BEFORE INSERT OR UPDATE ON platforms_platformsearchdocument "
    "FOR EACH ROW EXECUTE FUNCTION platforms_search_vector()",
    "CREATE INDEX platforms_search_vector_gin ON platforms_platformsearchdocument USING gin (vector)",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS platforms_search_vector ON platforms_platformsearchdocument",
    "DROP FUNCTION IF EXISTS platforms_search_vector()",
    "DROP FUNCTION IF EXISTS platforms_search_weighted(text, \"char\")",
    "DROP INDEX IF EXISTS platforms_search_vector_gin",
    "ALTER TABLE platforms_platformsearchdocument DROP COLUMN IF EXISTS vector",
]


# The directory's sorts walk these instead of sorting every published platform.
SORT_INDEXES_FORWARD = [
    "CREATE INDEX platforms_platform_status_name ON platforms_platform (status, name, id)",
    "CREATE INDEX platforms_platform_status_created ON platforms_platform (status, created_at, id)",
    # The map's viewport filter: a latitude range scan instead of reading every platform.
    "CREATE INDEX platforms_platform_lat_lon ON platforms_platform (latitude, longitude)",
]
SORT_INDEXES_BACKWARD = [
    "DROP INDEX IF EXISTS platforms_platform_status_name",
    "DROP INDEX IF EXISTS platforms_platform_status_created",
    "DROP INDEX IF EXISTS platforms_platform_lat_lon",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)
    return run


forward = _run({"sqlite": SQLITE_FORWARD + SORT_INDEXES_FORWARD,
                "postgresql": POSTGRES_FORWARD + SORT_INDEXES_FORWARD})
backward = _run({"sqlite": SQLITE_BACKWARD + SORT_INDEXES_BACKWARD,
                 "postgresql": POSTGRES_BACKWARD + SORT_INDEXES_BACKWARD})


class Migration(migrations.Migration):

    dependencies = [
        ('platforms', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='PlatformSearchDocument',
            fields=[
                ('platform', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_document', serialize=False, to='platforms.platform')),
                ('title', models.TextField(blank=True)),
                ('body', models.TextField(blank=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': '平台检索文档',
                'verbose_name_plural': '平台检索文档',
            },
        ),
        migrations.RunPython(forward, backward),
    ]
