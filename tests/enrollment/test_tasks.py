"""The offers expiry job: run through Celery (eagerly, as without a broker), it expires offers
past their hold time and passes the seats on; running it again changes nothing; the beat
schedule runs it every five minutes."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

import pytest

from enrollment import services
from enrollment.models import Booking
from enrollment.tasks import expire_offers
from tests.enrollment.attendance_support import at, book, training
from tests.people import county, make_mother

pytestmark = pytest.mark.django_db
Status = Booking.Status


@pytest.fixture
def expired_offer(settings):
    lishi = county("lishi", "离石区")
    session = training([at(5)], lishi, capacity=1).sessions.get()
    first = book(session, make_mother(lishi))
    offered = book(session, make_mother(lishi))
    next_in_line = book(session, make_mother(lishi))
    services.booking_cancel(booking=first, actor=first.booker)
    offered.refresh_from_db()
    assert offered.status == Status.OFFERED
    Booking.objects.filter(pk=offered.pk).update(
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    return offered, next_in_line


def test_the_task_expires_overdue_offers_and_offers_the_seat_on(expired_offer):
    offered, next_in_line = expired_offer

    result = expire_offers.delay()

    assert result.get() == 1
    offered.refresh_from_db(), next_in_line.refresh_from_db()
    assert offered.status == Status.EXPIRED
    assert next_in_line.status == Status.OFFERED


def test_running_the_task_twice_is_harmless(expired_offer):
    offered, next_in_line = expired_offer
    expire_offers.delay()
    events = offered.events.count() + next_in_line.events.count()

    assert expire_offers.delay().get() == 0

    assert offered.events.count() + next_in_line.events.count() == events


def test_the_task_has_a_time_limit():
    assert expire_offers.time_limit and expire_offers.soft_time_limit
    assert expire_offers.soft_time_limit < expire_offers.time_limit


def test_the_beat_schedule_runs_it_every_five_minutes():
    [entry] = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == expire_offers.name]
    assert entry["schedule"] == 300
