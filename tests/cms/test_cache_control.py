"""Pages built for a signed-in person say ``Cache-Control: private, no-store`` so that no
shared cache keeps them; pages for anonymous visitors stay cacheable."""

from django.urls import reverse
from django.utils.cache import get_max_age

import pytest

from tests.enrollment.attendance_support import at, book, summer_class
from tests.makers import county, make_child, make_city_staff, make_guardian, signed_in, with_totp


def assert_not_stored(response) -> None:
    where = response.request["PATH_INFO"]
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, (
        f"{where} ({response.status_code}) may be kept by a shared cache: "
        f"Cache-Control is {response.get('Cache-Control')!r}"
    )


@pytest.fixture
def guardian_client(client, home):
    lishi = county()
    guardian = make_guardian(name="张桂花")
    child = make_child(guardian=guardian, county_obj=lishi)
    booking = book(summer_class(at(5), lishi).sessions.get(), guardian, child=child)
    client.force_login(guardian)
    client.urls_to_check = [
        "/",
        reverse("people:me"),
        reverse("people:child_edit", args=[child.pk]),
        reverse("enrollment:booking_detail", args=[booking.pk]),
        reverse("enrollment:training_record"),
        reverse("account_data_export"),
        reverse("account_email"),
    ]
    return client


def test_her_own_pages_are_not_stored_by_shared_caches(guardian_client):
    for url in guardian_client.urls_to_check:
        response = guardian_client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        assert_not_stored(response)


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/people/children/", "/admin/people/pairs/", "/admin/pages/"]
)
def test_back_office_pages_are_not_stored_by_shared_caches(client, home, url):
    signed_in(client, with_totp(make_city_staff()))

    assert_not_stored(client.get(url))


def test_public_pages_for_anonymous_visitors_stay_cacheable(client, home):
    for url in ("/", reverse("search") + "?q=妈妈", reverse("enrollment:certificate_lookup")):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", ""), f"{url} marked no-store"
        assert "private" not in response.get("Cache-Control", ""), f"{url} marked private"
        assert get_max_age(response) is None, f"{url}: {response.get('Cache-Control')}"
