# Joins this branch's supply-list models (0004, on 0001) with main's vocabulary data migration
# (0007, on 0001). The merger may replace it with one merge over every registry branch.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("platforms", "0004_supply_lists"),
        ("platforms", "0007_load_vocabularies"),
    ]

    operations: list = []
