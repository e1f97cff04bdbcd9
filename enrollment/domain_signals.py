"""What the bookings side announces, for whoever shows sessions to act on.

- ``seats_changed(session)``: the seats left or the state of ``session`` changed (a booking
  confirmed, a seat freed or offered, the session cancelled). Sent once the transaction that
  changed it has committed (``seats_changed_on_commit``); the pages that show its seats left
  are purged from the page cache (``enrollment.signals``).
"""

from django.db import transaction
from django.dispatch import Signal

from courses.models import Session

seats_changed = Signal()


def seats_changed_on_commit(session: Session) -> None:
    """A receiver that fails is logged: the booking has committed, its answer must go out."""

    def announce() -> None:  # a function, not a partial: Django logs a failure by its name
        seats_changed.send(sender=Session, session=session)

    transaction.on_commit(announce, robust=True)
