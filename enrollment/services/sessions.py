"""A session cancelled by the organisers: every active booking is cancelled (seats freed,
waiting list and offers closed), each change kept in the booking's history, and everyone who
had booked is told, by email or text message, once the transaction has committed."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.models import Session
from enrollment.models import Booking, User
from enrollment.notifications import notify_user
from enrollment.services.bookings import _lock_session, _set_status


def _describe(session: Session) -> dict[str, str]:
    local = timezone.localtime(session.start)
    title = session.course.title
    if session.title:
        title = f"{title} · {session.title}"
    return {"course": title, "when": local.strftime("%Y-%m-%d %H:%M")}


def _notify_cancelled(user_ids: list[int], details: dict[str, str]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Session cancelled: %(course)s") % details
        message = (
            _(
                "We are sorry: the session %(course)s on %(when)s has been cancelled by the "
                "organisers, and your booking for it is cancelled. Other sessions are listed "
                "on the website."
            )
            % details
        )
        for user in User.objects.filter(pk__in=user_ids):
            notify_user(user, subject=subject, message=message)


@transaction.atomic
def session_cancel(
    *, session: Session, actor: User | None, reason: str = "", now: datetime | None = None
) -> list[Booking]:
    """Cancel ``session`` and all its active bookings (confirmed, offered, waiting); tell
    everyone who had booked. Running it again on a cancelled session without active
    bookings does nothing."""
    now = now or timezone.now()
    session = _lock_session(session.pk)
    if not session.is_cancelled:
        Session.objects.filter(pk=session.pk).update(is_cancelled=True)
        session.is_cancelled = True
    note = (reason or _("The session was cancelled by the organisers."))[:200]
    cancelled = []
    freed = 0
    active = session.bookings.filter(status__in=Booking.ACTIVE).order_by("created_at", "pk")
    for booking in active:
        if booking.status in Booking.HOLDING:
            freed += booking.seats
        _set_status(booking, Booking.Status.CANCELLED, actor, note, offer_expires_at=None)
        cancelled.append(booking)
    if freed:
        Session.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") - freed)
    user_ids = sorted({booking.booker_id for booking in cancelled if booking.booker_id})
    if user_ids:
        details = _describe(session)
        transaction.on_commit(lambda: _notify_cancelled(user_ids, details))
    return cancelled
