"""A person's private feed (/calendar/u/<token>.ics): her bookings and, for a caring mother,
the visits due on her pairs; the token (hashed, reset from /me/), and who can read what."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

import pytest

from enrollment import services as booking_services
from enrollment.calendar.tokens import calendar_token_reset, token_hash
from enrollment.models import BookingEvent, CalendarToken
from tests.enrollment.attendance_support import at, training
from tests.enrollment.calendar_support import fetch, parse, summaries
from tests.makers import make_child, make_guardian, make_pair

pytestmark = pytest.mark.django_db


def feed_url(token: str) -> str:
    return reverse("calendar:personal_feed", args=[token])


@pytest.fixture
def booked(mother, lishi):
    """Her confirmed booking of one training, and her cancelled booking of another."""
    kept = training([at(4)], lishi).sessions.get()
    dropped = training([at(6)], lishi).sessions.get()
    booking_services.booking_create(session=kept, booker=mother)
    cancelled = booking_services.booking_create(session=dropped, booker=mother)
    booking_services.booking_cancel(booking=cancelled, actor=mother)
    return kept, dropped, cancelled


def test_her_feed_has_her_bookings_and_cancelled_ones_for_a_while(client, mother, booked, settings):
    kept, dropped, cancelled = booked
    token = calendar_token_reset(user=mother)

    calendar = parse(fetch(client, feed_url(token)).content)
    events = {event["UID"].split("-")[1]: event for event in calendar.events}
    assert events[str(kept.pk)]["STATUS"] == "CONFIRMED"
    assert events[str(dropped.pk)]["STATUS"] == "CANCELLED"
    assert events[str(dropped.pk)]["SEQUENCE"] == dropped.sequence + 1

    BookingEvent.objects.filter(booking=cancelled).update(
        at=timezone.now() - dt.timedelta(days=settings.CALENDAR_KEEP_CANCELLED_DAYS + 1)
    )
    calendar = parse(fetch(client, feed_url(token)).content)
    assert [event["UID"].split("-")[1] for event in calendar.events] == [str(kept.pk)]


def test_a_mothers_due_visits_are_all_day_and_name_the_child_by_first_name(client, mother, lishi):
    today = timezone.localdate()
    birthday_soon = (today + dt.timedelta(days=3)).replace(year=today.year - 9)
    guardian = make_guardian()
    child = make_child(
        guardian=guardian, county_obj=lishi, name="张小雨", date_of_birth=birthday_soon
    )
    make_pair(mother, child)
    token = calendar_token_reset(user=mother)

    body = fetch(client, feed_url(token)).content
    calendar = parse(body)
    (due,) = [event for event in calendar.events if event["UID"].startswith("visit-")]
    assert isinstance(due.start, dt.date) and not isinstance(due.start, dt.datetime)
    assert "小雨" in str(due["SUMMARY"])
    assert "张小雨" not in body.decode()


def test_the_token_is_long_random_and_stored_hashed(mother):
    token = calendar_token_reset(user=mother)

    assert len(token) >= 43
    record = CalendarToken.objects.get(user=mother)
    assert record.token_hash == token_hash(token) != token
    assert token not in record.token_hash


def test_a_new_token_makes_the_old_url_404(client, mother, booked):
    old = calendar_token_reset(user=mother)
    assert client.get(feed_url(old)).status_code == 200

    new = calendar_token_reset(user=mother)

    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200
    assert client.get(feed_url("x" * 43)).status_code == 404


def test_another_persons_feed_is_out_of_reach(client, mother, booked):
    guardian = make_guardian()
    token = calendar_token_reset(user=guardian)

    assert summaries(parse(fetch(client, feed_url(token)).content)) == []


def test_me_offers_the_link_and_the_link_page_makes_it_once(client, mother, booked):
    client.force_login(mother)
    me = client.get(reverse("people:me")).text
    assert reverse("calendar:link") in me

    page = client.get(reverse("calendar:link"))
    assert page.status_code == 200
    assert not CalendarToken.objects.filter(user=mother).exists(), "a GET made a link"

    shown = client.post(reverse("calendar:link"))
    assert "no-store" in shown["Cache-Control"]
    links = shown.context["links"]
    assert links["webcal"].startswith("webcal://testserver/calendar/u/")
    assert links["https"] in shown.text and links["webcal"] in shown.text
    assert "设置 → 日历 → 账户 → 添加账户 → 其他 → 添加已订阅的日历" in shown.text
    assert client.get(links["https"]).status_code == 200

    client.post(reverse("calendar:link"))  # a new one: the old link stops working
    assert client.get(links["https"]).status_code == 404


def test_the_link_page_is_for_signed_in_people(client):
    response = client.post(reverse("calendar:link"))

    assert response.status_code == 302
    assert not CalendarToken.objects.exists()
