"""Load the built-in regions so that `pilothub migrate` alone leaves a usable database."""

from django.db import migrations


def load_builtin_regions(apps, schema_editor):
    from pilothub.regions.loading import BUILTIN_REGIONS_FILE, load_regions, read_region_rows

    load_regions(read_region_rows(BUILTIN_REGIONS_FILE), apps.get_model("regions", "Region"))


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]
    operations = [migrations.RunPython(load_builtin_regions, migrations.RunPython.noop)]
