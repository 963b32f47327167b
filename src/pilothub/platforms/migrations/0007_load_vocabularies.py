"""Load the industry and service-type vocabularies so that `pilothub migrate` alone leaves a usable database."""

from django.db import migrations


def load(apps, schema_editor):
    from pilothub.platforms.vocabulary import load_vocabularies

    load_vocabularies(apps.get_model("platforms", "Industry"), apps.get_model("platforms", "ServiceType"),
                      apps.get_model("platforms", "RegionIndustryGroup"), apps.get_model("regions", "Region"))


class Migration(migrations.Migration):
    dependencies = [("platforms", "0001_initial"), ("regions", "0002_load_builtin_regions")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
