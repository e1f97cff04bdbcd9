"""A live page read by id is kept (``cms.kept_pages``): read again, it costs no query; publishing
a change, unpublishing, or a change of privacy forgets it; a cache that cannot be read is
passed by; with ``FRAGMENT_CACHE_SECONDS = 0`` nothing is kept. The booking page uses it for
the session's course, and an unpublished course's booking page is gone at once."""

from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from cms import page_cache
from cms.kept_pages import kept_live_page
from courses.models import CoursePage, SummerClassPage, TrainingCoursePage
from tests import factories
from tests.makers import make_guardian

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kept(settings):
    settings.FRAGMENT_CACHE_SECONDS = 60


def test_a_kept_page_is_read_again_without_a_query(django_assert_num_queries):
    course = factories.TrainingCoursePageFactory(title="入门培训")
    first = kept_live_page(CoursePage, course.pk)

    with django_assert_num_queries(0):
        again = kept_live_page(CoursePage, course.pk)

    assert type(first) is type(again) is TrainingCoursePage, "not read as its own page type"
    assert again.title == "入门培训"


def test_publishing_a_change_forgets_the_kept_page(django_capture_on_commit_callbacks):
    course = factories.SummerClassPageFactory(title="陶艺课")
    assert kept_live_page(CoursePage, course.pk).title == "陶艺课"

    course.title = "陶艺研学课"
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()

    assert kept_live_page(CoursePage, course.pk).title == "陶艺研学课"


def test_an_unpublished_page_is_not_kept_as_live(django_capture_on_commit_callbacks):
    course = factories.SummerClassPageFactory()
    assert kept_live_page(CoursePage, course.pk) is not None

    with django_capture_on_commit_callbacks(execute=True):
        course.unpublish()

    assert kept_live_page(CoursePage, course.pk) is None


def test_a_page_that_is_not_live_or_of_another_type_is_none():
    draft = factories.SummerClassPageFactory(live=False)
    story = factories.StoryPageFactory()

    assert kept_live_page(CoursePage, draft.pk) is None
    assert kept_live_page(CoursePage, story.pk) is None


def test_a_cache_that_cannot_be_read_is_passed_by(monkeypatch, caplog):
    course = factories.SummerClassPageFactory(title="书法课")

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(page_cache.pages_cache(), "get_many", broken)

    assert kept_live_page(CoursePage, course.pk).title == "书法课"
    assert "could not read page" in caplog.text


def test_nothing_is_kept_when_the_setting_is_zero(settings, django_assert_num_queries):
    settings.FRAGMENT_CACHE_SECONDS = 0
    course = factories.SummerClassPageFactory()
    kept_live_page(CoursePage, course.pk)

    with django_assert_num_queries(2):  # the page, then its own type
        assert isinstance(kept_live_page(CoursePage, course.pk), SummerClassPage)


def _unpublish(course) -> None:
    course.unpublish()


def _make_private(course) -> None:
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


@pytest.mark.parametrize("change", [_unpublish, _make_private], ids=["unpublished", "private"])
def test_the_booking_page_of_a_course_just_hidden_is_gone(
    client, django_capture_on_commit_callbacks, change
):
    course = factories.SummerClassPageFactory(sessions=[factories.session_in(7, capacity=10)])
    url = reverse("enrollment:session_book", args=[course.sessions.get().pk])
    client.force_login(make_guardian())
    assert client.get(url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        change(course)

    assert client.get(url).status_code == 404
