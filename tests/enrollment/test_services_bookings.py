"""Booking services: who may book what, seats, the waiting list and offers (a pair's two
seats are taken together or not at all), cancellation deadlines, and the history."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from courses.models import Session, SummerClassPage
from enrollment import services as booking_services
from enrollment.models import Booking, BookingEvent
from pairs import services as pair_services
from people import services as people_services
from tests import factories
from tests.makers import make_child, make_city_staff, make_guardian, make_mother, make_pair

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
Status = Booking.Status


def training_session(capacity: int = 2, days: float = 7, **kwargs) -> Session:
    course = factories.TrainingCoursePageFactory(
        sessions=[factories.session_in(days, capacity=capacity, **kwargs)]
    )
    return course.sessions.get()


def class_session(
    capacity: int = 2, fmt=SummerClassPage.Format.CHILD, days: float = 7, **kwargs
) -> Session:
    course = factories.SummerClassPageFactory(
        format=fmt,
        age_min=6,
        age_max=12,
        sessions=[factories.session_in(days, capacity=capacity, **kwargs)],
    )
    return course.sessions.get()


def seats_taken(session: Session) -> int:
    session.refresh_from_db()
    return session.seats_taken


# Who may book --------------------------------------------------------------------------------


def _unconfirm(user) -> None:
    """Her email address as it is after sign-up, before she follows the link."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).update(verified=False)
    user.phone_verified = False
    user.save(update_fields=["phone_verified"])


def test_booking_needs_a_confirmed_mobile_number_or_email_address(lishi):
    session = class_session(capacity=5)
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=lishi)
    _unconfirm(guardian)

    with pytest.raises(booking_services.ContactUnverified, match="Confirm your mobile number"):
        booking_services.booking_create(session=session, booker=guardian, child=child)
    assert not Booking.objects.exists() and seats_taken(session) == 0

    guardian.phone, guardian.phone_verified = "+8613800138000", True  # confirmed by code
    guardian.save(update_fields=["phone", "phone_verified"])
    assert booking_services.booking_create(session=session, booker=guardian, child=child)


def test_a_confirmed_email_address_is_enough_to_book(lishi):
    from allauth.account.models import EmailAddress

    session = training_session(capacity=2)
    mother = make_mother(lishi)
    _unconfirm(mother)
    with pytest.raises(booking_services.ContactUnverified):
        booking_services.booking_create(session=session, booker=mother)

    EmailAddress.objects.filter(user=mother).update(verified=True)
    assert (
        booking_services.booking_create(session=session, booker=mother).status == Status.CONFIRMED
    )


def test_an_approved_mother_books_a_training_seat(lishi):
    session = training_session(capacity=2)
    mother = make_mother(lishi)

    booking = booking_services.booking_create(session=session, booker=mother)

    assert booking.status == Status.CONFIRMED and booking.kind == Booking.Kind.MOTHER
    assert seats_taken(session) == 1
    assert list(booking.events.values_list("from_status", "to_status")) == [("", "confirmed")]


@pytest.mark.parametrize("status", ["submitted", "needs_info", "declined"])
def test_only_approved_mothers_book_trainings(lishi, status):
    from tests.makers import make_applicant

    with pytest.raises(people_services.DomainError, match="approved caring mothers"):
        booking_services.booking_create(
            session=training_session(), booker=make_applicant(lishi, status=status)
        )


def test_a_guardian_cannot_book_a_training(lishi):
    with pytest.raises(people_services.DomainError, match="caring mothers"):
        booking_services.booking_create(session=training_session(), booker=make_guardian())


def test_a_guardian_books_a_class_for_her_child_of_the_right_age(lishi):
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=lishi, age=9)

    booking = booking_services.booking_create(session=class_session(), booker=guardian, child=child)

    assert booking.kind == Booking.Kind.CHILD and booking.status == Status.CONFIRMED


@pytest.mark.parametrize("age", [4, 13])
def test_a_child_outside_the_age_range_is_refused(lishi, age):
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=lishi, age=age)
    with pytest.raises(people_services.DomainError, match="aged 6 to 12"):
        booking_services.booking_create(session=class_session(), booker=guardian, child=child)


def test_a_guardian_books_only_her_own_children(lishi):
    child = make_child(guardian=make_guardian(), county_obj=lishi)
    with pytest.raises(people_services.DomainError, match="your own children"):
        booking_services.booking_create(
            session=class_session(), booker=make_guardian(), child=child
        )


def test_a_mother_books_a_parent_child_class_with_her_paired_child_as_one_unit(lishi):
    mother = make_mother(lishi)
    child = make_child(county_obj=lishi, age=8)
    make_pair(mother, child)
    session = class_session(capacity=3, fmt=SummerClassPage.Format.PARENT_CHILD)

    booking = booking_services.booking_create(session=session, booker=mother, child=child)

    assert booking.kind == Booking.Kind.PAIR and booking.seats == 2
    assert seats_taken(session) == 2


def test_a_parent_child_class_needs_an_active_pair(lishi):
    mother = make_mother(lishi)
    child = make_child(county_obj=lishi, age=8)
    pair = make_pair(mother, child)
    pair_services.pair_end(actor=make_city_staff(), pair=pair, reason="moved")

    with pytest.raises(people_services.DomainError, match="paired child"):
        booking_services.booking_create(
            session=class_session(fmt=SummerClassPage.Format.PARENT_CHILD),
            booker=mother,
            child=child,
        )


@pytest.mark.parametrize(
    ("session_kwargs", "message"),
    [
        ({"is_cancelled": True}, "cancelled"),
        ({"booking_opens": timezone.now() + dt.timedelta(days=1)}, "Booking opens"),
        ({"booking_closes": timezone.now() - dt.timedelta(hours=1)}, "closed"),
    ],
)
def test_the_booking_window_and_cancelled_sessions(lishi, session_kwargs, message):
    with pytest.raises(people_services.DomainError, match=message):
        booking_services.booking_create(
            session=training_session(**session_kwargs), booker=make_mother(lishi)
        )


def test_a_past_session_cannot_be_booked(lishi):
    with pytest.raises(people_services.DomainError, match="already started"):
        booking_services.booking_create(
            session=training_session(days=-1), booker=make_mother(lishi)
        )


def test_booking_twice_and_overlapping_sessions_are_refused(lishi):
    mother = make_mother(lishi)
    session = training_session(capacity=5)
    booking_services.booking_create(session=session, booker=mother)
    with pytest.raises(people_services.DomainError, match="already booked"):
        booking_services.booking_create(session=session, booker=mother)

    same_time = factories.TrainingCoursePageFactory(
        sessions=[
            Session(
                start=session.start + dt.timedelta(minutes=30),
                end=session.end,
                venue=session.venue,
                capacity=5,
            )
        ]
    ).sessions.get()
    with pytest.raises(people_services.DomainError, match="same time"):
        booking_services.booking_create(session=same_time, booker=mother)


def test_the_database_refuses_a_second_active_booking_for_the_same_person(lishi):
    mother = make_mother(lishi)
    session = training_session(capacity=5)
    booking_services.booking_create(session=session, booker=mother)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            session=session,
            kind="mother",
            booker=mother,
            volunteer=mother.volunteer,
            seats=1,
            status="waitlisted",
        )


# Capacity, waiting list, offers -----------------------------------------------------------------


def test_a_full_session_puts_people_on_the_waiting_list_in_order(lishi):
    session = training_session(capacity=1)
    first, second, third = (make_mother(lishi) for _ in range(3))

    assert booking_services.booking_create(session=session, booker=first).status == Status.CONFIRMED
    b2 = booking_services.booking_create(session=session, booker=second)
    b3 = booking_services.booking_create(session=session, booker=third)

    assert (b2.status, b3.status) == (Status.WAITLISTED, Status.WAITLISTED)
    assert seats_taken(session) == 1


def test_a_freed_seat_is_offered_to_the_first_in_line_and_held(lishi, settings):
    settings.BOOKING_OFFER_HOLD_HOURS = 24
    session = training_session(capacity=1, days=10)
    first, second, third = (make_mother(lishi) for _ in range(3))
    b1 = booking_services.booking_create(session=session, booker=first)
    b2 = booking_services.booking_create(session=session, booker=second)
    b3 = booking_services.booking_create(session=session, booker=third)
    now = timezone.now()

    booking_services.booking_cancel(booking=b1, actor=first, now=now)

    b2.refresh_from_db()
    b3.refresh_from_db()
    assert b2.status == Status.OFFERED and b3.status == Status.WAITLISTED
    assert b2.offer_expires_at == now + dt.timedelta(hours=24)
    assert seats_taken(session) == 1, "the offer holds the seat"
    assert (
        booking_services.booking_create(session=session, booker=make_mother(lishi)).status
        == Status.WAITLISTED
    )

    booking_services.offer_accept(booking=b2, actor=second, now=now)
    b2.refresh_from_db()
    assert b2.status == Status.CONFIRMED and seats_taken(session) == 1


def test_declining_or_letting_an_offer_expire_passes_it_on(lishi):
    session = training_session(capacity=1, days=10)
    mothers = [make_mother(lishi) for _ in range(4)]
    bookings = [booking_services.booking_create(session=session, booker=m) for m in mothers]
    now = timezone.now()
    booking_services.booking_cancel(booking=bookings[0], actor=mothers[0], now=now)

    booking_services.booking_cancel(
        booking=bookings[1], actor=mothers[1], now=now
    )  # declines the offer
    bookings[2].refresh_from_db()
    assert bookings[2].status == Status.OFFERED

    assert booking_services.offers_expire(now=now + dt.timedelta(hours=25)) == 1
    for booking in bookings:
        booking.refresh_from_db()
    assert [b.status for b in bookings] == [
        Status.CANCELLED,
        Status.DECLINED,
        Status.EXPIRED,
        Status.OFFERED,
    ]
    assert seats_taken(session) == 1
    assert booking_services.offers_expire(now=now + dt.timedelta(hours=25)) == 0, (
        "running twice changes nothing"
    )


def test_an_expired_offer_cannot_be_accepted(lishi):
    session = training_session(capacity=1, days=10)
    first, second = make_mother(lishi), make_mother(lishi)
    b1 = booking_services.booking_create(session=session, booker=first)
    b2 = booking_services.booking_create(session=session, booker=second)
    booking_services.booking_cancel(booking=b1, actor=first)
    with pytest.raises(people_services.DomainError, match="no longer open"):
        booking_services.offer_accept(
            booking=b2, actor=second, now=timezone.now() + dt.timedelta(hours=25)
        )


def test_a_pair_waiting_behind_never_gets_half_a_booking(lishi):
    """One seat frees with a pair first in line: the pair keeps waiting (it needs two) and the
    next single person who fits gets the seat; when a second seat frees, the pair gets both."""
    session = class_session(capacity=2, fmt=SummerClassPage.Format.PARENT_CHILD)
    mothers = [make_mother(lishi) for _ in range(4)]
    children = [make_child(county_obj=lishi, age=8, name=f"张小{n}") for n in "甲乙丙丁"]
    for mother, child in zip(mothers, children, strict=True):
        make_pair(mother, child)
    held = booking_services.booking_create(session=session, booker=mothers[0], child=children[0])
    assert held.status == Status.CONFIRMED and seats_taken(session) == 2
    waiting_pair = booking_services.booking_create(
        session=session, booker=mothers[1], child=children[1]
    )
    assert waiting_pair.status == Status.WAITLISTED

    # The capacity is raised by one: one seat is free, the pair waits, nothing is half-booked.
    Session.objects.filter(pk=session.pk).update(capacity=3)
    assert booking_services.session_offers_refresh(session=session) == []
    waiting_pair.refresh_from_db()
    assert waiting_pair.status == Status.WAITLISTED and seats_taken(session) == 2

    # A second seat frees: the pair is offered both seats together.
    Session.objects.filter(pk=session.pk).update(capacity=4)
    offered = booking_services.session_offers_refresh(session=session)
    assert [b.pk for b in offered] == [waiting_pair.pk]
    assert seats_taken(session) == 4


def test_a_single_seat_passes_over_a_waiting_pair_to_the_next_who_fits(lishi):
    """The queue is first come, first served among those who fit: with one seat free, a pair
    first in line keeps its place and the single person behind it is offered the seat."""
    session = class_session(capacity=3, fmt=SummerClassPage.Format.PARENT_CHILD)
    Session.objects.filter(pk=session.pk).update(seats_taken=3)
    mother, child = make_mother(lishi), make_child(county_obj=lishi, age=8)
    guardian = make_guardian()
    single = make_child(guardian=guardian, county_obj=lishi, age=9, name="李小乙")
    now = timezone.now()
    waiting_pair = Booking.objects.create(
        session=session,
        kind="pair",
        booker=mother,
        volunteer=mother.volunteer,
        child=child,
        seats=2,
        status="waitlisted",
        waitlisted_at=now - dt.timedelta(minutes=2),
    )
    waiting_single = Booking.objects.create(
        session=session,
        kind="child",
        booker=guardian,
        child=single,
        seats=1,
        status="waitlisted",
        waitlisted_at=now - dt.timedelta(minutes=1),
    )

    Session.objects.filter(pk=session.pk).update(seats_taken=2)  # one seat frees
    offered = booking_services.session_offers_refresh(session=session, now=now)

    assert [b.pk for b in offered] == [waiting_single.pk]
    waiting_pair.refresh_from_db()
    assert waiting_pair.status == Status.WAITLISTED, "a pair never gets half a booking"
    assert seats_taken(session) == 3


def test_cancelling_after_the_deadline_is_for_staff_only(lishi, settings):
    settings.BOOKING_CANCEL_DEADLINE_HOURS = 24
    session = training_session(capacity=2, days=0.5)
    mother = make_mother(lishi)
    booking = booking_services.booking_create(session=session, booker=mother)

    with pytest.raises(people_services.DomainError, match="24 hours before"):
        booking_services.booking_cancel(booking=booking, actor=mother)

    booking_services.booking_cancel(booking=booking, actor=make_city_staff())
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED and seats_taken(session) == 0


def test_only_the_booker_cancels_her_booking(lishi):
    session = training_session()
    booking = booking_services.booking_create(session=session, booker=make_mother(lishi))
    with pytest.raises(people_services.DomainError, match="your own bookings"):
        booking_services.booking_cancel(booking=booking, actor=make_mother(lishi))


def test_leaving_the_waiting_list_is_recorded(lishi):
    session = training_session(capacity=1)
    booking_services.booking_create(session=session, booker=make_mother(lishi))
    mother = make_mother(lishi)
    waiting = booking_services.booking_create(session=session, booker=mother)

    booking_services.booking_cancel(booking=waiting, actor=mother)

    waiting.refresh_from_db()
    assert waiting.status == Status.LEFT_WAITLIST
    assert list(
        BookingEvent.objects.filter(booking=waiting).values_list(
            "from_status", "to_status", "actor"
        )
    ) == [
        ("", "waitlisted", mother.pk),
        ("waitlisted", "left", mother.pk),
    ]
    assert seats_taken(session) == 1


def test_a_seat_offer_is_sent_to_the_waiting_person(
    lishi, mailoutbox, django_capture_on_commit_callbacks
):
    session = training_session(capacity=1, days=10)
    first, second = make_mother(lishi), make_mother(lishi)
    b1 = booking_services.booking_create(session=session, booker=first)
    booking_services.booking_create(session=session, booker=second)

    with django_capture_on_commit_callbacks(execute=True):
        booking_services.booking_cancel(booking=b1, actor=first)

    # She who cancelled is told her booking is cancelled; the next in line, of the offer.
    assert sorted(m.to[0] for m in mailoutbox) == sorted([first.email, second.email])
    offer = next(m for m in mailoutbox if m.to == [second.email])
    assert session.course.title in offer.body and "保留到" in offer.body


def test_removing_a_child_or_deleting_an_account_frees_their_seats_for_the_waiting_list(lishi):
    session = class_session(capacity=1)
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=lishi, age=9)
    booked = booking_services.booking_create(session=session, booker=guardian, child=child)
    other = make_guardian()
    waiting = booking_services.booking_create(
        session=session,
        booker=other,
        child=make_child(guardian=other, county_obj=lishi, age=9, name="李小乙"),
    )

    people_services.child_delete_by_guardian(child=child, guardian=guardian)

    booked.refresh_from_db()
    waiting.refresh_from_db()
    assert booked.status == Status.CANCELLED and waiting.status == Status.OFFERED
    assert seats_taken(session) == 1

    training = training_session(capacity=1)
    mother = make_mother(lishi)
    mine = booking_services.booking_create(session=training, booker=mother)
    people_services.account_delete(user=mother)
    mine.refresh_from_db()
    assert mine.status == Status.CANCELLED and seats_taken(training) == 0


def test_of_a_training_whose_sessions_are_the_same_lesson_she_books_one_session(lishi):
    course = factories.TrainingCoursePageFactory(
        session_plan="alternatives",
        sessions=[factories.session_in(7, capacity=5), factories.session_in(14, capacity=5)],
    )
    first, second = course.sessions.order_by("start")
    mother = make_mother(lishi)
    booking_services.booking_create(session=first, booker=mother)

    with pytest.raises(booking_services.DomainError, match="the same lesson"):
        booking_services.booking_create(session=second, booker=mother)

    assert Booking.objects.filter(volunteer__user=mother).count() == 1


def test_of_a_series_she_books_every_session(lishi):
    course = factories.TrainingCoursePageFactory(
        sessions=[factories.session_in(7, capacity=5), factories.session_in(14, capacity=5)],
    )
    mother = make_mother(lishi)
    for session in course.sessions.all():
        booking_services.booking_create(session=session, booker=mother)

    assert Booking.objects.filter(volunteer__user=mother).count() == 2


def test_the_same_lesson_twice_cannot_need_two_sessions_to_complete():
    from django.core.exceptions import ValidationError

    from courses.models import TrainingCoursePage

    course = TrainingCoursePage(session_plan="alternatives", required_sessions=2)
    with pytest.raises(ValidationError) as refused:
        course.clean()
    assert "required_sessions" in refused.value.message_dict
