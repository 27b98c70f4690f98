"""Ship the Decision 34/2011/QĐ-UBND criteria set (provisional until province staff confirm it)."""

from django.db import migrations


def install_decision_34(apps, schema_editor):
    from assessment.data import decision_34_2011

    decision_34_2011.install(
        apps.get_model("assessment", "CriteriaSet"),
        apps.get_model("assessment", "Criterion"),
        apps.get_model("assessment", "Threshold"),
    )


class Migration(migrations.Migration):

    dependencies = [("assessment", "0001_initial")]

    # Reversing keeps the rows: years and scores may already point at them.
    operations = [migrations.RunPython(install_decision_34, migrations.RunPython.noop)]
