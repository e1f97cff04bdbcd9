"""Deleting a course page in the Wagtail admin (alone, with the page above it, or in bulk)
while a session of it has bookings is refused with a message saying to cancel the sessions
or unpublish the page: no server error, the page, its sessions and their bookings stay. A
course without bookings is deleted as before."""

from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse

import pytest

from courses.models import Session, TrainingCoursePage
from enrollment import services
from enrollment.models import Booking
from tests.enrollment.attendance_support import at, book, training
from tests.makers import make_mother, make_user, sign_in_with_second_factor, with_totp

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture(params=["superuser", "moderator"])
def admin_client(request, client, admin_user):
    """Signed in to the Wagtail admin as someone allowed to delete pages (with the second
    factor passed, as the admin asks of all staff)."""
    if request.param == "superuser":
        user = admin_user
    else:
        user = make_user()
        user.groups.add(Group.objects.get(name="Moderators"))  # Wagtail's own group
    return sign_in_with_second_factor(client, with_totp(user))


@pytest.fixture
def booked_course(lishi):
    """A training whose one session has a confirmed booking and a cancelled one."""
    course = training([at(5)], lishi)
    session = course.sessions.get()
    confirmed = book(session, make_mother(lishi))
    cancelled = book(session, make_mother(lishi))
    services.booking_cancel(booking=cancelled, actor=cancelled.booker)
    return course, confirmed


def _refusals(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if "cannot be deleted" in m.message]


def _assert_kept(course, confirmed) -> None:
    assert TrainingCoursePage.objects.filter(pk=course.pk).exists(), "the page was deleted"
    assert Session.objects.filter(course_id=course.pk).count() == 1
    confirmed.refresh_from_db()
    assert confirmed.status == Booking.Status.CONFIRMED
    assert Booking.objects.filter(session__course_id=course.pk).count() == 2


def _delete_url(page) -> str:
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_course_with_booked_sessions_is_not_deleted(admin_client, booked_course, method):
    course, confirmed = booked_course

    response = getattr(admin_client, method)(_delete_url(course))

    assert response.status_code == 302, f"{method.upper()} answered {response.status_code}"
    assert response.url == reverse("wagtailadmin_pages:edit", args=[course.pk])
    (refusal,) = _refusals(response)
    assert course.title in refusal and "Cancel the sessions" in refusal
    assert "unpublish the page" in refusal
    _assert_kept(course, confirmed)
    shown = admin_client.get(response.url)
    assert "cannot be deleted: its sessions have bookings" in shown.content.decode()


def test_the_page_above_booked_courses_is_not_deleted(editor_client, booked_course):
    """Only a superuser may delete a page with pages under it."""
    course, confirmed = booked_course
    index = course.get_parent()

    response = editor_client.post(_delete_url(index))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_explore", args=[index.pk])
    (refusal,) = _refusals(response)
    assert index.title in refusal and course.title in refusal
    _assert_kept(course, confirmed)


def test_booked_courses_are_not_deleted_in_bulk(admin_client, booked_course, lishi):
    course, confirmed = booked_course
    unbooked = training([at(6)], lishi)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    query = f"?id={course.pk}&id={unbooked.pk}&next=/admin/"

    response = admin_client.post(url + query)

    assert response.status_code == 302
    assert response.url == "/admin/"
    (refusal,) = _refusals(response)
    assert course.title in refusal
    _assert_kept(course, confirmed)
    assert TrainingCoursePage.objects.filter(pk=unbooked.pk).exists(), (
        "a bulk deletion refused for one page deleted the others"
    )


def test_a_course_without_bookings_is_still_deleted(admin_client, lishi):
    course = training([at(5)], lishi)

    response = admin_client.post(_delete_url(course))

    assert response.status_code == 302
    assert not TrainingCoursePage.objects.filter(pk=course.pk).exists()
    assert not Session.objects.filter(course_id=course.pk).exists()
    assert _refusals(response) == []
