"""The offers expiry job: run through Celery (eagerly, as without a broker), it expires offers
past their hold time and passes the seats on; running it again changes nothing; the beat
schedule runs it every five minutes. The reminders job tells those booked for the next day,
once."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

import pytest

from enrollment import services
from enrollment.models import Booking, BookingEvent
from enrollment.tasks import expire_offers, send_session_reminders
from tests.enrollment.attendance_support import at, book, training
from tests.makers import county, make_mother

pytestmark = pytest.mark.django_db
Status = Booking.Status


@pytest.fixture
def expired_offer(settings):
    lishi = county("lishi", "离石区")
    session = training([at(5)], lishi, capacity=1).sessions.get()
    first = book(session, make_mother(lishi))
    offered = book(session, make_mother(lishi))
    next_in_line = book(session, make_mother(lishi))
    services.booking_cancel(booking=first, actor=first.booker)
    offered.refresh_from_db()
    assert offered.status == Status.OFFERED
    Booking.objects.filter(pk=offered.pk).update(
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    return offered, next_in_line


def test_the_task_expires_overdue_offers_and_offers_the_seat_on(expired_offer):
    offered, next_in_line = expired_offer

    result = expire_offers.delay()

    assert result.get() == 1
    offered.refresh_from_db(), next_in_line.refresh_from_db()
    assert offered.status == Status.EXPIRED
    assert next_in_line.status == Status.OFFERED


def test_running_the_task_twice_is_harmless(expired_offer):
    offered, next_in_line = expired_offer
    expire_offers.delay()
    events = offered.events.count() + next_in_line.events.count()

    assert expire_offers.delay().get() == 0

    assert offered.events.count() + next_in_line.events.count() == events


def test_the_task_has_a_time_limit():
    assert expire_offers.time_limit and expire_offers.soft_time_limit
    assert expire_offers.soft_time_limit < expire_offers.time_limit


def test_the_beat_schedule_expires_offers_every_five_minutes_and_reminds_hourly():
    schedule = {e["task"]: e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert schedule[expire_offers.name] == 300
    assert schedule[send_session_reminders.name] == 3600


# Reminders ----------------------------------------------------------------------------------


@pytest.fixture
def tomorrows_booking():
    lishi = county("lishi", "离石区")
    session = training([timezone.now() + dt.timedelta(hours=20)], lishi).sessions.get()
    booking = book(session, make_mother(lishi))
    # Booked days ago, before its reminder time (a booking made later gets no reminder).
    Booking.objects.filter(pk=booking.pk).update(created_at=timezone.now() - dt.timedelta(days=3))
    return booking


def test_those_booked_for_tomorrow_are_reminded_once(
    tomorrows_booking, mailoutbox, django_capture_on_commit_callbacks
):
    later = training(
        [timezone.now() + dt.timedelta(days=3)], tomorrows_booking.session.venue.county
    ).sessions.get()
    book(later, make_mother())

    with django_capture_on_commit_callbacks(execute=True):
        assert send_session_reminders.delay().get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_session_reminders.delay().get() == 0

    assert [mail.to for mail in mailoutbox] == [[tomorrows_booking.booker.email]]
    kinds = list(tomorrows_booking.events.order_by("pk").values_list("kind", flat=True))
    assert kinds == [BookingEvent.Kind.STATUS, BookingEvent.Kind.REMINDER], kinds


def test_the_reminder_window_is_a_setting(settings, mailoutbox, django_capture_on_commit_callbacks):
    lishi = county("lishi", "离石区")
    session = training([timezone.now() + dt.timedelta(hours=40)], lishi).sessions.get()
    booking = book(session, make_mother(lishi))
    Booking.objects.filter(pk=booking.pk).update(created_at=timezone.now() - dt.timedelta(days=3))

    with django_capture_on_commit_callbacks(execute=True):
        assert send_session_reminders.delay().get() == 0, "reminded 40 hours ahead with 24"
    settings.BOOKING_REMINDER_HOURS = 48
    with django_capture_on_commit_callbacks(execute=True):
        assert send_session_reminders.delay().get() == 1


def test_a_cancelled_booking_gets_no_reminder(
    tomorrows_booking, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.BOOKING_CANCEL_DEADLINE_HOURS = 1
    services.booking_cancel(booking=tomorrows_booking, actor=tomorrows_booking.booker)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_session_reminders.delay().get() == 0
    assert mailoutbox == []
