"""Summer classes (暑期课程) and parent-child activities: sessions held in the period,
participants (present at a session) and seats filled. Two queries."""

from datetime import datetime

from django.db.models import Count, F, Q, Sum

from enrollment.models import Booking
from figures.selectors.scope import ByCounty, Scope, by_county, merge
from figures.selectors.trainings import PRESENT, held_sessions


def class_figures(scope: Scope, *, now: datetime) -> ByCounty:
    """``sessions``, ``seats`` and ``taken`` (seats filled) of the sessions held,
    ``participants`` (bookings marked present)."""
    sessions = held_sessions(scope, now=now, training=False)
    held = list(
        sessions.values(area=F("venue__county_id"))
        .annotate(n=Count("pk"), seats=Sum("capacity"), taken=Sum("seats_taken"))
        .order_by()
    )
    present = (
        Booking.objects.filter(session__in=sessions.values("pk"))
        .filter(Q(attendance=PRESENT))
        .values(area=F("session__venue__county_id"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    return merge(
        by_county(held, lambda row: "sessions"),
        by_county([{**row, "n": row["seats"]} for row in held], lambda row: "seats"),
        by_county([{**row, "n": row["taken"]} for row in held], lambda row: "taken"),
        by_county(present, lambda row: "participants"),
    )
