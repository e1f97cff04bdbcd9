"""Impossible sessions and summer classes are refused by validation and, when validation is
bypassed, by the database's own constraints."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from courses.models import Session
from tests.factories import (
    SessionFactory,
    SummerClassPageFactory,
    TrainingCoursePageFactory,
    VenueFactory,
)

START = timezone.now().replace(microsecond=0) + dt.timedelta(days=10)
HOUR = dt.timedelta(hours=1)

IMPOSSIBLE_SESSIONS = [
    pytest.param({"end": START - HOUR}, "end", id="ends-before-it-starts"),
    pytest.param({"end": START}, "end", id="ends-as-it-starts"),
    pytest.param({"capacity": 0}, "capacity", id="no-seats"),
    pytest.param({"booking_closes": START + 3 * HOUR}, "booking_closes", id="closes-after-end"),
    pytest.param(
        {"booking_opens": START - HOUR, "booking_closes": START - 2 * HOUR},
        "booking_opens",
        id="opens-after-closes",
    ),
    pytest.param(
        {"booking_opens": START - HOUR, "booking_closes": START - HOUR},
        "booking_opens",
        id="opens-as-it-closes",
    ),
]


@pytest.fixture
def course(db):
    return TrainingCoursePageFactory()


def _session(course, **overrides) -> Session:
    fields = {
        "course": course,
        "start": START,
        "end": START + 2 * HOUR,
        "venue": VenueFactory(),
        "capacity": 30,
    }
    fields.update(overrides)
    return Session(**fields)


def test_a_sensible_session_is_valid(course):
    session = _session(
        course, booking_opens=START - 48 * HOUR, booking_closes=START + HOUR, capacity=1
    )

    session.full_clean()


@pytest.mark.parametrize(("overrides", "field"), IMPOSSIBLE_SESSIONS)
def test_session_validation_names_the_wrong_field(course, overrides, field):
    with pytest.raises(ValidationError) as excinfo:
        _session(course, **overrides).full_clean()

    assert field in excinfo.value.message_dict, (
        f"expected an error on {field!r}, got {excinfo.value.message_dict}"
    )


@pytest.mark.parametrize(("overrides", "field"), IMPOSSIBLE_SESSIONS)
def test_database_refuses_an_impossible_session(course, overrides, field):
    with pytest.raises(IntegrityError), transaction.atomic():
        _session(course, **overrides).save()


def test_seats_left_never_goes_below_zero(db):
    session = SessionFactory(capacity=10)

    session.seats_taken = 4
    assert session.seats_left == 6
    session.seats_taken = 12
    assert session.seats_left == 0


def test_upcoming_sessions_skip_past_and_cancelled_ones_soonest_first(course):
    later = SessionFactory(course=course, days=9)
    sooner = SessionFactory(course=course, days=2)
    SessionFactory(course=course, days=-2)
    SessionFactory(course=course, days=3, is_cancelled=True)

    assert list(Session.objects.upcoming().filter(course=course)) == [sooner, later]


def test_a_session_under_way_is_still_upcoming(course):
    under_way = SessionFactory(
        course=course, start=timezone.now() - HOUR, end=timezone.now() + HOUR
    )

    assert list(Session.objects.upcoming()) == [under_way]


def test_summer_class_ages_must_be_in_order(db):
    page = SummerClassPageFactory.build(age_min=12, age_max=6)

    with pytest.raises(ValidationError) as excinfo:
        page.clean()

    assert "age_max" in excinfo.value.message_dict


def test_summer_class_needs_a_county(db):
    page = SummerClassPageFactory.build(county=None)

    with pytest.raises(ValidationError) as excinfo:
        page.clean()

    assert "county" in excinfo.value.message_dict


def test_database_refuses_a_summer_class_with_reversed_ages(db):
    page = SummerClassPageFactory()
    page.age_min, page.age_max = 12, 6

    with pytest.raises(IntegrityError), transaction.atomic():
        page.save(clean=False)
