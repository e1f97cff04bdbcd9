"""What is due on a pair: the pure date rules, as a table of small cases, and the loader that
feeds them many pairs in a fixed number of queries."""

import datetime as dt
import itertools

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from pairs import services
from pairs.models import Festival, Pair
from pairs.selectors.due import FestivalDay, VisitDone, birthday_in, due_by_pair, due_on_pair
from tests.makers import make_child, make_coordinator, make_mother, make_pair

D = dt.date
TODAY = D(2026, 9, 10)
STARTED = D(2026, 1, 1)
MID_AUTUMN = FestivalDay(7, "中秋", D(2026, 9, 25))


def due(
    *,
    started_on=STARTED,
    born=None,
    visits=(),
    festivals=(),
    concerns=(),
    today=TODAY,
):
    items = due_on_pair(
        today=today,
        started_on=started_on,
        date_of_birth=born,
        visits=list(visits),
        festivals=list(festivals),
        open_concerns=list(concerns),
        every_weeks=4,
        concern_days=7,
    )
    return [(item.reason, item.due_by, item.overdue) for item in items]


CASES = [
    # Regular visits: every 4 weeks from the last visit (or the start), shown a week ahead.
    ("visited 2 weeks ago: nothing", {"visits": [VisitDone(D(2026, 8, 27), "home")]}, []),
    (
        "visited 3.5 weeks ago: due soon",
        {"visits": [VisitDone(D(2026, 8, 16), "call")]},
        [("regular", D(2026, 9, 13), False)],
    ),
    (
        "visited 5 weeks ago: overdue",
        {"visits": [VisitDone(D(2026, 8, 6), "home")]},
        [("regular", D(2026, 9, 3), True)],
    ),
    (
        "never visited, paired 5 weeks ago: overdue from the start",
        {"started_on": D(2026, 8, 6)},
        [("regular", D(2026, 9, 3), True)],
    ),
    # Birthdays: due in the 7 days before, done by a birthday visit in the window.
    (
        "birthday in 3 days: due",
        {"born": D(2016, 9, 13), "visits": [VisitDone(D(2026, 9, 1), "home")]},
        [("birthday", D(2026, 9, 13), False)],
    ),
    (
        "birthday in 8 days: not yet",
        {"born": D(2016, 9, 18), "visits": [VisitDone(D(2026, 9, 1), "home")]},
        [],
    ),
    (
        "birthday visit made in the window: done",
        {
            "born": D(2016, 9, 13),
            "visits": [VisitDone(D(2026, 9, 1), "home"), VisitDone(D(2026, 9, 8), "birthday")],
        },
        [],
    ),
    (
        "a home visit in the window does not count for the birthday",
        {"born": D(2016, 9, 13), "visits": [VisitDone(D(2026, 9, 8), "home")]},
        [("birthday", D(2026, 9, 13), False)],
    ),
    (
        "last year's birthday visit does not count",
        {
            "born": D(2016, 9, 13),
            "visits": [VisitDone(D(2026, 9, 1), "home"), VisitDone(D(2025, 9, 10), "birthday")],
        },
        [("birthday", D(2026, 9, 13), False)],
    ),
    (
        "birthday 5 days ago, missed: overdue",
        {"born": D(2016, 9, 5), "visits": [VisitDone(D(2026, 9, 1), "home")]},
        [("birthday", D(2026, 9, 5), True)],
    ),
    (
        "birthday before the pair started: not due",
        {"born": D(2016, 9, 5), "started_on": D(2026, 9, 8)},
        [],
    ),
    (
        "birthday on 2 January, seen from 28 December: next year's",
        {
            "born": D(2016, 1, 2),
            "today": D(2026, 12, 28),
            "visits": [VisitDone(D(2026, 12, 20), "home")],
        },
        [("birthday", D(2027, 1, 2), False)],
    ),
    # Festivals: due in the 14 days before, done by a visit for that festival.
    (
        "中秋 in 15 days: not yet",
        {"festivals": [MID_AUTUMN], "visits": [VisitDone(D(2026, 9, 1), "home")]},
        [],
    ),
    (
        "中秋 in 10 days: due",
        {
            "festivals": [MID_AUTUMN],
            "visits": [VisitDone(D(2026, 9, 1), "home")],
            "today": D(2026, 9, 15),
        },
        [("festival", D(2026, 9, 25), False)],
    ),
    (
        "中秋 visit logged early for that festival: done",
        {
            "festivals": [MID_AUTUMN],
            "visits": [VisitDone(D(2026, 9, 1), "home"), VisitDone(D(2026, 9, 9), "festival", 7)],
            "today": D(2026, 9, 15),
        },
        [],
    ),
    (
        "a festival visit for another festival, out of the window: not done",
        {
            "festivals": [MID_AUTUMN],
            "visits": [VisitDone(D(2026, 9, 1), "home"), VisitDone(D(2026, 6, 1), "festival", 3)],
            "today": D(2026, 9, 15),
        },
        [("festival", D(2026, 9, 25), False)],
    ),
    (
        "festival a month away: not yet",
        {
            "festivals": [FestivalDay(8, "国庆", D(2026, 10, 11))],
            "visits": [VisitDone(D(2026, 9, 1), "home")],
        },
        [],
    ),
    # Concerns: a visit within 7 days of the concern.
    (
        "hardship raised 3 days ago",
        {"concerns": [("hardship", D(2026, 9, 7))], "visits": [VisitDone(D(2026, 9, 1), "home")]},
        [("concern", D(2026, 9, 14), False)],
    ),
    (
        "family change raised 10 days ago: overdue",
        {
            "concerns": [("family_change", D(2026, 8, 31))],
            "visits": [VisitDone(D(2026, 9, 1), "home")],
        },
        [("concern", D(2026, 9, 7), True)],
    ),
]


@pytest.mark.parametrize(("case", "given", "expected"), CASES, ids=[c[0] for c in CASES])
def test_what_is_due(case, given, expected):
    assert due(**given) == expected, case


def test_a_29_february_birthday_falls_on_28_february_in_other_years():
    assert birthday_in(2027, D(2016, 2, 29)) == D(2027, 2, 28)
    assert birthday_in(2028, D(2016, 2, 29)) == D(2028, 2, 29)


_names = itertools.count(1)
BORN = dt.date.today() - dt.timedelta(days=3650 + 100)  # no birthday near


def pairs_in(county, n, coordinator):
    for i in range(n):
        pair = make_pair(
            make_mother(county),
            make_child(county_obj=county, name=f"王{next(_names)}明", date_of_birth=BORN),
            actor=coordinator,
        )
        if i % 2:
            services.concern_raise(actor=coordinator, pair=pair, kind="hardship")
        Pair.objects.filter(pk=pair.pk).update(started_on=D(2020, 1, 1))


@pytest.mark.django_db
def test_what_is_due_on_many_pairs_takes_the_same_queries_as_on_few(lishi):
    coordinator = make_coordinator(lishi)
    Festival.objects.create(name="测试节", date=dt.date.today() + dt.timedelta(days=3))
    pairs_in(lishi, 2, coordinator)
    with CaptureQueriesContext(connection) as few:
        small = due_by_pair(Pair.objects.all(), dt.date.today())
    pairs_in(lishi, 6, coordinator)
    with CaptureQueriesContext(connection) as many:
        large = due_by_pair(Pair.objects.all(), dt.date.today())

    assert len(small) == 2 and len(large) == 8
    assert len(few) == len(many) == 4
    reasons = sorted(tuple(sorted(i.reason for i in items)) for _p, items in large.values())
    assert reasons.count(("concern", "festival", "regular")) == 4
