"""Feeds answer conditional requests (clients poll every few minutes), say how long they may
be cached, and render in a fixed number of queries."""

import pytest

from courses.models import Session
from enrollment.calendar.tokens import calendar_token_reset
from tests import factories
from tests.enrollment.calendar_support import fetch
from tests.factories import session_in
from tests.support import assert_same_queries, queries_to_render

pytestmark = pytest.mark.django_db
FEED = "/calendar/sessions.ics"


@pytest.fixture
def course(lishi):
    return factories.TrainingCoursePageFactory(sessions=[session_in(3), session_in(5)])


def test_the_public_feed_answers_304_until_a_session_changes(client, course):
    first = fetch(client, FEED)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert "public" in first["Cache-Control"] and "max-age=300" in first["Cache-Control"]

    assert client.get(FEED, headers={"if-none-match": etag}).status_code == 304
    assert client.get(FEED, headers={"if-modified-since": modified}).status_code == 304
    other_filter = client.get(FEED + "?kind=training", headers={"if-none-match": etag})
    assert other_filter.status_code == 200, "another filter, another feed"

    session = course.sessions.first()
    session.title = "改了标题"
    session.save()

    changed = client.get(FEED, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "改了标题" in changed.text


def test_a_session_leaving_the_feed_changes_its_etag(client, course):
    etag = fetch(client, FEED)["ETag"]
    Session.objects.filter(pk=course.sessions.first().pk).delete()

    assert client.get(FEED, headers={"if-none-match": etag}).status_code == 200


def test_the_private_feed_answers_304_and_is_private(client, mother, course):
    url = f"/calendar/u/{calendar_token_reset(user=mother)}.ics"
    first = fetch(client, url)

    assert "private" in first["Cache-Control"]
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    assert client.get(url, headers={"if-modified-since": first["Last-Modified"]}).status_code == 304


def test_one_session_answers_304(client, course):
    url = f"/calendar/sessions/{course.sessions.first().pk}.ics"
    first = fetch(client, url)

    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


def _sessions(lishi, count: int, first: int = 0) -> None:
    for n in range(first, first + count):
        venue = factories.VenueFactory(county=lishi, name=f"场地{n}")
        page = factories.SummerClassPageFactory if n % 2 else factories.TrainingCoursePageFactory
        page(title=f"课程{n}", sessions=[session_in(2 + n, title=f"第{n}讲", venue=venue)])


def test_the_public_feed_renders_in_a_fixed_number_of_queries(client, lishi):
    _sessions(lishi, 2)
    small = queries_to_render(client, FEED)
    _sessions(lishi, 12, first=2)
    large = queries_to_render(client, FEED)

    assert_same_queries(small, large, "the public feed")
    assert len(large) <= 5, large
    assert fetch(client, FEED).content.count(b"BEGIN:VEVENT") == 14
