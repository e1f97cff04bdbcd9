"""Reads for the staff side of bookings: which sessions a member of staff may manage (city
staff every session, a county coordinator the sessions held at a venue of her county), their
attendance sheets and booking lists, and the booking a check-in code stands for."""

from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from courses.models import Session
from enrollment.models import Booking
from people.roles import coordinator_county_id, is_city_staff


def sessions_for_staff(user) -> QuerySet[Session]:
    """Sessions ``user`` may take attendance for: all for city staff, her county's venues for a
    coordinator, none for anyone else."""
    sessions = Session.objects.select_related("venue__county", "course")
    if is_city_staff(user):
        return sessions
    county_id = coordinator_county_id(user)
    if county_id is None:
        return sessions.none()
    return sessions.filter(venue__county_id=county_id)


def staff_session_list(user, *, when: str = "upcoming", now: datetime | None = None):
    """Sessions to pick an attendance sheet from: ``upcoming`` (from today on, soonest first)
    or ``recent`` (before today, latest first), with the number of confirmed bookings and of
    those marked. A fixed number of queries whatever the number of sessions."""
    now = now or timezone.now()
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    confirmed = Q(bookings__status=Booking.Status.CONFIRMED)
    sessions = sessions_for_staff(user).annotate(
        confirmed_count=Count("bookings", filter=confirmed),
        marked_count=Count("bookings", filter=confirmed & ~Q(bookings__attendance="")),
    )
    if when == "recent":
        return sessions.filter(start__lt=today).order_by("-start", "-pk")
    return sessions.filter(start__gte=today).order_by("start", "pk")


def attendance_sheet(session: Session) -> list[Booking]:
    """The confirmed bookings of ``session``, in the order they were made, with the people."""
    return list(
        session.bookings.filter(status=Booking.Status.CONFIRMED)
        .select_related("volunteer", "child", "booker")
        .order_by("created_at", "pk")
    )


def booking_list(session: Session) -> list[Booking]:
    """Every booking of ``session`` (for the export): confirmed first, then the waiting list
    in its order, then the rest."""
    order = {
        Booking.Status.CONFIRMED: 0,
        Booking.Status.OFFERED: 1,
        Booking.Status.WAITLISTED: 2,
    }
    bookings = list(
        session.bookings.select_related("volunteer", "child", "booker").order_by(
            "waitlisted_at", "created_at", "pk"
        )
    )
    return sorted(bookings, key=lambda booking: order.get(booking.status, 3))


def booking_people(booking: Booking) -> str:
    """Who a booking is for, as staff see it: the mother's name and/or the child's given
    name."""
    names = []
    if booking.volunteer_id:
        names.append(booking.volunteer.name)
    if booking.child_id:
        names.append(booking.child.first_name)
    return " · ".join(name for name in names if name)


def booking_for_check_in(token) -> Booking | None:
    return (
        Booking.objects.select_related(
            "session__venue__county", "session__course", "volunteer", "child", "booker"
        )
        .filter(check_in_token=token)
        .first()
    )
