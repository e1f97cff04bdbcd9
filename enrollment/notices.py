"""The notices of bookings and sessions, recorded in the outbox (``people.services.
notifications``) by the services that cause them, and the session's ``.ics`` attached to a
confirmation.

Versions (what makes a notice a new one): a status notice is about one change of the
booking (its ``BookingEvent``); a move is about the session's ``sequence``; a reminder is about the session's start, so a
session moved after its reminder went out gets the "moved" notice and a new reminder."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from courses.domain_signals import session_moved
from courses.models import Session
from courses.sessions import local_when
from enrollment.models import Booking, BookingEvent
from people.models import Notification
from people.services.notifications import notification_record

Kind = Notification.Kind
STATUS_KINDS = {
    Booking.Status.CONFIRMED: Kind.BOOKING_CONFIRMED,
    Booking.Status.WAITLISTED: Kind.WAITLISTED,
    Booking.Status.OFFERED: Kind.SEAT_OFFERED,
    Booking.Status.EXPIRED: Kind.OFFER_EXPIRED,
    Booking.Status.CANCELLED: Kind.BOOKING_CANCELLED,
}


def _url(name: str, **kwargs) -> str:
    return settings.NOTIFICATION_SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def session_context(session: Session) -> dict:
    title = session.course.title
    if session.title:
        title = f"{title} · {session.title}"
    return {
        "course": title,
        "when": local_when(session.start),
        "venue": session.venue.name,
        "address": session.venue.address,
        "session_id": session.pk,
    }


def _booking_context(booking: Booking) -> dict:
    context = session_context(booking.session) | {
        "booking_url": _url("enrollment:booking_detail", booking_id=booking.pk),
    }
    if booking.status == Booking.Status.OFFERED and booking.offer_expires_at:
        context["deadline"] = local_when(booking.offer_expires_at)
        context["accept_url"] = _url("enrollment:offer_accept", booking_id=booking.pk)
        context["decline_url"] = _url("enrollment:booking_cancel", booking_id=booking.pk)
    if booking.status == Booking.Status.CONFIRMED:
        context["ics"] = "enrollment.notices.session_ics"
    return context


def _county_id(session: Session) -> int | None:
    return getattr(session.course, "county_id", None)


def booking_status_notice(booking: Booking, event: BookingEvent) -> None:
    """Called by ``set_status`` and ``booking_create`` for each change of a booking."""
    kind = STATUS_KINDS.get(booking.status)
    if kind is None or booking.booker_id is None:
        return
    notification_record(
        user=booking.booker,
        kind=kind,
        subject_key=f"booking:{booking.pk}",
        version=str(event.pk),
        context=_booking_context(booking),
        session_id=booking.session_id,
        county_id=_county_id(booking.session),
        may_repeat=False,  # one notice per history entry, a new row
    )


def session_cancelled_notice(booking: Booking, session: Session) -> None:
    if booking.booker_id is None:
        return
    notification_record(
        user=booking.booker,
        kind=Kind.SESSION_CANCELLED,
        subject_key=f"booking:{booking.pk}",
        context=session_context(session),
        session_id=session.pk,
        county_id=_county_id(session),
    )


def session_version(session: Session) -> str:
    """The calendar's ``SEQUENCE``: it rises with every change of time or place."""
    return f"seq:{session.sequence}"


@receiver(session_moved, dispatch_uid="enrollment_session_moved_notices")
def session_moved_notices(sender, session: Session, previous: dict, **kwargs) -> None:
    """Everyone with a confirmed or offered seat (or waiting) is told the new time and place,
    once per version (sequence) of the session. ``courses.signals`` sends the signal once the
    move is committed, so the notices are recorded just after it, each on its own."""
    session = Session.objects.select_related("course", "venue").get(pk=session.pk)
    context = session_context(session)
    if previous.get("start"):
        context["previous_when"] = local_when(previous["start"])
    version = session_version(session)
    bookings = Booking.objects.filter(
        session=session, status__in=Booking.ACTIVE, booker__isnull=False
    ).select_related("booker")
    for booking in bookings:
        notification_record(
            user=booking.booker,
            kind=Kind.SESSION_MOVED,
            subject_key=f"booking:{booking.pk}",
            version=version,
            context=context
            | {"booking_url": _url("enrollment:booking_detail", booking_id=booking.pk)},
            session_id=session.pk,
            county_id=_county_id(session),
        )


def reminders_record(*, now: datetime | None = None) -> int:
    """Record a reminder for every confirmed booking of a session starting within
    ``BOOKING_REMINDER_HOURS``, once per booking and start time. A booking made after its
    reminder time (less than the window before the start) gets none: her confirmation was
    the reminder. Two runs at once record each reminder once (the outbox's unique key)."""
    now = now or timezone.now()
    window = timedelta(hours=settings.BOOKING_REMINDER_HOURS)
    due = (
        Booking.objects.filter(
            status=Booking.Status.CONFIRMED,
            booker__isnull=False,
            session__is_cancelled=False,
            session__start__gt=now,
            session__start__lte=now + window,
        )
        .select_related("session__course", "session__venue", "booker")
        .order_by("pk")
    )
    recorded = 0
    for booking in due:
        session = booking.session
        if booking.created_at > session.start - window:
            continue
        with transaction.atomic():
            made = notification_record(
                user=booking.booker,
                kind=Kind.REMINDER,
                subject_key=f"booking:{booking.pk}",
                version=session.start.isoformat(),
                context=session_context(session)
                | {"booking_url": _url("enrollment:booking_detail", booking_id=booking.pk)},
                session_id=session.pk,
                county_id=_county_id(session),
            )
            if made is not None:
                BookingEvent.objects.create(
                    booking=booking,
                    actor=None,
                    from_status=booking.status,
                    to_status=booking.status,
                    kind=BookingEvent.Kind.REMINDER,
                )
                recorded += 1
    return recorded


def session_ics(context: dict) -> tuple[str, bytes]:
    """The one event of a confirmation's session, as ``(filename, content)``: the calendar
    feeds' own builder, so the event has the same UID, sequence and alarm as in her feed
    (adding it twice updates one event)."""
    from enrollment.calendar.feed import SessionItem, calendar_text, session_summary

    session = Session.objects.select_related("course", "venue").get(pk=context["session_id"])
    item = SessionItem(
        session=session, url=context.get("booking_url", ""), cancelled=session.is_cancelled
    )
    return "session.ics", calendar_text(session_summary(session), [item])
