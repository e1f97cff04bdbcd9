"""Many people booking the same session at the same moment never overbook it.

Real threads, each with its own database connection, call ``services.booking_create`` on one
session after a barrier, in real transactions (``transaction=True``). On PostgreSQL the
session row lock (``select_for_update``) serialises them: exactly ``capacity`` seats are
confirmed, ``Session.seats_taken`` agrees, everyone else is on the waiting list in a well
defined order, and nobody gets an error (the lock is held for milliseconds, far below the
``BOOKING_LOCK_TIMEOUT_SECONDS`` after which a booker would be told the session is busy).
"""

import sqlite3
import threading
from collections import Counter

from django.db import connection, connections

import pytest

from courses.models import Session, SummerClassPage
from enrollment import services
from enrollment.models import Booking, BookingEvent
from tests import factories
from tests.enrollment.concurrency_support import Outcome, book_all_at_once, rows_locked_elsewhere
from tests.makers import county, make_child, make_guardian, make_mother, make_pair

Status = Booking.Status

# serialized_rollback puts back what data migrations made (home page, groups), which the
# flush after a transactional test would otherwise remove for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks (select_for_update) are only real on PostgreSQL; "
    "run with DATABASE_URL=postgres://...",
)


def guardians_with_children(n: int, lishi) -> list[tuple]:
    people = []
    for i in range(n):
        guardian = make_guardian()
        people.append((guardian, make_child(guardian=guardian, county_obj=lishi, name=f"孩子{i}")))
    return people


def class_session(capacity: int, fmt=SummerClassPage.Format.CHILD) -> Session:
    course = factories.SummerClassPageFactory(
        format=fmt, age_min=6, age_max=12, sessions=[factories.session_in(7, capacity=capacity)]
    )
    return course.sessions.get()


def assert_no_errors(outcome: Outcome, expected: int) -> None:
    assert not outcome.errors, f"booking raised {outcome.errors!r}"
    assert outcome.busy == 0, f"{outcome.busy} bookers were told the session is busy"
    assert len(outcome.bookings) == expected


def assert_waitlist_in_a_strict_order(session: Session, expected: int) -> None:
    waiting = list(
        Booking.objects.filter(session=session, status=Status.WAITLISTED).order_by(
            "waitlisted_at", "pk"
        )
    )
    assert len(waiting) == expected
    assert all(b.waitlisted_at for b in waiting), "a waiting booking has no place in the queue"
    times = [b.waitlisted_at for b in waiting]
    assert len(set(times)) == len(times), (
        f"{len(times) - len(set(times))} waiting bookings share a waitlisted_at: "
        "their place in the queue is decided by the id alone"
    )


def assert_seats_went_to_the_first_through_the_lock(session: Session) -> None:
    """Ids are given out under the lock, so every confirmed booking has a smaller id than every
    waiting one: the seats went to those who got the lock first, none was handed out late."""
    bookings = Booking.objects.filter(session=session)
    confirmed = bookings.filter(status=Status.CONFIRMED).values_list("pk", flat=True)
    waiting = bookings.filter(status=Status.WAITLISTED).values_list("pk", flat=True)
    assert max(confirmed) < min(waiting)


@pytest.mark.postgres
@on_postgresql
def test_thirty_families_booking_ten_seats_at_once_get_exactly_ten(settings):
    settings.BOOKING_LOCK_TIMEOUT_SECONDS = 3
    lishi = county()
    session = class_session(capacity=10)
    families = guardians_with_children(30, lishi)

    outcome = book_all_at_once(session.pk, families)

    assert_no_errors(outcome, expected=30)
    statuses = Counter(Booking.objects.filter(session=session).values_list("status", flat=True))
    assert statuses == {Status.CONFIRMED: 10, Status.WAITLISTED: 20}, statuses
    session.refresh_from_db()
    assert session.seats_taken == 10 == session.capacity
    assert session.seats_left == 0
    assert_waitlist_in_a_strict_order(session, expected=20)
    assert_seats_went_to_the_first_through_the_lock(session)
    # One history entry per booking, written in the same transaction.
    assert BookingEvent.objects.filter(booking__session=session).count() == 30


@pytest.mark.postgres
@on_postgresql
def test_pairs_booking_an_odd_number_of_seats_at_once_never_get_half_a_booking(settings):
    """Nine seats, twelve mother-and-child pairs (two seats each): four pairs fit, the ninth
    seat stays free, and every booking holds both seats or none."""
    settings.BOOKING_LOCK_TIMEOUT_SECONDS = 3
    lishi = county()
    session = class_session(capacity=9, fmt=SummerClassPage.Format.PARENT_CHILD)
    pairs = []
    for i in range(12):
        mother = make_mother(lishi)
        child = make_child(county_obj=lishi, name=f"结对孩子{i}", age=8)
        make_pair(mother, child)
        pairs.append((mother, child))

    outcome = book_all_at_once(session.pk, pairs)

    assert_no_errors(outcome, expected=12)
    bookings = Booking.objects.filter(session=session)
    assert set(bookings.values_list("kind", "seats")) == {(Booking.Kind.PAIR, 2)}
    assert bookings.filter(status=Status.CONFIRMED).count() == 4
    assert bookings.filter(status=Status.WAITLISTED).count() == 8
    session.refresh_from_db()
    assert session.seats_taken == 8, "a pair took one seat, or a seat was counted twice"
    assert_waitlist_in_a_strict_order(session, expected=8)
    assert_seats_went_to_the_first_through_the_lock(session)


@pytest.mark.postgres
@on_postgresql
def test_a_booker_who_cannot_get_the_lock_in_time_is_told_busy_not_given_an_error(settings):
    """While another transaction holds the session row longer than the lock timeout, a booking
    fails with SessionBusy (a message for the person), and takes no seat."""
    settings.BOOKING_LOCK_TIMEOUT_SECONDS = 1
    lishi = county()
    session = class_session(capacity=5)
    ((guardian, child),) = guardians_with_children(1, lishi)

    with rows_locked_elsewhere(Session.objects.filter(pk=session.pk)):
        outcome = book_all_at_once(session.pk, [(guardian, child)])

    assert outcome.busy == 1 and not outcome.bookings and not outcome.errors
    assert not Booking.objects.filter(session=session).exists()
    session.refresh_from_db()
    assert session.seats_taken == 0


@pytest.mark.postgres
@on_postgresql
def test_booking_locks_only_the_session_row_not_its_course_page(settings):
    """While one session of a course is locked (someone booking it) and the course's page row
    is locked (an editor publishing), another session of the same course can still be booked
    at once: the booking locks its session's row only."""
    from courses.models import CoursePage

    settings.BOOKING_LOCK_TIMEOUT_SECONDS = 1
    lishi = county()
    course = factories.SummerClassPageFactory(
        age_min=6,
        age_max=12,
        sessions=[factories.session_in(7, capacity=5), factories.session_in(9, capacity=5)],
    )
    first, second = course.sessions.order_by("start")
    ((guardian, child),) = guardians_with_children(1, lishi)

    with rows_locked_elsewhere(
        Session.objects.filter(pk=first.pk), CoursePage.objects.filter(pk=course.pk)
    ):
        outcome = book_all_at_once(second.pk, [(guardian, child)])

    assert_no_errors(outcome, expected=1)
    assert outcome.bookings[0].status == Status.CONFIRMED


# SQLite ----------------------------------------------------------------------------------------


def in_a_thread(function):
    """Run ``function`` in a new thread (so with a new connection) and return its result."""
    result = {}

    def run() -> None:
        try:
            result["value"] = function()
        except BaseException as error:  # re-raised below
            result["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    if "error" in result:
        raise result["error"]
    return result["value"]


@pytest.fixture
def on_a_sqlite_file(tmp_path):
    """Call it to copy the test database to a file and point new connections at that file.

    pytest's SQLite test database lives in memory with a shared cache, where SQLite reports a
    table lock at once ("database table is locked") instead of waiting; the site runs on a
    file, where IMMEDIATE transactions wait their turn for up to ``timeout`` seconds. Threads
    started afterwards connect to the file; the test's own connection (and the flush after
    the test) keeps the in-memory database."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's write queue only matters on SQLite")
    assert connection.settings_dict["OPTIONS"].get("transaction_mode") == "IMMEDIATE", (
        "the settings no longer ask SQLite for IMMEDIATE transactions"
    )
    name = connection.settings_dict["NAME"]

    def copy() -> None:
        path = tmp_path / "bookings.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        connection.settings_dict["NAME"] = str(path)

    try:
        yield copy
    finally:
        connection.settings_dict["NAME"] = name


def test_on_sqlite_concurrent_bookers_queue_for_the_write_lock_instead_of_failing(
    on_a_sqlite_file,
):
    """Thirty bookers at once on a SQLite file: IMMEDIATE transactions take the write lock at
    BEGIN, so they run one after the other; nobody sees "database is locked", and exactly
    the capacity is confirmed."""
    lishi = county()
    session = class_session(capacity=10)
    families = guardians_with_children(30, lishi)
    on_a_sqlite_file()

    outcome = book_all_at_once(session.pk, families)

    assert_no_errors(outcome, expected=30)
    assert not Booking.objects.filter(session=session).exists(), "the threads missed the file"

    def read() -> tuple[Counter, int]:
        statuses = Counter(Booking.objects.filter(session=session).values_list("status", flat=True))
        return statuses, Session.objects.get(pk=session.pk).seats_taken

    statuses, taken = in_a_thread(read)
    assert statuses == {Status.CONFIRMED: 10, Status.WAITLISTED: 20}, statuses
    assert taken == 10


def test_on_sqlite_a_booker_who_waits_too_long_for_the_write_lock_is_told_busy(
    on_a_sqlite_file,
):
    """IMMEDIATE transactions wait for SQLite's write lock at BEGIN, before the service takes
    the session lock; when another writer holds it past the timeout, the booker is told the
    session is busy (SessionBusy, a message), not given a server error."""
    from django.db import transaction

    lishi = county()
    session = class_session(capacity=5)
    ((guardian, child),) = guardians_with_children(1, lishi)
    options = connection.settings_dict["OPTIONS"]
    timeout = options["timeout"]
    options["timeout"] = 0.5
    holding = threading.Event()
    release = threading.Event()

    def hold_the_write_lock() -> None:
        try:
            with transaction.atomic():  # BEGIN IMMEDIATE: SQLite's one write lock
                holding.set()
                release.wait(timeout=10)
        finally:
            connections.close_all()

    try:
        on_a_sqlite_file()
        holder = threading.Thread(target=hold_the_write_lock)
        holder.start()
        try:
            assert holding.wait(timeout=10)
            outcome = book_all_at_once(session.pk, [(guardian, child)])
        finally:
            release.set()
            holder.join(timeout=10)
    finally:
        options["timeout"] = timeout

    assert not outcome.errors, f"booking raised {outcome.errors!r} instead of SessionBusy"
    assert outcome.busy == 1 and not outcome.bookings


def test_on_sqlite_an_editor_cancelling_a_session_while_the_lock_is_held_is_told_busy(
    on_a_sqlite_file,
):
    """Cancelling a session locks it like booking does, so a write lock not had in time is
    SessionBusy there too, not a server error."""
    from django.db import transaction

    from enrollment.services.sessions import session_cancel

    session = class_session(capacity=5)
    options = connection.settings_dict["OPTIONS"]
    timeout = options["timeout"]
    options["timeout"] = 0.5
    holding = threading.Event()
    release = threading.Event()

    def hold_the_write_lock() -> None:
        try:
            with transaction.atomic():
                holding.set()
                release.wait(timeout=10)
        finally:
            connections.close_all()

    def cancel() -> str:
        try:
            session_cancel(session=Session.objects.get(pk=session.pk), actor=None)
        except services.SessionBusy:
            return "busy"
        return "cancelled"

    try:
        on_a_sqlite_file()
        holder = threading.Thread(target=hold_the_write_lock)
        holder.start()
        try:
            assert holding.wait(timeout=10)
            outcome = in_a_thread(cancel)
        finally:
            release.set()
            holder.join(timeout=10)
    finally:
        options["timeout"] = timeout

    assert outcome == "busy"
