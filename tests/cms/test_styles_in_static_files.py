"""CSS lives in static files only: no ``<style>`` block or ``style`` attribute in a template
or in Python code (the site's Content-Security-Policy refuses inline styles anyway), and the
brand colour is written once, in site.css.

Emails are the exception: mail clients load no stylesheet, so the HTML part of a notice
(``templates/notifications/``, never served as a page) carries its few styles inline."""

import re
from pathlib import Path

from django.urls import reverse

import pytest

from tests.makers import make_city_staff, signed_in, with_totp

ROOT = Path(__file__).resolve().parents[2]
APPS = ("cms", "courses", "enrollment", "pairs", "people", "stories")
INLINE = re.compile(r"<style|\sstyle=[\"']", re.IGNORECASE)


EMAILS = ROOT / "templates" / "notifications"


def _sources():
    yield from (p for p in (ROOT / "templates").rglob("*.html") if EMAILS not in p.parents)
    for app in APPS:
        yield from (p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts)
        yield from (ROOT / app).rglob("templates/**/*.html")


def test_no_template_or_module_carries_css():
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in _sources()
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if INLINE.search(line)
    ]
    assert not found, "CSS outside static files:\n" + "\n".join(found)


def test_the_brand_colour_is_defined_once():
    css = [*ROOT.glob("*/static/**/*.css")]
    brand = "#a3253a"
    places = [str(p.relative_to(ROOT)) for p in css if brand in p.read_text().lower()]
    assert places == ["cms/static/css/site.css"], places
    site = (ROOT / "cms/static/css/site.css").read_text().lower()
    assert site.count(brand) == 1, "site.css names the brand colour more than once"


@pytest.mark.django_db
def test_the_back_office_loads_its_stylesheet(client):
    signed_in(client, with_totp(make_city_staff()))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "people/admin.css" in response.content.decode()
