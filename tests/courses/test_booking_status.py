"""A session says where booking stands; the course pages show it as a badge."""

import datetime as dt

from django.utils import timezone

import pytest

from courses.models import Session

NOW = timezone.make_aware(dt.datetime(2026, 7, 1, 9, 0))


def session(**kwargs) -> Session:
    kwargs.setdefault("start", NOW + dt.timedelta(days=3))
    kwargs.setdefault("end", kwargs["start"] + dt.timedelta(hours=2))
    kwargs.setdefault("capacity", 10)
    return Session(**kwargs)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, "open"),
        ({"booking_opens": NOW + dt.timedelta(days=1)}, "not_open"),
        ({"booking_opens": NOW - dt.timedelta(days=1)}, "open"),
        ({"booking_closes": NOW - dt.timedelta(minutes=1)}, "closed"),
        ({"start": NOW - dt.timedelta(minutes=5)}, "closed"),
        ({"seats_taken": 10}, "full"),
        ({"seats_taken": 9}, "open"),
        ({"is_cancelled": True, "seats_taken": 10}, "cancelled"),
        ({"is_cancelled": True, "booking_opens": NOW + dt.timedelta(days=1)}, "cancelled"),
    ],
)
def test_booking_status(fields, expected):
    assert session(**fields).booking_status(NOW) == expected, fields


def test_closed_wins_over_full():
    """Once booking has closed a full session says closed, not full."""
    past_close = session(seats_taken=10, booking_closes=NOW - dt.timedelta(hours=1))
    assert past_close.booking_status(NOW) == "closed"
