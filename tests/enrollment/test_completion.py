"""A mother's training record: she completes a training when she has attended its required
number of sessions (absences and excused absences do not count), on the date of the session
that made up the number; sessions held before she joined do not count against her;
/me/training/ lists completed trainings, those in progress and the total hours."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

import pytest

from enrollment.models import Booking
from enrollment.selectors.training import training_record
from tests.enrollment.attendance_support import at, book, joined, training
from tests.makers import make_guardian, make_mother

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
PRESENT, ABSENT = Booking.Attendance.PRESENT, Booking.Attendance.ABSENT


def attend(course, mother, marks: list[str]) -> list[Booking]:
    """Book every session of ``course`` and mark them in order with ``marks``."""
    return attend_sessions(course.sessions.all(), mother, marks)


def attend_sessions(sessions, mother, marks: list[str]) -> list[Booking]:
    bookings = []
    for session, mark in zip(sessions.order_by("start"), marks, strict=False):
        booking = book(session, mother)
        Booking.objects.filter(pk=booking.pk).update(attendance=mark)
        bookings.append(booking)
    return bookings


def test_attending_the_required_sessions_completes_a_training_on_the_last_ones_date(lishi, mother):
    course = training([at(-20), at(-13), at(-6)], lishi, required=2, hours=6)
    attend(course, mother, [PRESENT, ABSENT, PRESENT])

    record = training_record(mother.volunteer)

    assert [item.course for item in record.completed] == [course.specific]
    assert record.completed[0].completed_on == at(-6).date()
    assert record.total_hours == Decimal(6)
    assert record.in_progress == []


def test_absences_do_not_count(lishi, mother):
    course = training([at(-20), at(-13), at(-6)], lishi, required=2)
    attend(course, mother, [PRESENT, ABSENT, ABSENT])

    record = training_record(mother.volunteer)

    assert record.completed == []
    [item] = record.in_progress
    assert (item.attended, item.required) == (1, 2)
    assert record.total_hours == 0


def test_a_booked_training_not_yet_attended_is_in_progress(lishi, mother):
    course = training([at(5), at(12)], lishi, required=2)
    book(course.sessions.order_by("start").first(), mother)

    [item] = training_record(mother.volunteer).in_progress

    assert (item.attended, item.required) == (0, 2)


def test_sessions_before_she_joined_do_not_count_against_her(lishi):
    course = training([at(-30), at(-10), at(-3)], lishi, required=3)
    mother = joined(make_mother(lishi), at(-20))  # after the first session
    attend_sessions(course.sessions.filter(start__gte=at(-20)), mother, [PRESENT, PRESENT])

    [item] = training_record(mother.volunteer).completed

    assert item.required == 2 and item.completed_on == at(-3).date()


def test_the_same_rule_holds_for_a_mother_who_joined_before_the_training(lishi, mother):
    course = training([at(-30), at(-10), at(-3)], lishi, required=3)
    attend(course, mother, [ABSENT, PRESENT, PRESENT])

    record = training_record(mother.volunteer)

    assert record.completed == []
    assert record.in_progress[0].required == 3


def test_total_hours_add_up_completed_trainings_only(lishi, mother):
    attend(training([at(-9)], lishi, hours=2.5), mother, [PRESENT])
    attend(training([at(-8)], lishi, hours=4), mother, [PRESENT])
    attend(training([at(-7)], lishi, hours=8), mother, [ABSENT])

    assert training_record(mother.volunteer).total_hours == Decimal("6.5")


def test_the_record_keeps_a_fixed_number_of_queries(lishi, mother, django_assert_max_num_queries):
    for days in range(-15, -5):
        attend(training([at(days)], lishi), mother, [PRESENT])
    with django_assert_max_num_queries(3):
        record = training_record(mother.volunteer)
    assert len(record.completed) == 10


def test_the_training_record_page_lists_completed_and_in_progress(client, lishi, mother):
    done = training([at(-6)], lishi, hours=3)
    done.title = "儿童心理基础"
    done.save()
    attend(done, mother, [PRESENT])
    going = training([at(-6) + dt.timedelta(hours=3), at(4)], lishi, required=2)
    attend(going, mother, [PRESENT])

    client.force_login(mother)
    response = client.get(reverse("enrollment:training_record"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "儿童心理基础" in html
    assert reverse("enrollment:certificate", args=[done.pk]) in html
    assert "Attended 1 of 2 sessions" in html
    assert reverse("enrollment:certificate", args=[going.pk]) not in html


def test_someone_who_is_not_a_mother_is_invited_to_become_one(client):
    client.force_login(make_guardian())
    response = client.get(reverse("enrollment:training_record"))
    assert response.status_code == 200
    assert reverse("people:volunteer") in response.content.decode()


def test_the_training_record_asks_visitors_to_sign_in(client):
    response = client.get(reverse("enrollment:training_record"))
    assert response.status_code == 302
