"""Helpers for tests of bookings made at the same moment from several threads, each with its
own database connection (use them in tests marked ``django_db(transaction=True)``)."""

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connections, transaction

from courses.models import Session
from enrollment import services
from enrollment.models import Booking


@dataclass
class Outcome:
    bookings: list[Booking] = field(default_factory=list)
    busy: int = 0
    errors: list[BaseException] = field(default_factory=list)


def book_all_at_once(session_id: int, bookers: list[tuple], timeout: float = 60) -> Outcome:
    """Each (booker, child) books ``session_id`` in its own thread and connection, all released
    together by a barrier. Returns the bookings made, how many were told "busy", and any
    other error."""
    outcome = Outcome()
    lock = threading.Lock()
    barrier = threading.Barrier(len(bookers))

    def book(booker, child) -> None:
        try:
            session = Session.objects.get(pk=session_id)  # this thread's own connection
            session.course  # noqa: B018 - load it before the barrier, like a view would
            barrier.wait(timeout=timeout)
            booking = services.booking_create(session=session, booker=booker, child=child)
            with lock:
                outcome.bookings.append(booking)
        except services.SessionBusy:
            with lock:
                outcome.busy += 1
        except BaseException as error:  # every other error fails the test
            with lock:
                outcome.errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=pair) for pair in bookers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(t.is_alive() for t in threads), "a booking thread hung"
    return outcome


@contextmanager
def rows_locked_elsewhere(*rows):
    """Lock ``rows`` (querysets of one row each) with ``select_for_update`` in a transaction
    of another thread and connection, and hold them until the block ends."""

    holding = threading.Event()
    release = threading.Event()

    def hold() -> None:
        try:
            with transaction.atomic():
                for row in rows:
                    row.select_for_update().get()
                holding.set()
                release.wait(timeout=10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(timeout=10), "the rows could not be locked"
        yield
    finally:
        release.set()
        holder.join(timeout=10)
