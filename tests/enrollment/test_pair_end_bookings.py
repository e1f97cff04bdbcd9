"""When a pair ends, their 亲子 bookings still to come are cancelled (the class is for the
two of them) and the freed seats go to the waiting list; the mother's other bookings, the
child's own classes and bookings of sessions already begun stay as they are. The pairs side
announces it (``domain_signals.pair_ended``); the bookings side acts."""

import datetime as dt

from django.utils import timezone

import pytest

from courses.models import SummerClassPage
from enrollment import services as booking_services
from enrollment.models import Booking
from pairs import services as pair_services
from pairs.models import Pair
from tests import factories
from tests.makers import county, make_child, make_guardian, make_mother, make_pair

pytestmark = pytest.mark.django_db
Status = Booking.Status


def session(days: float, capacity: int = 4, fmt=SummerClassPage.Format.PARENT_CHILD):
    course = factories.SummerClassPageFactory(
        format=fmt, age_min=6, age_max=12, sessions=[factories.session_in(days, capacity=capacity)]
    )
    return course.sessions.get()


def test_ending_a_pair_cancels_their_coming_parent_child_bookings_only():
    lishi = county()
    mother = make_mother(lishi)
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=lishi, name="张小雨", age=8)
    pair = make_pair(mother, child)
    together = booking_services.booking_create(session=session(7), booker=mother, child=child)
    waiting_pair_mother = make_mother(lishi)
    other_child = make_child(county_obj=lishi, name="李小红", age=8)
    make_pair(waiting_pair_mother, other_child)
    full = session(9, capacity=2)
    ours = booking_services.booking_create(session=full, booker=mother, child=child)
    theirs = booking_services.booking_create(
        session=full, booker=waiting_pair_mother, child=other_child
    )
    own_class = booking_services.booking_create(
        session=session(11, fmt=SummerClassPage.Format.CHILD), booker=guardian, child=child
    )
    training = factories.TrainingCoursePageFactory(sessions=[factories.session_in(13)])
    her_training = booking_services.booking_create(session=training.sessions.get(), booker=mother)

    pair_services.pair_end(actor=None, pair=pair, reason=Pair.EndReason.MOVED)

    def status(booking):
        booking.refresh_from_db()
        return booking.status

    assert (status(together), status(ours)) == (Status.CANCELLED, Status.CANCELLED)
    assert status(theirs) == Status.OFFERED, "the freed seats did not go to the waiting pair"
    assert status(own_class) == Status.CONFIRMED, "the child's own class was cancelled"
    assert status(her_training) == Status.CONFIRMED, "the mother's training was cancelled"


def test_a_session_already_begun_keeps_its_booking_when_the_pair_ends():
    lishi = county()
    mother = make_mother(lishi)
    child = make_child(county_obj=lishi, name="王小明", age=8)
    pair = make_pair(mother, child)
    past = session(7)
    booking = booking_services.booking_create(session=past, booker=mother, child=child)
    past.start = timezone.now() - dt.timedelta(hours=1)
    past.end = timezone.now() + dt.timedelta(hours=1)
    past.save(update_fields=["start", "end"])

    pair_services.pair_end(actor=None, pair=pair, reason=Pair.EndReason.MOVED)

    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED, "a session under way lost its booking"
