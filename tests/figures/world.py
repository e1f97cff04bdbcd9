"""A small known world for the figures: two counties, A and B.

County A: 3 approved mothers (2 education, 1 health) and 1 applicant; 4 children (3
left-behind, 1 in difficulty); 2 active pairs started 10 days ago with a home visit and a
call, 1 pair started 40 days ago ended 5 days ago (moved); a training of 2 sessions held
(required 2): one mother present at both (completes), one present then absent; a summer
class session held (10 seats, 1 child present). County B: 1 mother, 1 child, 1 active pair
started 60 days ago with no visit (overdue), a birthday visit on a pair that ended.
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.utils import timezone

from enrollment.services.attendance import attendance_mark
from figures.selectors.scope import Scope
from pairs import services as pair_services
from people.models import Child
from tests import makers
from tests.enrollment.attendance_support import at, book, summer_class, training


@dataclass
class World:
    a: object
    b: object
    staff: object
    coordinator_a: object
    scope: Scope  # every county, the last 90 days


def _pair(actor, mother, child, days_ago):
    started = timezone.localdate() - dt.timedelta(days=days_ago)
    return pair_services.pair_create(
        actor=actor, mother=mother.volunteer, child=child, started_on=started
    )


def _visit(actor, pair, days_ago, kind):
    return pair_services.visit_log(
        actor=actor,
        pair=pair,
        visited_on=timezone.localdate() - dt.timedelta(days=days_ago),
        kind=kind,
        client_token=uuid.uuid4(),
    )


def build_world() -> World:
    today = timezone.localdate()
    a = makers.county("county-a", "甲县")
    b = makers.county("county-b", "乙县")
    staff = makers.make_city_staff()
    coordinator_a = makers.make_coordinator(a)
    mothers = [makers.make_mother(a) for _ in range(3)]
    mothers[2].volunteer.sector = "health"
    mothers[2].volunteer.save(update_fields=["sector"])
    makers.make_applicant(a)
    children = [makers.make_child(county_obj=a, name=f"甲{n}") for n in range(3)]
    makers.make_child(county_obj=a, name="甲难", category=Child.Category.IN_DIFFICULTY)
    first = _pair(staff, mothers[0], children[0], 10)
    _pair(staff, mothers[1], children[1], 10)
    ended = _pair(staff, mothers[2], children[2], 40)
    _visit(mothers[0], first, 3, "home")
    _visit(mothers[0], first, 2, "call")
    pair_services.pair_end(
        actor=staff, pair=ended, reason="moved", ended_on=today - dt.timedelta(days=5)
    )

    mother_b = makers.make_mother(b)
    child_b = makers.make_child(county_obj=b, name="乙一")
    other_b = makers.make_child(county_obj=b, name="乙二")
    gone = _pair(staff, mother_b, other_b, 80)
    _visit(mother_b, gone, 70, "birthday")
    pair_services.pair_end(
        actor=staff, pair=gone, reason="over_age", ended_on=today - dt.timedelta(days=65)
    )
    _pair(staff, mother_b, child_b, 60)

    course = training([at(-5), at(-3)], a, required=2)
    first_session, second_session = course.sessions.order_by("start")
    for mother, marks in (
        (mothers[0], ("present", "present")),
        (mothers[1], ("present", "absent")),
    ):
        for session, mark in zip((first_session, second_session), marks, strict=True):
            booking = book(session, mother)
            attendance_mark(booking=booking, status=mark, actor=staff, now=session.start)
    guardian = makers.make_guardian(a)
    kid = makers.make_child(guardian=guardian, county_obj=a, name="甲家")
    session = summer_class(at(-2), a).sessions.get()
    booking = book(session, guardian, child=kid)
    attendance_mark(booking=booking, status="present", actor=staff, now=session.start)
    return World(a, b, staff, coordinator_a, Scope(None, today - dt.timedelta(days=90), today))
