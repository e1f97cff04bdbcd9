"""Helpers for the staff side of bookings (attendance, completion, certificates, session
cancellation): sessions at a venue of a given county, bookings made before the session
(with ``now=`` so a session of today or the past can hold bookings), mothers who joined at a
given time."""

import datetime as dt

from django.utils import timezone

from courses.models import Session, SummerClassPage, TrainingCoursePage
from enrollment import services
from enrollment.models import Booking
from people.models import User
from tests import factories


def at(days: float, hour: int = 9) -> dt.datetime:
    """Local ``hour`` o'clock, ``days`` days from today."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def session_at(start: dt.datetime, county, *, capacity: int = 10, **kwargs) -> Session:
    venue = factories.VenueFactory(county=county)
    return Session(
        start=start, end=start + dt.timedelta(hours=2), venue=venue, capacity=capacity, **kwargs
    )


def training(
    starts: list[dt.datetime], county, *, required: int = 1, hours: float = 3, capacity: int = 10
) -> TrainingCoursePage:
    return factories.TrainingCoursePageFactory(
        county=county,
        required_sessions=required,
        hours=hours,
        sessions=[session_at(start, county, capacity=capacity) for start in starts],
    )


def summer_class(start: dt.datetime, county, *, capacity: int = 10) -> SummerClassPage:
    return factories.SummerClassPageFactory(
        county=county,
        age_min=6,
        age_max=12,
        sessions=[session_at(start, county, capacity=capacity)],
    )


def book(session: Session, booker: User, child=None) -> Booking:
    """Book as if two days before the session (so past sessions can have bookings)."""
    return services.booking_create(
        session=session, booker=booker, child=child, now=session.start - dt.timedelta(days=2)
    )


def joined(mother: User, when: dt.datetime) -> User:
    """Her application was approved at ``when``."""
    mother.volunteer.reviewed_at = when
    mother.volunteer.save(update_fields=["reviewed_at"])
    return mother
