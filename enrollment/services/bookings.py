"""Booking, cancelling, the waiting list and offers. The session's row is the lock.

Capacity rules (after pretix's locking notes): eligibility is checked first without a lock;
then the session row is locked once, as late as possible (``select_for_update`` on
PostgreSQL; SQLite's IMMEDIATE transactions serialise writers), availability is re-checked,
and ``Session.seats_taken`` changes in the same transaction. Database constraints (one active
booking per mother / child per session) are the last line. A lock that cannot be had within
``BOOKING_LOCK_TIMEOUT_SECONDS`` raises ``SessionBusy`` ("busy, please try again").

A person may not be in two places at once, a rule across sessions that no session lock
covers: a new booking first locks the rows of the people it books (the mother's, then the
child's, always in that order, then the session's), and only then looks for clashes.

Every status change goes through ``set_status``, which allows only the moves in
``Booking.TRANSITIONS`` and only from the status the booking still has in the database.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage, Session, TrainingCoursePage
from enrollment.domain_signals import seats_changed_on_commit
from enrollment.errors import (
    BookingChanged,
    DomainError,
    SessionBusy,
)
from enrollment.models import Booking, BookingEvent
from enrollment.notices import booking_status_notice
from enrollment.services.booking_checks import (
    check_clashes,
    check_contact,
    check_session_open,
    people_for,
)
from people.models import Child, User, Volunteer

Status = Booking.Status


class session_write_transaction(transaction.Atomic):  # lowercase: used like transaction.atomic
    """``transaction.atomic`` for the writes that lock a session. On PostgreSQL it sets the
    lock timeout for the transaction. On SQLite, IMMEDIATE transactions wait for the
    database's write lock at BEGIN, before ``lock_session``; a wait that times out there is
    ``SessionBusy`` too, not a server error."""

    def __init__(self):
        super().__init__(using=None, savepoint=True, durable=False)

    def __enter__(self):
        try:
            super().__enter__()
        except OperationalError as error:
            if connection.vendor != "sqlite":
                raise
            raise SessionBusy() from error
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(  # SET LOCAL takes no bound parameter; set_config does
                    "SELECT set_config('lock_timeout', %s, true)",
                    [f"{settings.BOOKING_LOCK_TIMEOUT_SECONDS}s"],
                )


def lock_people(*, volunteer: Volunteer | None, child: Child | None) -> None:
    """Lock the rows of the people a booking is for, the mother's first, then the child's
    (the one order everywhere, so two bookings never wait for each other in a circle), so
    that two bookings of the same person, even of different sessions, run one after the
    other. ``FOR NO KEY UPDATE``: rows that merely refer to her are not held up."""
    try:
        for model, person in ((Volunteer, volunteer), (Child, child)):
            if person is not None:
                model.objects.select_for_update(no_key=True).filter(pk=person.pk).values_list(
                    "pk", flat=True
                ).get()
    except OperationalError as error:  # lock timeout (PostgreSQL)
        raise SessionBusy() from error


def lock_session(session_id: int, course: CoursePage | None = None) -> Session:
    """Lock the session's row (only that row: not its course page's, which the join would
    lock too, so sessions of one course are booked side by side) for the rest of the
    transaction and return it fresh, with ``course`` (or its course fetched with it)."""
    try:
        locked = Session.objects.select_for_update(of=("self",))
        if course is None:
            return locked.select_related("course").get(pk=session_id)
        session = locked.get(pk=session_id)
    except OperationalError as error:  # lock timeout (PostgreSQL) or database locked (SQLite)
        raise SessionBusy() from error
    Session._meta.get_field("course").set_cached_value(session, course)  # a page is costly
    return session


def _keep_venue(read: Session, locked: Session) -> None:
    """The venue read with the session before the lock goes with the locked row (the notice
    names it), as its course does: one query fewer under the lock."""
    if Session.venue.is_cached(read) and read.venue_id == locked.venue_id:
        locked.venue = read.venue


def _record(
    booking: Booking, actor: User | None, from_status: str, note: str = "", notice: bool = True
) -> None:
    """Keep the change in the booking's history and record the notice it causes (see
    ``enrollment.notices``), in the same transaction."""
    event = BookingEvent.objects.create(
        booking=booking, actor=actor, from_status=from_status, to_status=booking.status, note=note
    )
    if notice:
        booking_status_notice(booking, event)


def set_status(
    booking: Booking, status: str, actor: User | None, note: str = "", *, notice=True, **fields
) -> Booking:
    """Move ``booking`` to ``status`` if the move is in ``Booking.TRANSITIONS`` and the row
    still has the status it was read with; otherwise ``BookingChanged``. ``notice=False``:
    the caller records its own notice (a cancelled session)."""
    from_status = booking.status
    if status not in Booking.TRANSITIONS.get(from_status, ()):
        raise BookingChanged()
    changed = Booking.objects.filter(pk=booking.pk, status=from_status).update(
        status=status, **fields
    )
    if changed != 1:
        raise BookingChanged()
    booking.status = status
    for name, value in fields.items():
        setattr(booking, name, value)
    _record(booking, actor, from_status, note, notice=notice)
    return booking


# Writes ----------------------------------------------------------------------------------------


def _queue_ahead(session: Session):
    return Booking.objects.filter(session=session, status=Status.WAITLISTED)


@session_write_transaction()
def booking_create(
    *, session: Session, booker: User, child: Child | None = None, now: datetime | None = None
) -> Booking:
    """Book ``session`` for the booker (a training), her child (a class) or herself with her
    paired child (a 亲子 class). Confirmed if the seats are free and nobody waits; otherwise
    on the waiting list. Both seats of a pair are taken together or not at all."""
    now = now or timezone.now()
    check_session_open(session, now)
    check_contact(booker)
    kind, volunteer, child = people_for(session=session, booker=booker, child=child)
    seats = 2 if kind == Booking.Kind.PAIR else 1

    lock_people(volunteer=volunteer, child=child)
    course = session.specific_course
    same_lesson = isinstance(course, TrainingCoursePage) and not course.is_series
    check_clashes(session=session, volunteer=volunteer, child=child, same_lesson=same_lesson)
    read, session = session, lock_session(session.pk, course=session.course)
    _keep_venue(read, session)
    check_session_open(session, now)
    free = session.capacity - session.seats_taken
    # First come, first served: a waiting entry that fits the free seats goes first (one that
    # needs more seats than are free, such as a pair behind a single free seat, does not block).
    confirmed = free >= seats and not _queue_ahead(session).filter(seats__lte=free).exists()
    booking = Booking(
        session=session,
        kind=kind,
        booker=booker,
        volunteer=volunteer,
        child=child,
        seats=seats,
        status=Status.CONFIRMED if confirmed else Status.WAITLISTED,
        # The place in the queue is the time read under the lock, so the queue's order is
        # the order in which bookers got through it (``now`` may have been read long before).
        waitlisted_at=None if confirmed else timezone.now(),
    )
    try:
        booking.save()  # no savepoint: a constraint failure ends this whole transaction anyway
    except IntegrityError as error:
        raise DomainError(_("This place is already booked.")) from error
    _record(booking, booker, "")
    if confirmed:
        Session.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") + seats)
        seats_changed_on_commit(session)
    return booking


def _may_cancel(booking: Booking, actor: User, now: datetime) -> None:
    from people.roles import is_staff_with_children_access

    if is_staff_with_children_access(actor):
        return
    if booking.booker_id != actor.pk:
        raise DomainError(_("You can only cancel your own bookings."))
    deadline = booking.session.start - timedelta(hours=settings.BOOKING_CANCEL_DEADLINE_HOURS)
    if booking.status == Status.CONFIRMED and now >= deadline:
        raise DomainError(
            _(
                "Bookings can be cancelled up to %(hours)d hours before the session; please contact the organisers."
            )
            % {"hours": settings.BOOKING_CANCEL_DEADLINE_HOURS}
        )


def _release(
    session: Session,
    booking: Booking,
    to_status: str,
    actor: User | None,
    now: datetime,
    note: str = "",
) -> None:
    """Move ``booking`` out of the active statuses, free the seats it held, offer them on."""
    held = booking.status in Booking.HOLDING
    set_status(booking, to_status, actor, note, offer_expires_at=None)
    if held:
        Session.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") - booking.seats)
        session.refresh_from_db(fields=["seats_taken"])
        seats_changed_on_commit(session)
        offer_free_seats(session=session, now=now)


@session_write_transaction()
def booking_cancel(
    *, booking: Booking, actor: User, now: datetime | None = None, note: str = ""
) -> Booking:
    """Cancel a confirmed booking, an offer, or leave the waiting list."""
    now = now or timezone.now()
    session = lock_session(booking.session_id)
    booking = Booking.objects.select_related("session").get(pk=booking.pk)
    if booking.status not in Booking.ACTIVE:
        raise DomainError(_("This booking is no longer active."))
    _may_cancel(booking, actor, now)
    to_status = Status.LEFT_WAITLIST if booking.status == Status.WAITLISTED else Status.CANCELLED
    if booking.status == Status.OFFERED:
        to_status = Status.DECLINED
    _release(session, booking, to_status, actor, now, note)
    return booking


def offer_free_seats(*, session: Session, now: datetime | None = None) -> list[Booking]:
    """Offer free seats to the waiting list, first come first served: each entry in order
    that fits the free seats gets an offer holding its seats (a pair needs two; a single seat
    passes over a waiting pair to the next person who fits). Call with the session locked."""
    now = now or timezone.now()
    free = session.capacity - session.seats_taken
    offered = []
    if free <= 0 or session.is_cancelled or session.start <= now:
        return offered
    expires = now + timedelta(hours=settings.BOOKING_OFFER_HOLD_HOURS)
    for booking in _queue_ahead(session).order_by("waitlisted_at", "pk"):
        if booking.seats > free:
            continue
        set_status(booking, Status.OFFERED, None, "", offer_expires_at=min(expires, session.start))
        free -= booking.seats
        offered.append(booking)
        if free <= 0:
            break
    taken = sum(b.seats for b in offered)
    if taken:
        Session.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") + taken)
        session.refresh_from_db(fields=["seats_taken"])
        seats_changed_on_commit(session)
    return offered


@session_write_transaction()
def offer_accept(*, booking: Booking, actor: User, now: datetime | None = None) -> Booking:
    now = now or timezone.now()
    lock_session(booking.session_id)
    booking = Booking.objects.get(pk=booking.pk)
    if booking.booker_id != actor.pk:
        raise DomainError(_("You can only accept your own offers."))
    if booking.status != Status.OFFERED or (
        booking.offer_expires_at and booking.offer_expires_at <= now
    ):
        raise DomainError(_("This offer is no longer open."))
    return set_status(booking, Status.CONFIRMED, actor, offer_expires_at=None)


@session_write_transaction()
def session_offers_refresh(*, session: Session, now: datetime | None = None) -> list[Booking]:
    """After capacity changed (an editor raised it), offer what became free."""
    return offer_free_seats(session=lock_session(session.pk), now=now)


def offers_expire(*, now: datetime | None = None) -> int:
    """Expire offers past their time and pass the seats on; for the beat job. Idempotent."""
    now = now or timezone.now()
    expired = 0
    due = Booking.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now)
    for booking_id, session_id in due.values_list("pk", "session_id"):
        with session_write_transaction():
            session = lock_session(session_id)
            booking = Booking.objects.get(pk=booking_id)
            if booking.status == Status.OFFERED and booking.offer_expires_at <= now:
                _release(session, booking, Status.EXPIRED, None, now)
                expired += 1
    return expired


def bookings_release(
    *, volunteer: Volunteer | None = None, child: Child | None = None, note: str = ""
) -> int:
    """Cancel the active bookings of sessions still to come of a mother, of a child, or (both
    given) of the two together, a pair's 亲子 bookings, freeing their seats for the waiting
    list: her account is deleted, the child's record removed, the pair ended. No deadline
    applies; sessions already begun keep their bookings (attendance is history). Returns how
    many it cancelled: a booking that ended while this ran is left as it is."""
    if volunteer is None and child is None:
        raise ValueError("bookings_release needs a volunteer, a child or both")
    people = Q()
    if volunteer is not None:
        people &= Q(volunteer=volunteer)
    if child is not None:
        people &= Q(child=child)
    released = 0
    for booking_id, session_id in Booking.objects.filter(
        people, status__in=Booking.ACTIVE, session__start__gt=timezone.now()
    ).values_list("pk", "session_id"):
        with session_write_transaction():
            session = lock_session(session_id)
            booking = Booking.objects.get(pk=booking_id)
            if booking.status not in Booking.ACTIVE:
                continue
            _release(session, booking, Status.CANCELLED, None, timezone.now(), note)
            released += 1
    return released
