"""Template helpers for booking on course pages: her own bookings of the listed sessions
(one query for all of them) and how many sessions of a training can still be booked."""

from django import template

from courses.models import Session
from enrollment.models import Booking
from enrollment.selectors.bookings import own_session_bookings

register = template.Library()


@register.simple_tag(takes_context=True)
def my_session_bookings(context, sessions: list[Session]) -> dict[int, list[Booking]]:
    """``{% my_session_bookings sessions as mine %}``: her active bookings by session id."""
    request = context.get("request")
    if request is None:
        return {}
    return own_session_bookings(request.user, list(sessions))


@register.filter
def bookings_of(mine: dict[int, list[Booking]], session: Session) -> list[Booking]:
    """``mine|bookings_of:session``: her active bookings of that session."""
    return mine.get(session.pk, []) if mine else []


@register.filter
def bookable_count(sessions: list[Session]) -> int:
    """How many of these sessions take bookings now (open, or full with a waiting list)."""
    return sum(1 for session in sessions if session.booking_status() in ("open", "full"))
