# Joins the editing workflow (0002_change_requests) with the vocabulary loading on main (0007).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('platforms', '0002_change_requests'),
        ('platforms', '0007_load_vocabularies'),
    ]

    operations = [
    ]
