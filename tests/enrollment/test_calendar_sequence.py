"""A session's calendar identity and sequence across edits and publications of its page, and
the ``session_moved`` signal (the notifications side listens to it)."""

import datetime as dt

import pytest

from courses.domain_signals import session_moved
from courses.models import Session
from tests import factories
from tests.factories import session_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def moves():
    sent = []

    def listener(sender, session, previous, **kwargs):
        sent.append((session.pk, session.sequence, previous))

    session_moved.connect(listener)
    yield sent
    session_moved.disconnect(listener)


@pytest.fixture
def course(lishi):
    return factories.TrainingCoursePageFactory(sessions=[session_in(5, title="第一讲")])


def publish(course, change=None):
    """Publish the page from its latest revision, as the editor does, after ``change`` to its
    (revision's copy of the) session."""
    page = type(course).objects.get(pk=course.pk).get_latest_revision_as_object()
    sessions = list(page.sessions.all())
    if change:
        change(sessions[0])
    page.sessions = sessions  # the revision carries these copies
    page.save_revision().publish()


def test_publishing_unchanged_keeps_uid_and_sequence_and_sends_nothing(
    course, moves, django_capture_on_commit_callbacks
):
    before = course.sessions.get()
    with django_capture_on_commit_callbacks(execute=True):
        publish(course)
        publish(course, lambda s: setattr(s, "title", "第一讲（新标题）"))

    after = Session.objects.get(pk=before.pk)
    assert (after.uid, after.sequence) == (before.uid, 0)
    assert after.title == "第一讲（新标题）"
    assert after.updated_at > before.updated_at
    assert moves == []


def test_a_move_raises_the_sequence_once_and_is_announced_once(
    course, moves, django_capture_on_commit_callbacks
):
    before = course.sessions.get()
    new_venue = factories.VenueFactory()

    def later(session):
        session.start += dt.timedelta(hours=1)
        session.end += dt.timedelta(hours=1)

    with django_capture_on_commit_callbacks(execute=True):
        publish(course, later)
    with django_capture_on_commit_callbacks(execute=True):
        publish(course)  # nothing changed since
    with django_capture_on_commit_callbacks(execute=True):
        publish(course, lambda s: setattr(s, "venue", new_venue))

    after = Session.objects.get(pk=before.pk)
    assert after.uid == before.uid
    assert after.sequence == 2
    assert moves == [
        (before.pk, 1, {"start": before.start, "end": before.end, "venue_id": before.venue_id}),
        (
            before.pk,
            2,
            {
                "start": before.start + dt.timedelta(hours=1),
                "end": before.end + dt.timedelta(hours=1),
                "venue_id": before.venue_id,
            },
        ),
    ]


def test_stale_copies_in_a_revision_are_compared_with_the_database(
    course, moves, django_capture_on_commit_callbacks
):
    old_revision = course.save_revision()  # its copy of the session: the first time, sequence 0
    session = course.sessions.get()
    with django_capture_on_commit_callbacks(execute=True):
        session.start += dt.timedelta(days=1)
        session.end += dt.timedelta(days=1)
        session.save()
    assert Session.objects.get(pk=session.pk).sequence == 1

    with django_capture_on_commit_callbacks(execute=True):
        old_revision.publish()  # the old time again: a move, not a step back to 0

    again = Session.objects.get(pk=session.pk)
    assert (again.uid, again.sequence) == (session.uid, 2)
    assert [sequence for _pk, sequence, _previous in moves] == [1, 2]


def test_a_copied_page_gets_new_identities_for_its_sessions(course):
    original = course.sessions.get()
    copy = course.copy(update_attrs={"slug": "copy", "title": "副本"})

    copied = Session.objects.get(course=copy)
    assert copied.uid != original.uid
    assert copied.sequence == 0


def test_a_cancelled_session_is_newer_for_the_feeds(course):
    from enrollment.services.sessions import session_cancel

    session = course.sessions.get()
    session_cancel(session=session, actor=None)

    assert Session.objects.get(pk=session.pk).updated_at > session.updated_at


def test_publishing_an_older_revision_keeps_the_seats_taken_since(mother, lishi):
    from enrollment import services as booking_services
    from tests.enrollment.attendance_support import at, training

    course = training([at(4)], lishi)
    old_revision = course.save_revision()  # its copy of the session: no seat taken
    session = course.sessions.get()
    booking_services.booking_create(session=session, booker=mother)

    old_revision.publish()

    assert Session.objects.get(pk=session.pk).seats_taken == 1
