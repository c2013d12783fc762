"""Give every existing group case its own random public id (data only; schema in 0002 and 0004)."""

import uuid

from django.db import migrations

def _give_group_cases_public_ids(apps, schema_editor):
    # Existing rows get their own random id; a column default would give all of them the same one.
    GroupCase = apps.get_model("tickets", "GroupCase")
    for case in GroupCase.objects.filter(uuid__isnull=True).only("pk"):
        case.uuid = uuid.uuid4()
        case.save(update_fields=["uuid"])

class Migration(migrations.Migration):
    dependencies = [("tickets", "0002_plans_ratings_counters_settings")]

    operations = [migrations.RunPython(_give_group_cases_public_ids, migrations.RunPython.noop)]
