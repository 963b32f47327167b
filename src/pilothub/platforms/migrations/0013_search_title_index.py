from django.db import migrations

# Ranked search takes its candidates from the platforms whose *name* holds every query token first
# (decision 0307). On PostgreSQL that needs a GIN index over the name's lexemes alone: an
# expression index over the same IMMUTABLE function the document trigger uses, so no new column.
# SQLite's FTS5 table already answers a column filter (`title : (...)`) from its own index.
FORWARD = ("CREATE INDEX IF NOT EXISTS platforms_search_title_gin ON platforms_platformsearchdocument "
           "USING gin (platforms_search_weighted(title, 'A'))")
BACKWARD = "DROP INDEX IF EXISTS platforms_search_title_gin"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):

    dependencies = [
        ("platforms", "0012_merge_search"),
    ]

    operations = [migrations.RunPython(forward, backward)]
