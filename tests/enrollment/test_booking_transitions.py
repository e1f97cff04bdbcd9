"""The rules the booking races broke, each pinned down without threads where it can be:

- every status change follows ``Booking.TRANSITIONS`` from the status the booking still has;
- releasing a person's bookings leaves alone a booking that ended while it ran;
- the waiting list's order is the order of getting through the session lock, not the time a
  request was read;
- a new booking locks the rows of the people it books before it looks for their clashes
  (PostgreSQL: another transaction holding the mother's or the child's row holds it up).
"""

from django.db import connection
from django.utils import timezone

import pytest

from courses.models import SummerClassPage
from enrollment import services
from enrollment.models import Booking, BookingEvent
from enrollment.services import bookings as booking_services
from tests import factories
from tests.enrollment.concurrency_support import book_all_at_once, rows_locked_elsewhere
from tests.makers import county, make_child, make_guardian, make_mother, make_pair

Status = Booking.Status


def class_session(capacity: int, days: float = 7, fmt=SummerClassPage.Format.CHILD):
    course = factories.SummerClassPageFactory(
        format=fmt,
        age_min=6,
        age_max=12,
        sessions=[factories.session_in(days, capacity=capacity)],
    )
    return course.sessions.get()


def family():
    guardian = make_guardian()
    return guardian, make_child(guardian=guardian, name=f"孩子{guardian.pk}", age=8)


@pytest.mark.django_db
def test_a_move_not_in_the_transition_table_is_refused():
    session = class_session(capacity=5)
    guardian, child = family()
    booking = services.booking_create(session=session, booker=guardian, child=child)
    assert booking.status == Status.CONFIRMED

    with pytest.raises(services.DomainError):
        booking_services.set_status(booking, Status.OFFERED, None)

    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED, "a confirmed booking was moved to 'offered'"
    assert booking.events.count() == 1


@pytest.mark.django_db
def test_a_stale_copy_of_a_booking_cannot_move_it_again():
    """A copy read before someone else cancelled the booking still says 'confirmed'; moving it
    must check the status the row has now, not the one the copy remembers."""
    session = class_session(capacity=5)
    guardian, child = family()
    booking = services.booking_create(session=session, booker=guardian, child=child)
    stale = Booking.objects.get(pk=booking.pk)
    services.booking_cancel(booking=booking, actor=guardian)

    with pytest.raises(services.DomainError):
        booking_services.set_status(stale, Status.CANCELLED, None)

    transitions = list(booking.events.values_list("from_status", "to_status"))
    assert transitions == [("", Status.CONFIRMED), (Status.CONFIRMED, Status.CANCELLED)], (
        f"the cancelled booking was cancelled again: {transitions}"
    )


@pytest.mark.django_db
def test_releasing_a_childs_bookings_leaves_one_that_ended_meanwhile(monkeypatch):
    """bookings_release lists the child's active bookings, then takes them one at a time under
    their session's lock. One cancelled by her guardian in between is not cancelled again (nor
    counted)."""
    guardian, child = family()
    first = services.booking_create(session=class_session(5, days=7), booker=guardian, child=child)
    second = services.booking_create(session=class_session(5, days=9), booker=guardian, child=child)
    real_lock = booking_services.lock_session
    calls = []

    def guardian_cancels_the_other_meanwhile(session_id, course=None):
        calls.append(session_id)
        if len(calls) == 1:
            other = second if session_id == first.session_id else first
            services.booking_cancel(booking=other, actor=guardian)
        return real_lock(session_id, course)

    monkeypatch.setattr(booking_services, "lock_session", guardian_cancels_the_other_meanwhile)
    released = services.bookings_release(child=child, note="removed")

    assert released == 1, f"released {released} bookings, but only one was still active"
    for booking in (first, second):
        transitions = list(booking.events.values_list("from_status", "to_status", "actor"))
        assert len(transitions) == 2, f"booking {booking.pk} changed again: {transitions}"
        assert transitions[1][:2] == (Status.CONFIRMED, Status.CANCELLED)


@pytest.mark.django_db
def test_a_request_read_early_still_joins_the_queue_behind_those_already_in_it():
    """The place in the queue is taken under the session lock. A booking whose request began
    (``now``) before an earlier arrival got through the lock still queues behind her, and the
    freed seat is offered to the earlier arrival."""
    session = class_session(capacity=1)
    first_family, early_family, late_family = family(), family(), family()
    holder = services.booking_create(session=session, booker=first_family[0], child=first_family[1])
    began = timezone.now()
    ahead = services.booking_create(session=session, booker=early_family[0], child=early_family[1])
    behind = services.booking_create(
        session=session, booker=late_family[0], child=late_family[1], now=began
    )
    assert ahead.status == behind.status == Status.WAITLISTED
    assert behind.waitlisted_at > ahead.waitlisted_at, (
        "the later booking took its place in the queue from a time read before the lock"
    )

    services.booking_cancel(booking=holder, actor=first_family[0])

    ahead.refresh_from_db()
    behind.refresh_from_db()
    assert (ahead.status, behind.status) == (Status.OFFERED, Status.WAITLISTED)


# PostgreSQL: the people's rows are locked ------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are only real on PostgreSQL"
)
@pytest.mark.parametrize("whose", ["mother", "child"])
def test_a_pair_booking_waits_for_the_mothers_and_the_childs_rows(whose, settings):
    settings.BOOKING_LOCK_TIMEOUT_SECONDS = 1
    lishi = county()
    session = class_session(capacity=6, fmt=SummerClassPage.Format.PARENT_CHILD)
    mother = make_mother(lishi)
    child = make_child(county_obj=lishi, name="李小红", age=8)
    make_pair(mother, child)
    row = mother.volunteer if whose == "mother" else child
    held = type(row).objects.filter(pk=row.pk)

    with rows_locked_elsewhere(held):
        outcome = book_all_at_once(session.pk, [(mother, child)])

    assert not outcome.errors, outcome.errors
    assert outcome.busy == 1, (
        f"the booking went through while the {whose}'s row was locked elsewhere: "
        "bookings of the same person on different sessions are not serialised"
    )
    assert not Booking.objects.filter(session=session).exists()
    assert not BookingEvent.objects.exists()


def test_the_lock_order_is_mother_then_child_then_session(monkeypatch, db):
    """Two bookings never wait for each other in a circle: every booking takes the people's
    rows in one order, before the session's."""
    order = []
    real_people, real_session = booking_services.lock_people, booking_services.lock_session

    def people(*, volunteer, child):
        order.extend(name for name, row in (("mother", volunteer), ("child", child)) if row)
        return real_people(volunteer=volunteer, child=child)

    def session_lock(session_id, course=None):
        order.append("session")
        return real_session(session_id, course)

    monkeypatch.setattr(booking_services, "lock_people", people)
    monkeypatch.setattr(booking_services, "lock_session", session_lock)
    lishi = county()
    session = class_session(capacity=6, fmt=SummerClassPage.Format.PARENT_CHILD)
    mother = make_mother(lishi)
    child = make_child(county_obj=lishi, name="李小红", age=8)
    make_pair(mother, child)

    services.booking_create(session=session, booker=mother, child=child)

    assert order == ["mother", "child", "session"]
