"""Empowerment trainings (赋能培训): sessions held in the period, attendance rate, and per
stage a completion funnel of the caring mothers (booked, attended, completed). Three queries.

Sessions count for the county of their venue; the funnel counts mothers for their own county.
"Completed" follows ``enrollment.selectors.training``: present at ``required_sessions`` of the
training's sessions (here those held in the period; the allowance for sessions held before a
mother joined is not applied to these totals).
"""

from collections import Counter
from datetime import datetime

from django.db.models import Count, F, Q

from courses.models import Session
from enrollment.models import Booking
from figures.selectors.scope import ByCounty, Scope, by_county, merge

PRESENT = Booking.Attendance.PRESENT


def held_sessions(scope: Scope, *, now: datetime, training: bool):
    """Sessions of trainings (or of summer classes) that took place in the period."""
    kind = "trainingcoursepage" if training else "summerclasspage"
    return scope.of(
        Session.objects.filter(
            is_cancelled=False,
            start__date__range=(scope.start, scope.end),
            end__lte=now,
            **{f"course__{kind}__isnull": False},
        ),
        "venue__county_id",
    )


def training_figures(scope: Scope, *, now: datetime) -> ByCounty:
    """``sessions``, ``courses`` (trainings with a session held), ``stage.<stage>`` sessions;
    ``marked`` and ``present`` attendance of mothers; per stage ``booked.<stage>``,
    ``attended.<stage>`` and ``completed.<stage>`` mothers (per training)."""
    sessions = held_sessions(scope, now=now, training=True)
    held = (
        sessions.values(stage=F("course__trainingcoursepage__stage"), area=F("venue__county_id"))
        .annotate(n=Count("pk"), courses=Count("course", distinct=True))
        .order_by()
    )
    held = list(held)
    confirmed = Booking.objects.filter(
        session__in=sessions.values("pk"), status=Booking.Status.CONFIRMED
    )
    attendance = (
        confirmed.exclude(attendance="")
        .values(area=F("session__venue__county_id"))
        .annotate(n=Count("pk"), present=Count("pk", filter=Q(attendance=PRESENT)))
        .order_by()
    )
    attendance = list(attendance)
    per_mother = (
        confirmed.filter(kind=Booking.Kind.MOTHER)
        .values(
            "volunteer_id",
            "session__course_id",
            area=F("volunteer__county_id"),
            stage=F("session__course__trainingcoursepage__stage"),
            required=F("session__course__trainingcoursepage__required_sessions"),
        )
        .annotate(present=Count("pk", filter=Q(attendance=PRESENT)))
        .order_by()
    )
    funnel: ByCounty = {}
    for row in per_mother:
        counter = funnel.setdefault(row["area"], Counter())
        counter[f"booked.{row['stage']}"] += 1
        counter[f"attended.{row['stage']}"] += row["present"] > 0
        counter[f"completed.{row['stage']}"] += row["present"] >= row["required"]
    return merge(
        by_county(held, lambda row: "sessions"),
        by_county(held, lambda row: f"stage.{row['stage']}"),
        by_county([{**row, "n": row["courses"]} for row in held], lambda row: "courses"),
        by_county(attendance, lambda row: "marked"),
        by_county([{**row, "n": row["present"]} for row in attendance], lambda row: "present"),
        funnel,
    )
