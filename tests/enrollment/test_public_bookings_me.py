"""Her bookings: /me/ lists offers (accept / decline, with the expiry), upcoming seats (cancel,
respecting the deadline), waiting places with their position, and past bookings; her
booking's page shows the check-in code; nobody else's booking opens. Query counts stay fixed
on /me/ and on course pages whatever the number of bookings."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from enrollment import services
from enrollment.models import Booking
from tests import factories
from tests.makers import county, make_child, make_guardian, make_mother
from tests.support import assert_same_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
Status = Booking.Status
ME = reverse("people:me")


def training_session(capacity: int = 1, days: float = 7):
    course = factories.TrainingCoursePageFactory(
        sessions=[factories.session_in(days, capacity=capacity)]
    )
    return course.sessions.get()


def detail_url(booking: Booking) -> str:
    return reverse("enrollment:booking_detail", args=[booking.pk])


def cancel_url(booking: Booking) -> str:
    return reverse("enrollment:booking_cancel", args=[booking.pk])


def text(response) -> str:
    return response.content.decode()


def test_me_lists_her_upcoming_seat_with_links_to_its_code_and_cancelling(client, lishi):
    mother = make_mother(lishi)
    booking = services.booking_create(session=training_session(), booker=mother)
    client.force_login(mother)

    html = text(client.get(ME))

    assert "My bookings" in html and "Coming up" in html
    assert booking.session.course.title in html
    assert detail_url(booking) in html and cancel_url(booking) in html


def test_me_shows_waiting_places_in_first_come_first_served_order(client, lishi):
    session = training_session(capacity=1)
    services.booking_create(session=session, booker=make_mother(lishi))
    first, second = make_mother(lishi), make_mother(lishi)
    services.booking_create(session=session, booker=first)
    services.booking_create(session=session, booker=second)

    client.force_login(second)
    html = text(client.get(ME))

    assert "On the waiting list" in html
    assert "Position 2 on the waiting list" in html


def test_an_offer_on_me_can_be_accepted_before_it_expires(client, lishi):
    session = training_session(capacity=1)
    holder, waiting = make_mother(lishi), make_mother(lishi)
    held = services.booking_create(session=session, booker=holder)
    offered = services.booking_create(session=session, booker=waiting)
    services.booking_cancel(booking=held, actor=holder)
    offered.refresh_from_db()
    client.force_login(waiting)

    html = text(client.get(ME))
    response = client.post(reverse("enrollment:offer_accept", args=[offered.pk]), follow=True)

    assert "Seats offered to you" in html and "Accept by" in html
    assert reverse("enrollment:offer_accept", args=[offered.pk]) in html
    assert cancel_url(offered) in html  # decline
    offered.refresh_from_db()
    assert offered.status == Status.CONFIRMED
    assert "is confirmed" in text(response)


def test_declining_an_offer_passes_the_seat_on(client, lishi):
    session = training_session(capacity=1)
    holder, waiting = make_mother(lishi), make_mother(lishi)
    held = services.booking_create(session=session, booker=holder)
    offered = services.booking_create(session=session, booker=waiting)
    services.booking_cancel(booking=held, actor=holder)
    client.force_login(waiting)

    page = text(client.get(cancel_url(offered)))
    response = client.post(cancel_url(offered), follow=True)

    assert "Decline the seat?" in page
    offered.refresh_from_db()
    assert offered.status == Status.DECLINED
    assert "You have declined the seat offered" in text(response)


def test_an_expired_offer_cannot_be_accepted(client, lishi):
    session = training_session(capacity=1)
    holder, waiting = make_mother(lishi), make_mother(lishi)
    held = services.booking_create(session=session, booker=holder)
    offered = services.booking_create(session=session, booker=waiting)
    services.booking_cancel(booking=held, actor=holder)
    Booking.objects.filter(pk=offered.pk).update(
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    client.force_login(waiting)

    response = client.post(reverse("enrollment:offer_accept", args=[offered.pk]), follow=True)

    assert response.status_code == 200
    assert "This offer is no longer open." in text(response)


def test_she_cancels_her_seat_from_a_confirmation_page(client, lishi):
    mother = make_mother(lishi)
    booking = services.booking_create(session=training_session(), booker=mother)
    client.force_login(mother)

    page = text(client.get(cancel_url(booking)))
    response = client.post(cancel_url(booking), follow=True)

    assert "Cancel the booking?" in page and "Keep it" in page
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
    assert response.redirect_chain[-1][0] == ME
    assert "is cancelled" in text(response)


def test_after_the_deadline_she_is_told_to_contact_the_organisers(client, lishi, settings):
    settings.BOOKING_CANCEL_DEADLINE_HOURS = 24
    mother = make_mother(lishi)
    booking = services.booking_create(session=training_session(days=0.5), booker=mother)
    client.force_login(mother)

    me_html = text(client.get(ME))
    page = text(client.get(cancel_url(booking)))
    response = client.post(cancel_url(booking), follow=True)

    assert cancel_url(booking) not in me_html
    assert "please contact the organisers" in page and "<form" not in page.split("<main")[1]
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED
    assert "please contact the organisers" in text(response)


def test_her_booking_page_shows_the_check_in_code(client, lishi):
    mother = make_mother(lishi)
    booking = services.booking_create(session=training_session(), booker=mother)
    client.force_login(mother)

    html = text(client.get(detail_url(booking)))

    assert "Check-in code" in html and "<svg" in html


def test_nobody_else_opens_or_cancels_her_booking(client, lishi):
    mother = make_mother(lishi)
    booking = services.booking_create(session=training_session(), booker=mother)
    client.force_login(make_mother(lishi))

    assert client.get(detail_url(booking)).status_code == 404
    assert client.post(cancel_url(booking)).status_code == 404
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED


def test_past_and_cancelled_bookings_are_folded_away(client, lishi):
    mother = make_mother(lishi)
    booking = services.booking_create(session=training_session(), booker=mother)
    services.booking_cancel(booking=booking, actor=mother)
    client.force_login(mother)

    html = text(client.get(ME))

    assert "<details" in html and "Past and cancelled bookings" in html
    assert "You have no bookings coming up." in html


# Query counts ----------------------------------------------------------------------------------


def _queries(client, url: str) -> list[str]:
    client.get(url)  # warm the site caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def _guardian_with_bookings(county_obj, n: int):
    """A guardian whose n children each have a seat, a waiting place and a cancelled booking."""
    guardian = make_guardian()
    full = factories.SummerClassPageFactory(
        sessions=[factories.session_in(3, capacity=1)]
    ).sessions.get()
    other_guardian = make_guardian()
    services.booking_create(
        session=full,
        booker=other_guardian,
        child=make_child(guardian=other_guardian, county_obj=county_obj, name="李小华"),
    )
    course = factories.SummerClassPageFactory(
        sessions=[factories.session_in(7 + i, capacity=2) for i in range(n)]
    )
    for i, session in enumerate(course.sessions.all()):
        child = make_child(guardian=guardian, county_obj=county_obj, name=f"张小{i}")
        services.booking_create(session=session, booker=guardian, child=child)
        services.booking_create(session=full, booker=guardian, child=child)
        other = make_child(guardian=guardian, county_obj=county_obj, name=f"张大{i}")
        cancelled = services.booking_create(session=session, booker=guardian, child=other)
        services.booking_cancel(booking=cancelled, actor=guardian)
    return guardian, course


@pytest.mark.slow
def test_me_runs_the_same_queries_for_2_or_20_bookings(client, lishi):
    few_user, _ = _guardian_with_bookings(lishi, 2)
    many_user, _ = _guardian_with_bookings(county("wenshui", "文水县"), 20)

    client.force_login(few_user)
    few = _queries(client, ME)
    client.force_login(many_user)
    many = _queries(client, ME)

    assert len(client.get(ME).context["bookings"].upcoming) == 20
    assert_same_queries(few, many, "/me/")


@pytest.mark.slow
def test_a_course_page_runs_the_same_queries_for_2_or_20_booked_sessions(client, lishi):
    few_user, few_course = _guardian_with_bookings(lishi, 2)
    many_user, many_course = _guardian_with_bookings(county("wenshui", "文水县"), 20)

    client.force_login(few_user)
    few = _queries(client, few_course.url)
    client.force_login(many_user)
    many = _queries(client, many_course.url)

    assert text(client.get(many_course.url)).count('class="my-session-bookings"') == 20
    assert_same_queries(few, many, "course page")


def test_cancelling_a_booking_already_cancelled_says_it_is_no_longer_active(client, lishi):
    mother = make_mother(lishi)
    booking = services.booking_create(session=training_session(), booker=mother)
    services.booking_cancel(booking=booking, actor=mother)
    client.force_login(mother)

    page = text(client.get(cancel_url(booking)))
    response = client.post(cancel_url(booking), follow=True)

    assert "This booking is no longer active." in page
    assert "This booking is no longer active." in text(response)
