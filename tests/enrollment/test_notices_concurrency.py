"""Two reminder runs at the same time, on two database connections (PostgreSQL: real row
locks): each reminder is recorded, and sent, once."""

import datetime as dt
import threading

from django.db import connection, connections
from django.utils import timezone

import pytest

from enrollment.models import Booking
from enrollment.notices import reminders_record
from people.models import Notification
from tests.enrollment.attendance_support import book, training
from tests.makers import county, make_mother

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="two connections racing need PostgreSQL; run with DATABASE_URL=postgres://...",
    ),
]


def test_two_reminder_runs_at_once_record_each_reminder_once():
    lishi = county("lishi", "离石区")
    session = training([timezone.now() + dt.timedelta(hours=20)], lishi, capacity=20).sessions.get()
    for _ in range(12):
        booking = book(session, make_mother(lishi))
        Booking.objects.filter(pk=booking.pk).update(
            created_at=timezone.now() - dt.timedelta(days=3)
        )
    start = threading.Barrier(2)
    counts, errors = [], []

    def run():
        try:
            start.wait()
            counts.append(reminders_record())
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert sum(counts) == 12, counts
    reminders = Notification.objects.filter(kind=Notification.Kind.REMINDER)
    assert reminders.count() == 12
    assert reminders.values("recipient").distinct().count() == 12
