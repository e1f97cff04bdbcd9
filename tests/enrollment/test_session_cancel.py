"""A session cancelled by the organisers: every active booking (confirmed, offered, waiting)
is cancelled with its history, the seats are freed, and everyone who booked is told by email
or text message once the change is committed. In the page editor: ticking "cancelled" and
publishing does this; raising the capacity offers the seats to those waiting; deleting a
session that has bookings (of any status) keeps it and cancels it instead, its bookings
with it once the page is published (not on saving a draft), and the editor is told so."""

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from courses.models import Session, TrainingCoursePage
from enrollment import services as booking_services
from enrollment.models import Booking
from enrollment.services.sessions import session_cancel
from people import services as people_services
from people import sms
from tests.enrollment.attendance_support import at, book, training
from tests.makers import make_mother, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
Status = Booking.Status


@pytest.fixture
def full_session(lishi):
    """Two seats: one confirmed, one offered (after a cancellation), one waiting."""
    session = training([at(5)], lishi, capacity=2).sessions.get()
    confirmed = book(session, make_mother(lishi))
    leaving = book(session, make_mother(lishi))
    offered = book(session, make_mother(lishi))
    waiting = book(session, make_mother(lishi, email="", phone="+8613912345678"))
    booking_services.booking_cancel(booking=leaving, actor=leaving.booker)
    offered.refresh_from_db()
    assert offered.status == Status.OFFERED
    return session, {"confirmed": confirmed, "offered": offered, "waiting": waiting}


def test_cancelling_a_session_cancels_every_active_booking_and_frees_the_seats(
    full_session, django_capture_on_commit_callbacks
):
    session, bookings = full_session
    staff = make_user()

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = session_cancel(session=session, actor=staff)

    assert {b.pk for b in cancelled} == {b.pk for b in bookings.values()}
    session.refresh_from_db()
    assert session.is_cancelled and session.seats_taken == 0
    for booking in bookings.values():
        booking.refresh_from_db()
        assert booking.status == Status.CANCELLED
        event = booking.events.latest("pk")
        assert event.to_status == Status.CANCELLED and event.actor == staff


def test_everyone_who_booked_is_told_by_email_or_text_message(
    full_session, mailoutbox, django_capture_on_commit_callbacks
):
    session, bookings = full_session

    with django_capture_on_commit_callbacks(execute=True):
        session_cancel(session=session, actor=None)

    emailed = {address for mail in mailoutbox for address in mail.to}
    assert emailed == {bookings["confirmed"].booker.email, bookings["offered"].booker.email}
    assert all("活动取消" in mail.subject for mail in mailoutbox)
    assert [message.phone for message in sms.outbox] == ["+8613912345678"]


def test_nobody_is_told_before_the_change_is_committed(full_session, mailoutbox):
    session, _bookings = full_session
    session_cancel(session=session, actor=None)  # the test's transaction never commits
    assert mailoutbox == [] and sms.outbox == []


def test_cancelling_again_changes_nothing_and_tells_nobody(
    full_session, mailoutbox, django_capture_on_commit_callbacks
):
    session, _bookings = full_session
    with django_capture_on_commit_callbacks(execute=True):
        session_cancel(session=session, actor=None)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert session_cancel(session=session, actor=None) == []

    assert mailoutbox == []


def test_a_cancelled_session_cannot_be_booked(full_session, lishi):
    session, _bookings = full_session
    session_cancel(session=session, actor=None)
    with pytest.raises(people_services.DomainError):
        booking_services.booking_create(
            session=Session.objects.get(pk=session.pk), booker=make_mother(lishi)
        )


# In the page editor ------------------------------------------------------------------------

ADMIN_DATETIME = "%Y-%m-%d %H:%M"


def _session_row(session: Session, **changes) -> dict:
    row = {
        "id": str(session.pk),
        "title": session.title,
        "start": timezone.localtime(session.start).strftime(ADMIN_DATETIME),
        "end": timezone.localtime(session.end).strftime(ADMIN_DATETIME),
        "venue": str(session.venue_id),
        "capacity": str(session.capacity),
        "booking_opens": "",
        "booking_closes": "",
    }
    if session.is_cancelled:
        row["is_cancelled"] = "on"
    row.update(changes)
    return {key: value for key, value in row.items() if value is not None}


def publish_edit(client, course: TrainingCoursePage, rows: list[dict], *, publish: bool = True):
    """Post the page editor's form for ``course`` with these session rows, publishing (or
    saving a draft)."""
    course = TrainingCoursePage.objects.get(pk=course.pk)
    data = nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "stage": course.stage,
            "hours": str(course.hours),
            "required_sessions": str(course.required_sessions),
            "session_plan": course.session_plan,
            "county": str(course.county_id),
            "cover_image": str(course.cover_image_id or ""),
            "body": streamfield([("paragraph", rich_text("<p>请提前十分钟到场签到。</p>"))]),
            "sessions": inline_formset(rows, initial=course.sessions.count()),
        }
    )
    data["topics"] = [str(topic.pk) for topic in course.topics.all()]
    if publish:
        data["action-publish"] = "action-publish"
    return client.post(reverse("wagtailadmin_pages:edit", args=[course.pk]), data)


@pytest.fixture
def course_with_bookings(lishi):
    course = training([at(5)], lishi, capacity=1)
    session = course.sessions.get()
    confirmed = book(session, make_mother(lishi))
    waiting = book(session, make_mother(lishi))
    return course, session, confirmed, waiting


def test_publishing_a_session_ticked_cancelled_cancels_its_bookings_and_tells_everyone(
    editor_client, course_with_bookings, mailoutbox, django_capture_on_commit_callbacks
):
    course, session, confirmed, waiting = course_with_bookings

    with django_capture_on_commit_callbacks(execute=True):
        response = publish_edit(editor_client, course, [_session_row(session, is_cancelled="on")])

    assert response.status_code == 302, response.context and response.context["form"].errors
    for booking in (confirmed, waiting):
        booking.refresh_from_db()
        assert booking.status == Status.CANCELLED
    assert len(mailoutbox) == 2


def test_publishing_a_raised_capacity_offers_the_seat_to_the_first_waiting(
    editor_client, course_with_bookings
):
    course, session, _confirmed, waiting = course_with_bookings

    response = publish_edit(editor_client, course, [_session_row(session, capacity="2")])

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_deleting_a_booked_session_and_publishing_cancels_it_and_tells_everyone(
    editor_client,
    admin_user,
    course_with_bookings,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    course, session, confirmed, waiting = course_with_bookings

    with django_capture_on_commit_callbacks(execute=True):
        response = publish_edit(editor_client, course, [_session_row(session, DELETE="1")])

    assert response.status_code == 302, response.context and response.context["form"].errors
    session.refresh_from_db()
    assert session.is_cancelled, "the booked session was deleted or left open"
    assert session.seats_taken == 0
    for booking in (confirmed, waiting):
        booking.refresh_from_db()
        assert booking.status == Status.CANCELLED
        event = booking.events.latest("pk")
        assert (event.to_status, event.actor) == (Status.CANCELLED, admin_user)
    emailed = {address for mail in mailoutbox for address in mail.to}
    assert emailed == {confirmed.booker.email, waiting.booker.email}
    when = timezone.localtime(session.start).strftime(ADMIN_DATETIME)
    told = [m for m in _messages(response) if "cancelled instead of deleted" in m]
    assert len(told) == 1 and when in told[0] and "everyone who booked is told" in told[0], (
        _messages(response)
    )
    revision = TrainingCoursePage.objects.get(pk=course.pk).get_latest_revision_as_object()
    assert [s.is_cancelled for s in revision.sessions.all()] == [True]


def test_a_session_whose_bookings_are_all_history_is_cancelled_not_deleted(
    editor_client, lishi, mailoutbox, django_capture_on_commit_callbacks
):
    course = training([at(5)], lishi)
    session = course.sessions.get()
    booking = book(session, make_mother(lishi))
    booking_services.booking_cancel(booking=booking, actor=booking.booker)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = publish_edit(editor_client, course, [_session_row(session, DELETE="1")])

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.is_cancelled
    assert booking.events.count() == 2, "a cancelled booking was changed again"
    assert mailoutbox == [], "someone whose booking was already cancelled was told again"


def test_saving_a_draft_with_a_booked_session_deleted_cancels_no_booking_yet(
    editor_client, course_with_bookings, mailoutbox, django_capture_on_commit_callbacks
):
    course, session, confirmed, waiting = course_with_bookings

    with django_capture_on_commit_callbacks(execute=True):
        response = publish_edit(
            editor_client, course, [_session_row(session, DELETE="1")], publish=False
        )

    assert response.status_code == 302, response.context and response.context["form"].errors
    session.refresh_from_db()
    assert not session.is_cancelled, "a draft changed the live session"
    for booking, status in ((confirmed, Status.CONFIRMED), (waiting, Status.WAITLISTED)):
        booking.refresh_from_db()
        assert booking.status == status, "saving a draft cancelled a booking"
    assert mailoutbox == [] and sms.outbox == []
    assert any("Its bookings stand until the page is published" in m for m in _messages(response))

    # The draft keeps the session, cancelled: publishing it cancels the bookings.
    draft = TrainingCoursePage.objects.get(pk=course.pk).get_latest_revision()
    assert [s.is_cancelled for s in draft.as_object().sessions.all()] == [True]
    with django_capture_on_commit_callbacks(execute=True):
        draft.publish()
    for booking in (confirmed, waiting):
        booking.refresh_from_db()
        assert booking.status == Status.CANCELLED
    assert len(mailoutbox) == 2


def test_deleting_a_booked_session_whose_row_is_not_valid_is_refused(
    editor_client, course_with_bookings
):
    course, session, confirmed, _waiting = course_with_bookings
    row = _session_row(session, DELETE="1", end=_session_row(session)["start"])

    response = publish_edit(editor_client, course, [row])

    assert response.status_code == 200, "the editor saved a booked session with invalid data"
    assert "so it is kept and cancelled instead of deleted" in response.content.decode()
    session.refresh_from_db()
    assert not session.is_cancelled
    confirmed.refresh_from_db()
    assert confirmed.status == Status.CONFIRMED


def test_a_session_without_bookings_can_still_be_deleted(editor_client, lishi):
    course = training([at(5), at(6)], lishi)
    first, second = course.sessions.order_by("start")

    response = publish_edit(
        editor_client, course, [_session_row(first, DELETE="1"), _session_row(second)]
    )

    assert response.status_code == 302
    assert list(course.sessions.all()) == [second]
    assert not any("instead of deleted" in m for m in _messages(response))


def test_the_capacity_cannot_go_below_the_seats_taken(editor_client, lishi):
    course = training([at(5)], lishi, capacity=3)
    session = course.sessions.get()
    for _ in range(2):
        book(session, make_mother(lishi))

    response = publish_edit(editor_client, course, [_session_row(session, capacity="1")])

    assert response.status_code == 200
    assert "already taken" in response.content.decode()
    session.refresh_from_db()
    assert session.capacity == 3
