"""The notices of bookings and sessions: each is recorded by the change that causes it, in
its transaction, and its text; the reminders' exactly-once rules."""

import datetime as dt

from django.utils import timezone

import icalendar
import pytest

from courses.domain_signals import session_moved
from enrollment import services
from enrollment.calendar.feed import session_uid
from enrollment.models import Booking
from enrollment.notices import reminders_record
from enrollment.services.sessions import session_cancel
from people import sms
from people.models import Notification
from people.services.notifications import notification_send
from tests.enrollment.attendance_support import at, book, training
from tests.makers import make_mother

pytestmark = pytest.mark.django_db
Kind = Notification.Kind


def send_all() -> None:
    for pk in (
        Notification.objects.filter(status="pending").order_by("pk").values_list("pk", flat=True)
    ):
        notification_send(notification_id=pk)


def kinds_of(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True)
    )


@pytest.fixture
def session(lishi):
    return training([at(5)], lishi, capacity=1).sessions.get()


def test_a_confirmed_booking_is_told_with_the_sessions_ics(session, lishi, mailoutbox):
    mother = make_mother(lishi, name="王秀兰")
    booking = book(session, mother)
    assert kinds_of(mother) == [Kind.BOOKING_CONFIRMED]
    notice = Notification.objects.get(recipient=mother)
    assert notice.session_id == session.pk and notice.county_id == lishi.pk

    send_all()

    message = mailoutbox[0]
    assert message.subject == f"预约成功：{session.course.title}"
    assert session.venue.address in message.body and "王秀兰" in message.body
    assert f"/me/bookings/{booking.pk}/" in message.body
    filename, content, mimetype = message.attachments[0]
    assert filename == "session.ics" and mimetype.startswith("text/calendar")
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == session.start
    assert str(event["summary"]) == session.course.title
    assert session.venue.address in str(event["location"])
    assert str(event["uid"]) == session_uid(session), "the same event as in her calendar feed"
    assert int(event["sequence"]) == session.sequence


def test_waitlisted_offered_and_expired(session, lishi, mailoutbox):
    first = book(session, make_mother(lishi))
    second_mother = make_mother(lishi)
    second = book(session, second_mother)
    assert kinds_of(second_mother) == [Kind.WAITLISTED]

    services.booking_cancel(
        booking=first, actor=first.booker, now=session.start - dt.timedelta(days=4)
    )
    assert kinds_of(second_mother) == [Kind.WAITLISTED, Kind.SEAT_OFFERED]
    assert kinds_of(first.booker) == [Kind.BOOKING_CONFIRMED, Kind.BOOKING_CANCELLED]

    Booking.objects.filter(pk=second.pk).update(offer_expires_at=timezone.now())
    services.offers_expire()
    assert kinds_of(second_mother) == [Kind.WAITLISTED, Kind.SEAT_OFFERED, Kind.OFFER_EXPIRED]

    send_all()
    to_second = [m for m in mailoutbox if m.to == [second_mother.email]]
    assert [m.subject.split("：")[0] for m in to_second] == [
        "已排队候补",
        "有空位为您保留",
        "保留的名额已过期",
    ]
    offer = to_second[1].body
    assert (
        f"/me/bookings/{second.pk}/accept/" in offer
        and f"/me/bookings/{second.pk}/cancel/" in offer
    )
    assert "年" in offer.split("保留到")[1], "the deadline, written in Chinese"
    cancelled = [m for m in mailoutbox if m.to == [first.booker.email]][1]
    assert cancelled.subject.startswith("预约已取消")


def test_an_accepted_offer_is_confirmed_with_its_ics(session, lishi, mailoutbox):
    first = book(session, make_mother(lishi))
    mother = make_mother(lishi)
    second = book(session, mother)
    services.booking_cancel(
        booking=first, actor=first.booker, now=session.start - dt.timedelta(days=4)
    )
    services.offer_accept(booking=second, actor=mother)
    assert kinds_of(mother) == [Kind.WAITLISTED, Kind.SEAT_OFFERED, Kind.BOOKING_CONFIRMED]


def test_a_cancelled_session_is_told_once_not_as_a_cancelled_booking(session, lishi):
    mother = make_mother(lishi)
    book(session, mother)
    session_cancel(session=session, actor=None)
    session_cancel(session=session, actor=None)
    assert kinds_of(mother) == [Kind.BOOKING_CONFIRMED, Kind.SESSION_CANCELLED]


# Reminders --------------------------------------------------------------------------------


def booked_days_ago(session, mother, days=3):
    booking = book(session, mother)
    Booking.objects.filter(pk=booking.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days)
    )
    return booking


@pytest.fixture
def tomorrow(lishi):
    return training([timezone.now() + dt.timedelta(hours=20)], lishi).sessions.get()


def test_a_reminder_is_recorded_once_and_its_text(tomorrow, lishi, mailoutbox):
    mother = make_mother(lishi)
    booked_days_ago(tomorrow, mother)
    assert reminders_record() == 1
    assert reminders_record() == 0
    send_all()
    reminder = [m for m in mailoutbox if m.subject.startswith("活动提醒")]
    assert len(reminder) == 1 and tomorrow.venue.name in reminder[0].body


def test_a_booking_made_after_its_reminder_time_gets_no_stale_reminder(tomorrow, lishi):
    mother = make_mother(lishi)
    services.booking_create(session=tomorrow, booker=mother)  # booked now, 20 h before
    assert reminders_record() == 0
    assert kinds_of(mother) == [Kind.BOOKING_CONFIRMED]


def test_a_session_moved_after_its_reminder_gets_the_moved_notice_and_a_new_reminder(
    tomorrow, lishi, mailoutbox
):
    mother = make_mother(lishi)
    booked_days_ago(tomorrow, mother)
    assert reminders_record() == 1
    previous = {"start": tomorrow.start, "end": tomorrow.end, "venue_id": tomorrow.venue_id}
    tomorrow.start += dt.timedelta(hours=2)
    tomorrow.end += dt.timedelta(hours=2)
    tomorrow.save(update_fields=["start", "end"])
    session_moved.send(sender=type(tomorrow), session=tomorrow, previous=previous)
    session_moved.send(sender=type(tomorrow), session=tomorrow, previous=previous)  # twice

    assert reminders_record() == 1
    assert reminders_record() == 0
    assert kinds_of(mother) == [
        Kind.BOOKING_CONFIRMED,
        Kind.REMINDER,
        Kind.SESSION_MOVED,
        Kind.REMINDER,
    ]
    send_all()
    moved = [m for m in mailoutbox if m.subject.startswith("时间或地点有变")]
    assert len(moved) == 1 and "原时间" in moved[0].body


def test_moving_a_session_tells_those_booked_once_per_move(
    tomorrow, lishi, mailoutbox, django_capture_on_commit_callbacks
):
    """Through the real path: saving a new start raises the sequence and sends
    ``session_moved`` after commit; saving again without a change tells no one."""
    mother = make_mother(lishi)
    booked_days_ago(tomorrow, mother)
    with django_capture_on_commit_callbacks(execute=True):
        tomorrow.start += dt.timedelta(days=1)
        tomorrow.end += dt.timedelta(days=1)
        tomorrow.save()
    with django_capture_on_commit_callbacks(execute=True):
        tomorrow.save()
    moved = Notification.objects.filter(recipient=mother, kind=Kind.SESSION_MOVED)
    assert list(moved.values_list("version", flat=True)) == ["seq:1"]
    assert [m.subject for m in mailoutbox if m.subject.startswith("时间或地点有变")]


def test_two_overlapping_reminder_runs_record_each_reminder_once(tomorrow, lishi, monkeypatch):
    """Two runs interleaved: both read the same due bookings before either records; the
    outbox's unique key lets one record through."""
    mothers = [make_mother(lishi) for _ in range(3)]
    for mother in mothers:
        booked_days_ago(tomorrow, mother)
    import enrollment.notices as notices

    real = notices.notification_record
    first_run_done = []

    def interleaved(**kwargs):
        made = real(**kwargs)
        if not first_run_done:
            first_run_done.append(True)
            # The second run starts while the first is between two records.
            assert reminders_record() == 2
        return made

    monkeypatch.setattr(notices, "notification_record", interleaved)
    first = reminders_record()
    assert first == 1, "the first run recorded its first; the second run took the other two"
    assert Notification.objects.filter(kind=Kind.REMINDER).count() == 3


def test_a_cancelled_session_gets_no_reminder(tomorrow, lishi):
    booked_days_ago(tomorrow, make_mother(lishi))
    session_cancel(session=tomorrow, actor=None)
    assert reminders_record() == 0


# Text messages ------------------------------------------------------------------------------


def test_booking_texts_fit_one_message(session, lishi):
    mother = make_mother(lishi, email="", phone="+8613812345678")
    book(session, mother)
    send_all()
    assert len(sms.outbox) == 1
    assert len(sms.outbox[0].message) <= 70, sms.outbox[0].message
