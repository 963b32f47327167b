"""Load the seed policy documents (real public texts) as the first 政策资讯 items."""

from django.db import migrations


def load_seed_documents(apps, schema_editor):
    from pilothub.content.policy_loading import load_policy_documents

    load_policy_documents(apps)


class Migration(migrations.Migration):
    dependencies = [("content", "0001_initial"), ("regions", "0002_load_builtin_regions")]
    operations = [migrations.RunPython(load_seed_documents, migrations.RunPython.noop)]
