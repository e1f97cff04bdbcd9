"""Her bookings (with their history and attendance) and her training certificates in her
data download (``people.personal_data``)."""

from typing import Any

from django.db.models import Prefetch, Q

from enrollment.models import Booking, BookingEvent
from enrollment.selectors.certificates import certificate_code
from enrollment.selectors.training import training_record
from people.models import User, Volunteer
from people.personal_data import iso


def _booking(booking: Booking) -> dict[str, Any]:
    session = booking.session
    return {
        "training_or_class": session.course.title,
        "start": iso(session.start),
        "end": iso(session.end),
        "venue": session.venue.name,
        "session_cancelled": session.is_cancelled,
        "who": booking.get_kind_display(),
        "child_first_name": booking.child.first_name if booking.child_id else None,
        "seats": booking.seats,
        "status": booking.get_status_display(),
        "booked_at": iso(booking.created_at),
        "waiting_since": iso(booking.waitlisted_at),
        "offer_expires_at": iso(booking.offer_expires_at),
        "attendance": booking.get_attendance_display() or None,
        "history": [
            {
                "at": iso(event.at),
                "what": event.get_kind_display(),
                "from": event.from_status or None,
                "to": event.to_status,
                "note": event.note or None,
            }
            for event in booking.events.all()
        ],
    }


def _bookings(user: User) -> list[dict[str, Any]]:
    """Bookings she made, and those made for her (a pair booked by a coordinator, say)."""
    bookings = (
        Booking.objects.filter(Q(booker=user) | Q(volunteer__user=user))
        .select_related("session__course", "session__venue", "child")
        .prefetch_related(Prefetch("events", queryset=BookingEvent.objects.order_by("at", "pk")))
        .order_by("session__start", "pk")
    )
    return [_booking(booking) for booking in bookings]


def _certificates(volunteer: Volunteer | None) -> list[dict[str, Any]]:
    if volunteer is None:
        return []
    return [
        {
            "training": item.course.title,
            "completed_on": iso(item.completed_on),
            "hours": item.hours,
            "verification_code": certificate_code(volunteer.pk, item.course.pk),
        }
        for item in training_record(volunteer).completed
    ]


def bookings_and_certificates(user: User) -> dict[str, Any]:
    volunteer = Volunteer.objects.filter(user=user).first()
    return {"bookings": _bookings(user), "training_certificates": _certificates(volunteer)}
