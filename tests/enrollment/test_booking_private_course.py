"""A course made private with Wagtail's privacy setting keeps its booking pages as private as
the course page: whoever may not open the page gets a 404 there too (not its title), and
books nothing; whoever may open it books as usual."""

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from enrollment.models import Booking
from tests import factories
from tests.makers import make_child, make_guardian, make_mother

pytestmark = pytest.mark.django_db

TITLE = "只给内部人员的暑期课程"


def restrict(page, kind: str, group: Group | None = None) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="secret-word" if kind == "password" else ""
    )
    if group is not None:
        restriction.groups.add(group)


@pytest.fixture
def guardian_and_child():
    guardian = make_guardian()
    return guardian, make_child(guardian=guardian, name="张小雨", age=8)


def summer_session():
    course = factories.SummerClassPageFactory(
        title=TITLE, age_min=6, age_max=12, sessions=[factories.session_in(7, capacity=5)]
    )
    return course, course.sessions.get()


@pytest.mark.parametrize("kind", ["groups", "password"])
def test_a_private_class_is_not_found_on_its_booking_page(client, guardian_and_child, kind):
    guardian, child = guardian_and_child
    course, session = summer_session()
    restrict(course, kind, Group.objects.create(name="内部人员"))
    client.force_login(guardian)
    url = reverse("enrollment:session_book", args=[session.pk])

    page = client.get(url)
    booking = client.post(url, {"child": [child.pk]})

    assert page.status_code == 404 and TITLE not in page.content.decode()
    assert booking.status_code == 404
    assert not Booking.objects.exists(), "a session of a private class was booked"


def test_a_class_open_to_signed_in_people_books_as_usual(client, guardian_and_child):
    guardian, child = guardian_and_child
    course, session = summer_session()
    restrict(course, "login")
    client.force_login(guardian)

    response = client.post(
        reverse("enrollment:session_book", args=[session.pk]), {"child": [child.pk]}
    )

    assert response.status_code == 302
    assert Booking.objects.filter(child=child, session=session).exists()


def test_a_private_training_cannot_be_booked_whole(client):
    mother = make_mother(factories.CountyFactory(slug="lishi", name="离石区"))
    course = factories.TrainingCoursePageFactory(
        title=TITLE, sessions=[factories.session_in(7), factories.session_in(9)]
    )
    restrict(course, "groups", Group.objects.create(name="内部人员"))
    client.force_login(mother)
    url = reverse("enrollment:training_book_all", args=[course.pk])

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not Booking.objects.exists()


def test_a_class_under_a_private_index_page_is_not_found_on_its_booking_page(
    client, guardian_and_child
):
    """The privacy setting of a page above the course covers its sessions too (the booking
    page asks whether one exists in the session's own query)."""
    guardian, child = guardian_and_child
    course, session = summer_session()
    restrict(course.get_parent(), "groups", Group.objects.create(name="内部人员"))
    client.force_login(guardian)
    url = reverse("enrollment:session_book", args=[session.pk])

    assert client.get(url).status_code == 404
    assert client.post(url, {"child": [child.pk]}).status_code == 404
    assert not Booking.objects.exists(), "a session under a private index page was booked"


def test_a_private_sibling_page_does_not_hide_a_class(client, guardian_and_child):
    """Only the course's own page and the pages above it count, not a page beside it whose
    tree path merely shares the beginning of the course's."""
    guardian, child = guardian_and_child
    course, session = summer_session()
    sibling = factories.SummerClassPageFactory(parent=course.get_parent(), title="另一个班")
    restrict(sibling, "groups", Group.objects.create(name="内部人员"))
    client.force_login(guardian)

    response = client.post(
        reverse("enrollment:session_book", args=[session.pk]), {"child": [child.pk]}
    )

    assert response.status_code == 302
    assert Booking.objects.filter(child=child, session=session).exists()
