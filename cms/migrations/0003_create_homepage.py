from django.db import migrations


def create_homepage(apps, schema_editor):
    """Replace Wagtail's welcome page with the site's HomePage and point the site at it."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")

    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    if HomePage.objects.exists():
        return
    root = Page.objects.get(depth=1)
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    home = HomePage.objects.create(
        title="爱心妈妈",
        draft_title="爱心妈妈",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale_id=root.locale_id,
        headline="用双向奔赴的爱，陪伴成长的心",
    )
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="爱心妈妈")
    Page.objects.filter(depth=1).update(numchild=1)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
