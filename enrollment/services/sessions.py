"""Sessions, from the organisers' side.

- A session cancelled by the organisers: every active booking is cancelled (seats freed,
  waiting list and offers closed), each change kept in the booking's history, and everyone
  who had booked is told, by email or text message, once the transaction has committed.
- Reminders the day before: sent once per booking (kept in its history)."""

from datetime import datetime

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Session
from enrollment.domain_signals import seats_changed_on_commit
from enrollment.models import Booking
from enrollment.notices import reminders_record, session_cancelled_notice
from enrollment.services.bookings import lock_session, session_write_transaction, set_status
from people.models import User


@session_write_transaction()
def session_cancel(
    *, session: Session, actor: User | None, reason: str = "", now: datetime | None = None
) -> list[Booking]:
    """Cancel ``session`` and all its active bookings (confirmed, offered, waiting); tell
    everyone who had booked. Running it again on a cancelled session without active
    bookings does nothing."""
    now = now or timezone.now()
    session = lock_session(session.pk)
    if not session.is_cancelled:
        # updated_at: calendar feeds see the change (enrollment.calendar)
        Session.objects.filter(pk=session.pk).update(is_cancelled=True, updated_at=now)
        session.is_cancelled = True
    note = (reason or _("The session was cancelled by the organisers."))[:200]
    cancelled = []
    freed = 0
    active = session.bookings.filter(status__in=Booking.ACTIVE).order_by("created_at", "pk")
    for booking in active:
        if booking.status in Booking.HOLDING:
            freed += booking.seats
        set_status(
            booking, Booking.Status.CANCELLED, actor, note, notice=False, offer_expires_at=None
        )
        session_cancelled_notice(booking, session)
        cancelled.append(booking)
    if freed:
        Session.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") - freed)
    seats_changed_on_commit(session)
    return cancelled


def session_reminders_send(*, now: datetime | None = None) -> int:
    """Record the reminders due (``enrollment.notices.reminders_record``); for the beat
    job. Running it twice, or two runs at once, records each reminder once."""
    return reminders_record(now=now)
