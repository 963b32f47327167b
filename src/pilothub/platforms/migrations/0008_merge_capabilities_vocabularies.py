# Joins the trust-layer models (0006, branch trust-fresh) with main's vocabulary data migration
# (0007). The merger may replace this with one merge over every leaf of the platforms app.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("platforms", "0006_capabilities_freshness"), ("platforms", "0007_load_vocabularies")]
    operations: list = []
