"""The parts of pages that are the same for everyone are kept rendered (``cms.fragments``): a
render that finds them runs neither their queries nor their templates, for anonymous and
signed-in people alike; what is a person's own stays live; every purge of the page cache
reaches them; previews, CSRF tokens and a cache that is down are never kept."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

import pytest

from cms import fragments, page_cache
from tests.enrollment.attendance_support import at, book, summer_class
from tests.factories import StoryPageFactory
from tests.makers import county, make_child, make_guardian

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture(autouse=True)
def _fragments_on(settings):
    """Parts kept, pages not: every request here is rendered (the page cache is off)."""
    settings.FRAGMENT_CACHE_SECONDS = 60
    settings.PAGE_CACHE_SECONDS = 0


def render(client, url: str) -> tuple[str, list[str]]:
    """The page's HTML and the SQL it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response.content.decode(), [query["sql"] for query in queries]


def touching(queries: list[str], table: str) -> list[str]:
    return [sql for sql in queries if f'"{table}"' in sql]


def test_a_kept_listing_runs_none_of_its_queries(client, home, story_index):
    StoryPageFactory(parent=story_index, title="留下的故事")
    first, first_queries = render(client, "/stories/")
    again, queries = render(client, "/stories/")

    assert again == first
    assert touching(first_queries, "stories_storypage"), "the test's listing runs no query"
    assert not touching(queries, "stories_storypage"), "the kept listing was queried again"
    assert len(queries) < len(first_queries)


def test_each_query_string_is_kept_apart(client, home, story_index):
    StoryPageFactory(parent=story_index, title="第一页的故事")
    render(client, "/stories/")

    page, _ = render(client, "/stories/?tag=nothing-has-this-tag")

    assert "第一页的故事" not in page
    assert "No stories match these filters." in page


def test_the_home_page_kept_whole_runs_no_listing_query(client, home, story_index):
    StoryPageFactory(parent=story_index, title="首页上的故事")
    first, _ = render(client, "/")
    again, queries = render(client, "/")

    assert again == first and "首页上的故事" in again
    assert not touching(queries, "stories_storypage")
    assert not [sql for sql in queries if 'FROM "courses_session"' in sql]


def test_publishing_reaches_the_kept_parts(
    client, home, story_index, django_capture_on_commit_callbacks
):
    story = StoryPageFactory(parent=story_index, title="第一稿")
    for url in ("/", "/stories/", story.url):
        render(client, url)

    story.title = "修改后的标题"
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()

    for url in ("/", "/stories/", story.url):
        assert "修改后的标题" in render(client, url)[0], url


def test_a_booking_reaches_the_kept_listings(
    client, home, summer_index, django_capture_on_commit_callbacks
):
    session = summer_class(at(5), county(), capacity=1).sessions.get()
    for url in ("/summer/", "/"):
        assert "1 seat left" in render(client, url)[0]
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=session.course.specific.county)

    with django_capture_on_commit_callbacks(execute=True):
        book(session, guardian, child=child)

    for url in ("/summer/", "/"):
        assert "Fully booked" in render(client, url)[0], f"{url} still shows the seat free"


def test_a_signed_in_mother_sees_her_own_bookings_beside_the_kept_parts(client, home, summer_index):
    session = summer_class(at(5), county(), capacity=3).sessions.get()
    course_url = session.course.url
    anonymous, _ = render(client, course_url)  # the parts are kept by an anonymous visit
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=session.course.specific.county)
    book(session, guardian, child=child)
    client.force_login(guardian)

    page, queries = render(client, course_url)

    assert child.first_name in page, "her own booking is not shown"
    assert child.first_name not in anonymous
    assert not touching(queries, "courses_classcategory"), "the kept facts were queried"
    assert "Category" in page


def test_a_preview_is_never_kept_nor_served_kept_parts(rf):
    request = rf.get("/stories/")
    request.is_preview = True

    kept = fragments.kept_fragments(request, "listing")
    kept.keep("listing", "<p>draft</p>")

    assert kept.generations is None
    assert fragments.kept_fragments(rf.get("/stories/"), "listing").get("listing") is None


def test_a_part_holding_a_csrf_token_is_not_kept(rf, db):
    kept = fragments.kept_fragments(rf.get("/stories/"), "listing")
    kept.keep("listing", '<input type="hidden" name="csrfmiddlewaretoken" value="hers">')

    assert fragments.kept_fragments(rf.get("/stories/"), "listing").get("listing") is None


def test_a_part_is_kept_for_each_host_and_language(rf, settings, db):
    settings.ALLOWED_HOSTS = ["a.example", "b.example"]

    def look_up(host: str, language: str = "en"):
        with translation.override(language):
            return fragments.kept_fragments(rf.get("/stories/", HTTP_HOST=host), "listing")

    look_up("a.example").keep("listing", "<p>a</p>")

    assert look_up("a.example").get("listing") == "<p>a</p>"
    assert look_up("b.example").get("listing") is None
    assert look_up("a.example", "zh-hans").get("listing") is None


def test_pages_are_rendered_whole_when_the_cache_is_down(client, home, story_index, monkeypatch):
    class BrokenCache:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("Redis is down")

            return fail

    StoryPageFactory(parent=story_index, title="缓存坏了也能看")
    monkeypatch.setattr(page_cache, "pages_cache", BrokenCache)

    for _ in range(2):
        page, queries = render(client, "/stories/")
        assert "缓存坏了也能看" in page
        assert touching(queries, "stories_storypage")


def test_off_keeps_nothing(client, home, story_index, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    StoryPageFactory(parent=story_index)
    render(client, "/stories/")

    _, queries = render(client, "/stories/")

    assert touching(queries, "stories_storypage")


def test_a_course_page_kept_whole_runs_no_session_query_for_whoever_booked_none(
    client, home, summer_index
):
    session = summer_class(at(5), county(), capacity=3).sessions.get()
    first, _ = render(client, session.course.url)
    client.force_login(make_guardian())  # signed in, none of its sessions booked

    page, queries = render(client, session.course.url)

    assert "Book a seat" in page
    assert not [sql for sql in queries if 'FROM "courses_session"' in sql], "sessions queried"
    assert len(touching(queries, "enrollment_booking")) == 1, "her bookings: one query"


def test_with_its_parts_kept_a_page_costs_one_query(client, home, story_index, summer_index):
    """Its view restrictions, read from the database; the route and every part are kept."""
    story = StoryPageFactory(parent=story_index)
    course = summer_class(at(5), county(), capacity=3)
    for url in ("/", "/stories/", story.url, "/summer/", course.url):
        render(client, url)

        _, queries = render(client, url)

        assert len(queries) == 1, f"{url}: {len(queries)} queries\n" + "\n".join(queries)
