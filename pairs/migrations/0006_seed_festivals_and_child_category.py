"""Data: the festivals of 2026–2028 a visit is due for, and each existing pair's child
category as it is today (the pairs made before the category was recorded at pairing)."""

import datetime as dt

from django.db import migrations

FESTIVALS = [
    ("春节", dt.date(2026, 2, 17)),
    ("六一", dt.date(2026, 6, 1)),
    ("中秋", dt.date(2026, 9, 25)),
    ("春节", dt.date(2027, 2, 6)),
    ("六一", dt.date(2027, 6, 1)),
    ("中秋", dt.date(2027, 9, 15)),
    ("春节", dt.date(2028, 1, 26)),
    ("六一", dt.date(2028, 6, 1)),
    ("中秋", dt.date(2028, 10, 3)),
]


def seed(apps, schema_editor):
    Festival = apps.get_model("pairs", "Festival")
    for name, date in FESTIVALS:
        Festival.objects.get_or_create(date=date, defaults={"name": name})
    Pair = apps.get_model("pairs", "Pair")
    for pair in Pair.objects.filter(child_category="").select_related("child"):
        Pair.objects.filter(pk=pair.pk).update(child_category=pair.child.category)


class Migration(migrations.Migration):
    dependencies = [("pairs", "0005_visits_and_adjustments")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
