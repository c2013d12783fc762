import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tickets", "0003_fill_group_case_public_ids")]

    operations = [
        migrations.AlterField(
            model_name='groupcase',
            name='uuid',
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id'),
        ),
    ]
