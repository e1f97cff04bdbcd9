import uuid

import django.utils.timezone
from django.db import migrations, models


def fill_uids(apps, schema_editor):
    Session = apps.get_model("courses", "Session")
    for session in Session.objects.only("pk").iterator():
        Session.objects.filter(pk=session.pk).update(uid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_training_session_plan"),
    ]

    operations = [
        migrations.AddField(
            model_name="session",
            name="uid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill_uids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="session",
            name="uid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="calendar identity"
            ),
        ),
        migrations.AddField(
            model_name="session",
            name="updated_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="last changed"
            ),
        ),
        migrations.AddField(
            model_name="session",
            name="sequence",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="calendar sequence"
            ),
        ),
        migrations.AddIndex(
            model_name="session",
            index=models.Index(fields=["end"], name="session_end"),
        ),
        migrations.AddIndex(
            model_name="session",
            index=models.Index(fields=["is_cancelled", "updated_at"], name="session_cancelled_changed"),
        ),
    ]
