"""Template helpers for booking on course pages: her own bookings of the course's sessions
(one query for all of them) and how many sessions of a training can still be booked."""

from django import template

from courses.models import CoursePage, Session
from enrollment.models import Booking
from enrollment.selectors.bookings import own_course_bookings

register = template.Library()


@register.simple_tag(takes_context=True)
def my_course_bookings(context, course: CoursePage) -> dict[int, list[Booking]]:
    """``{% my_course_bookings page as mine %}``: her active bookings of the course's
    sessions, by session id."""
    request = context.get("request")
    if request is None:
        return {}
    return own_course_bookings(request.user, course.pk)


@register.filter
def bookings_of(mine: dict[int, list[Booking]], session: Session) -> list[Booking]:
    """``mine|bookings_of:session``: her active bookings of that session."""
    return mine.get(session.pk, []) if mine else []


@register.filter
def bookable_count(sessions: list[Session]) -> int:
    """How many of these sessions take bookings now (open, or full with a waiting list)."""
    return sum(1 for session in sessions if session.booking_status() in ("open", "full"))
