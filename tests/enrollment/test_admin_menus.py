"""Each role sees in the Wagtail admin's menu only what it may use (people.groups)."""

import json
import re

import pytest

from tests.makers import signed_in

PEOPLE_MENU = {
    "children": "/admin/people/children/",
    "volunteers": "/admin/people/volunteers/",
    "pairs": "/admin/people/pairs/",
    "counties": "/admin/people/counties/",
    "audit": "/admin/people/audit/",
}
CONTENT_MENU = {"pages": "/admin/pages/", "images": "/admin/images/"}


def menu_urls(client) -> set[str]:
    """The URLs of the admin's sidebar menu, as rendered for the signed-in user."""
    html = client.get("/admin/").content.decode()
    props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    assert props, "the admin home page has no sidebar"
    return set(re.findall(r'"url": "([^"]+)"', json.dumps(json.loads(props.group(1)))))


def visible(urls: set[str], menu: dict[str, str]) -> set[str]:
    return {name for name, url in menu.items() if url in urls}


def test_coordinator_sees_children_volunteers_and_pairs_only(client, coordinator_a):
    urls = menu_urls(signed_in(client, coordinator_a))

    assert visible(urls, PEOPLE_MENU) == {"children", "volunteers", "pairs"}
    assert visible(urls, CONTENT_MENU) == set()


def test_city_staff_see_the_whole_people_menu(client, city_staff):
    urls = menu_urls(signed_in(client, city_staff))

    assert visible(urls, PEOPLE_MENU) == set(PEOPLE_MENU)


def test_editor_sees_content_but_no_people(client, editor):
    urls = menu_urls(signed_in(client, editor))

    assert visible(urls, PEOPLE_MENU) == set()
    assert visible(urls, CONTENT_MENU) == set(CONTENT_MENU)


@pytest.mark.parametrize("path", list(PEOPLE_MENU.values()))
def test_editor_cannot_open_people_pages_by_url(client, editor, path):
    response = signed_in(client, editor).get(path)

    assert response.status_code == 302, f"{path} must refuse an editor"
