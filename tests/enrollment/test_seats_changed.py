"""``seats_changed``: sent once a booking that took or freed seats has committed; a receiver
that fails then is logged, and the booking's answer still goes out."""

import pytest

from courses.models import Session, SummerClassPage
from enrollment import services
from enrollment.domain_signals import seats_changed
from enrollment.models import Booking
from tests import factories
from tests.makers import make_child, make_guardian

pytestmark = pytest.mark.django_db


def test_a_receiver_failing_after_the_booking_committed_is_logged_not_raised(
    lishi, django_capture_on_commit_callbacks, caplog
):
    course = factories.SummerClassPageFactory(
        format=SummerClassPage.Format.CHILD,
        age_min=6,
        age_max=12,
        sessions=[factories.session_in(7, capacity=5)],
    )
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=lishi)
    heard = []

    def failing(sender, session: Session, **kwargs) -> None:
        heard.append(session.pk)
        raise ConnectionError("page cache unreachable")

    seats_changed.connect(failing, dispatch_uid="test_failing_seats_receiver")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            booking = services.booking_create(
                session=course.sessions.get(), booker=guardian, child=child
            )
    finally:
        seats_changed.disconnect(dispatch_uid="test_failing_seats_receiver")

    assert booking.status == Booking.Status.CONFIRMED
    assert heard == [booking.session_id], "seats_changed was not sent on commit"
    assert "page cache unreachable" in caplog.text, "the failure was not logged"
