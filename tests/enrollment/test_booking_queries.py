"""The registration rush's request: the booking POST that hundreds of families send at once
when a class opens. Its queries are pinned, one by one and in order, so that a query that
creeps in (or a lock taken in another order) fails here, and they do not grow with her
children or with the bookings already made."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from courses.models import SummerClassPage
from enrollment import services
from enrollment.models import Booking
from tests import factories
from tests.makers import make_child, make_guardian
from tests.support import assert_same_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kept(settings):
    """As in production: what the site keeps between requests (the course page) is kept."""
    settings.FRAGMENT_CACHE_SECONDS = 60


# The booking POST of a family signed up by mobile number (confirmed by code), as in the rush:
# SAVEPOINT and RELEASE are the booking's transaction (BEGIN and COMMIT outside a test).
BOOKING_POST = [
    "SELECT django_session",  # her signed-in session
    "SELECT people_user",  # her account
    "SELECT courses_session",  # the session and its venue (its course page is kept)
    "SELECT wagtailcore_pageviewrestriction",  # the course's privacy settings
    "SELECT auth_group",  # her roles (whose children she may see)
    "SELECT people_child",  # her children, only what a booking reads of them
    "SAVEPOINT",
    "SELECT set_config",  # PostgreSQL only: the lock timeout
    "SELECT people_child",  # her child's row locked
    "SELECT enrollment_booking",  # the child's clashes
    "SELECT courses_session",  # the session's row locked, as late as possible
    "SELECT enrollment_booking",  # anyone waiting who goes first (only while seats are free)
    "INSERT enrollment_booking",
    "INSERT enrollment_bookingevent",  # the booking's history
    "INSERT people_notification",  # the notice, in the booking's transaction (the outbox)
    "UPDATE courses_session",  # seats taken (a confirmed seat only)
    "RELEASE",
]


def _shape(sql: str) -> str:
    """``SELECT people_child``, ``INSERT enrollment_booking``, ``SAVEPOINT``…: the verb and the
    table of the first column selected (or of the first ``FROM``, ``INTO``, ``UPDATE``), or
    the function a ``SELECT`` calls (``SELECT set_config``)."""
    verb = sql.split(None, 1)[0].upper()
    if verb not in {"SELECT", "INSERT", "UPDATE"}:
        return verb
    table = (
        re.match(r'SELECT (?:DISTINCT )?"(\w+)"\.', sql)
        or re.search(r'(?:FROM|INTO|UPDATE) "(\w+)"', sql)
        or re.match(r"SELECT (\w+)\(", sql)
    )
    return f"{verb} {table.group(1)}"


def _expected(waiting: bool = False) -> list[str]:
    expected = list(BOOKING_POST)
    if connection.vendor != "postgresql":
        expected.remove("SELECT set_config")
    if waiting:  # no free seat: nobody waiting is asked about, no seat is taken
        queue = [n for n, shape in enumerate(expected) if shape == "SELECT enrollment_booking"][1]
        del expected[queue]
        expected.remove("UPDATE courses_session")
    return expected


def summer_class(capacity: int):
    course = factories.SummerClassPageFactory(
        format=SummerClassPage.Format.CHILD,
        age_min=6,
        age_max=12,
        sessions=[factories.session_in(7, capacity=capacity)],
    )
    return course, course.sessions.get()


def family(county, children: int = 1, phone: int = 1):
    guardian = make_guardian(phone=f"+86139{phone:08d}")
    kids = [
        make_child(guardian=guardian, county_obj=county, name=f"王小{n}") for n in range(children)
    ]
    return guardian, kids


def _book(client, session, guardian, child) -> list[str]:
    client.force_login(guardian)
    # She opens the booking page first, as in the rush (what the site keeps is then warm).
    assert client.get(reverse("enrollment:session_book", args=[session.pk])).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("enrollment:session_book", args=[session.pk]), {"child": child.pk}
        )
    assert response.status_code == 302, "the booking was not made"
    return [query["sql"] for query in queries.captured_queries]


def test_a_booking_post_runs_the_pinned_queries_whatever_her_children_and_the_bookings(
    client, lishi
):
    _course, session = summer_class(capacity=100)
    small, (small_child,) = family(lishi, phone=1)
    few = _book(client, session, small, small_child)
    for n in range(30):
        other = make_guardian()
        services.booking_create(
            session=session,
            booker=other,
            child=make_child(guardian=other, county_obj=lishi, name=f"赵{n}"),
        )
    big, children = family(lishi, children=5, phone=2)
    many = _book(client, session, big, children[2])

    assert_same_queries(few, many, "the booking POST")
    assert [_shape(sql) for sql in many] == _expected(), "\n".join(sql[:160] for sql in many)
    assert Booking.objects.get(child=children[2]).status == Booking.Status.CONFIRMED


def test_joining_a_full_class_waiting_list_takes_no_more_queries_than_a_seat(client, lishi):
    _course, session = summer_class(capacity=1)
    first, (first_child,) = family(lishi, phone=1)
    second, (second_child,) = family(lishi, phone=2)

    seat = _book(client, session, first, first_child)
    waiting = _book(client, session, second, second_child)

    assert Booking.objects.get(child=second_child).status == Booking.Status.WAITLISTED
    assert len(waiting) <= len(seat)
    assert [_shape(sql) for sql in waiting] == _expected(waiting=True), "\n".join(waiting)
