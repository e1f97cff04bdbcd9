"""Sessions, from the organisers' side.

- A session cancelled by the organisers: every active booking is cancelled (seats freed,
  waiting list and offers closed), each change kept in the booking's history, and everyone
  who had booked is told, by email or text message, once the transaction has committed.
- Reminders the day before: sent once per booking (kept in its history)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.models import Session
from courses.sessions import local_when
from enrollment.models import Booking, BookingEvent
from enrollment.services.bookings import lock_session, session_write_transaction, set_status
from people.models import User
from people.notifications import notify_user


def _describe(session: Session) -> dict[str, str]:
    title = session.course.title
    if session.title:
        title = f"{title} · {session.title}"
    return {"course": title, "when": local_when(session.start)}


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
        set_status(booking, Booking.Status.CANCELLED, actor, note, offer_expires_at=None)
        cancelled.append(booking)
    if freed:
        Session.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") - freed)
    user_ids = sorted({booking.booker_id for booking in cancelled if booking.booker_id})
    if user_ids:
        details = _describe(session)
        transaction.on_commit(lambda: _notify_cancelled(user_ids, details))
    return cancelled


def _notify_reminder(user_id: int, details: dict[str, str]) -> None:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        notify_user(
            user,
            subject=_("Reminder: %(course)s") % details,
            message=_(
                "A reminder of your booking: %(course)s, %(when)s, at %(venue)s. Show the "
                "check-in code on your booking page at the door. If you cannot come, please "
                "cancel so that someone waiting can have the seat."
            )
            % details,
        )


def session_reminders_send(*, now: datetime | None = None) -> int:
    """Remind everyone with a confirmed booking of a session starting within
    ``BOOKING_REMINDER_HOURS``, once: the reminder is kept in the booking's history, so a
    second run sends nothing. For the beat job."""
    now = now or timezone.now()
    hours = settings.BOOKING_REMINDER_HOURS
    due = (
        Booking.objects.filter(
            status=Booking.Status.CONFIRMED,
            booker__isnull=False,
            session__is_cancelled=False,
            session__start__gt=now,
            session__start__lte=now + timedelta(hours=hours),
        )
        .exclude(events__kind=BookingEvent.Kind.REMINDER)
        .select_related("session__course", "session__venue")
    )
    sent = 0
    for booking in due:
        with transaction.atomic():
            locked = Booking.objects.select_for_update().filter(pk=booking.pk).first()
            if locked is None or locked.events.filter(kind=BookingEvent.Kind.REMINDER).exists():
                continue
            BookingEvent.objects.create(
                booking=locked,
                actor=None,
                from_status=locked.status,
                to_status=locked.status,
                kind=BookingEvent.Kind.REMINDER,
            )
            details = _describe(booking.session) | {"venue": booking.session.venue.name}
            booker_id = booking.booker_id
            transaction.on_commit(lambda b=booker_id, d=details: _notify_reminder(b, d))
            sent += 1
    return sent
