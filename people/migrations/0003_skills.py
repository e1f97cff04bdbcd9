from django.db import migrations

SKILLS = [
    ("心理咨询", "counselling"),
    ("家庭教育", "family-education"),
    ("非遗手工", "intangible-heritage"),
    ("法律", "law"),
    ("作业辅导", "homework"),
    ("医疗护理", "health-care"),
    ("阅读陪伴", "reading"),
    ("文体艺术", "arts-sports"),
    ("安全教育", "safety"),
]


def add_skills(apps, schema_editor):
    Skill = apps.get_model("people", "Skill")
    for order, (name, slug) in enumerate(SKILLS):
        Skill.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("people", "0002_initial")]

    operations = [migrations.RunPython(add_skills, migrations.RunPython.noop)]
