"""What every page has: a description for search engines and link previews, an icon (also at
/favicon.ico, where browsers and WeChat look), and the way to become a caring mother in the
main menu."""

from django.contrib.staticfiles import finders

import pytest
from bs4 import BeautifulSoup

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/trainings/", "/accounts/login/", "/volunteer/"])
def test_every_page_has_a_description_an_icon_and_the_volunteer_link(client, home, path):
    factories.TrainingIndexPageFactory(parent=home, slug="trainings")

    soup = BeautifulSoup(client.get(path).text, "html.parser")

    description = soup.find("meta", attrs={"name": "description"})
    assert description is not None and description["content"].strip(), path
    assert soup.find("link", rel="icon") is not None
    nav = soup.find("nav", class_="site-nav")
    assert nav.find("a", href="/volunteer/", string="成为爱心妈妈") is not None


def test_a_page_s_own_search_description_comes_first(client, home):
    home.search_description = "吕梁市妇联爱心妈妈"
    home.save_revision().publish()

    soup = BeautifulSoup(client.get("/").text, "html.parser")

    assert soup.find("meta", attrs={"name": "description"})["content"] == "吕梁市妇联爱心妈妈"


def test_favicon_ico_is_the_site_s_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.ico")
    assert finders.find("img/favicon.ico") is not None
