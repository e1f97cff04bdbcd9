"""attendance_mark: who may mark which session (county scope), only confirmed bookings, from
the day of the session, each change kept in the booking's history."""

import pytest

from enrollment.models import Booking, BookingEvent
from enrollment.services.attendance import attendance_mark
from people.errors import DomainError
from tests.enrollment.attendance_support import at, book, training
from tests.makers import county, make_city_staff, make_coordinator, make_editor, make_mother

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
PRESENT, ABSENT, EXCUSED = "present", "absent", "excused"


@pytest.fixture
def xingxian():
    return county("xingxian", "兴县")


@pytest.fixture
def todays_booking(lishi):
    session = training([at(0, hour=0)], lishi).sessions.get()
    return book(session, make_mother(lishi))


def test_the_county_coordinator_marks_a_mother_present_and_it_is_kept_in_history(
    lishi, todays_booking
):
    coordinator = make_coordinator(lishi)

    booking = attendance_mark(booking=todays_booking, status=PRESENT, actor=coordinator)

    booking.refresh_from_db()
    assert booking.attendance == PRESENT
    event = booking.events.latest("pk")
    assert event.actor == coordinator and "present" in event.note
    assert event.kind == BookingEvent.Kind.ATTENDANCE, (
        "an attendance mark looks like a status change"
    )
    assert event.from_status == event.to_status == Booking.Status.CONFIRMED


def test_another_countys_coordinator_cannot_mark(xingxian, todays_booking):
    with pytest.raises(DomainError, match="your county"):
        attendance_mark(booking=todays_booking, status=PRESENT, actor=make_coordinator(xingxian))
    todays_booking.refresh_from_db()
    assert todays_booking.attendance == ""


@pytest.mark.parametrize("status", [PRESENT, ABSENT, EXCUSED])
def test_city_staff_mark_any_county(todays_booking, status):
    attendance_mark(booking=todays_booking, status=status, actor=make_city_staff())
    todays_booking.refresh_from_db()
    assert todays_booking.attendance == status


def test_editors_and_mothers_cannot_mark(lishi, todays_booking):
    for actor in (make_editor(), make_mother(lishi), todays_booking.booker):
        with pytest.raises(DomainError):
            attendance_mark(booking=todays_booking, status=PRESENT, actor=actor)


def test_an_unknown_mark_is_refused(todays_booking):
    with pytest.raises(DomainError, match="present, absent or excused"):
        attendance_mark(booking=todays_booking, status="late", actor=make_city_staff())


def test_only_confirmed_bookings_are_marked(lishi):
    session = training([at(0, hour=0)], lishi, capacity=1).sessions.get()
    book(session, make_mother(lishi))
    waiting = book(session, make_mother(lishi))
    assert waiting.status == Booking.Status.WAITLISTED

    with pytest.raises(DomainError, match="confirmed"):
        attendance_mark(booking=waiting, status=PRESENT, actor=make_city_staff())


def test_attendance_cannot_be_taken_before_the_day_of_the_session(lishi):
    booking = book(training([at(1)], lishi).sessions.get(), make_mother(lishi))
    with pytest.raises(DomainError, match="day of the session"):
        attendance_mark(booking=booking, status=PRESENT, actor=make_city_staff())


def test_marking_the_same_again_records_nothing_new(todays_booking):
    staff = make_city_staff()
    attendance_mark(booking=todays_booking, status=PRESENT, actor=staff)
    events = todays_booking.events.count()

    attendance_mark(booking=todays_booking, status=PRESENT, actor=staff)
    attendance_mark(booking=todays_booking, status=ABSENT, actor=staff)

    assert todays_booking.events.count() == events + 1
    todays_booking.refresh_from_db()
    assert todays_booking.attendance == ABSENT
