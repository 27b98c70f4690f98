"""Load the reference data: ethnic groups, positions and the default standards (personnel/reference_data.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from personnel.reference_data import install

    install(tuple(apps.get_model("personnel", name) for name in ("Ethnicity", "Position", "Standard")))


class Migration(migrations.Migration):
    dependencies = [("personnel", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
