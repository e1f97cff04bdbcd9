"""Which page a path leads to is kept (``cms.routes``): a kept route runs none of Wagtail's
routing queries; publishing, unpublishing and moving forget it; a routable page still routes
the rest of the path itself; whether the page may be shown is still asked of the database."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import StoryPageFactory, StorySeriesFactory

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture(autouse=True)
def _routes_kept(settings):
    settings.FRAGMENT_CACHE_SECONDS = 60
    settings.PAGE_CACHE_SECONDS = 0


def get(client, url: str):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [query["sql"] for query in queries]


def routing_queries(queries: list[str]) -> list[str]:
    """Wagtail's child lookups: a page row selected by its slug."""
    return [sql for sql in queries if '"wagtailcore_page"."slug" =' in sql]


def test_a_kept_route_runs_no_routing_query(client, home, story_index):
    story = StoryPageFactory(parent=story_index, title="走过的路")
    first, first_queries = get(client, story.url)
    again, queries = get(client, story.url)

    assert first.status_code == again.status_code == 200
    assert "走过的路" in again.content.decode()
    assert routing_queries(first_queries), "the test's first visit did not route"
    assert not routing_queries(queries), "the kept route was looked up again"


def test_unpublishing_forgets_the_route(
    client, home, story_index, django_capture_on_commit_callbacks
):
    story = StoryPageFactory(parent=story_index)
    url = story.url
    assert get(client, url)[0].status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()

    assert get(client, url)[0].status_code == 404


def test_moving_forgets_the_route(client, home, story_index, django_capture_on_commit_callbacks):
    story = StoryPageFactory(parent=story_index, slug="moved-story")
    old_url = story.url
    assert get(client, old_url)[0].status_code == 200

    home.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        story.move(home, pos="last-child")

    assert get(client, old_url)[0].status_code in (301, 404), "the old address still shows it"
    story.refresh_from_db()
    assert get(client, story.url)[0].status_code == 200


def test_a_routable_page_routes_the_rest_of_the_path_itself(client, home, story_index):
    series = StorySeriesFactory(slug="buru-jianyimian")
    StoryPageFactory(parent=story_index, series=series, episode=1, title="第一集")
    url = f"{story_index.url}series/{series.slug}/"

    for _ in range(2):
        response, _ = get(client, url)
        assert response.status_code == 200 and "第一集" in response.content.decode()
    assert get(client, f"{story_index.url}series/no-such-series/")[0].status_code == 404
    assert get(client, f"{story_index.url}")[0].status_code == 200


def test_an_unknown_path_is_not_found_every_time(client, home, story_index):
    for _ in range(2):
        assert get(client, "/no-such-page/")[0].status_code == 404


def test_whether_a_page_may_be_shown_is_still_asked_of_the_database(client, home, story_index):
    story = StoryPageFactory(parent=story_index)
    assert get(client, story.url)[0].status_code == 200  # the route is kept

    # Made private without any signal (nothing is purged): serving still reads the database.
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=story, restriction_type=PageViewRestriction.LOGIN)]
    )

    response, _ = get(client, story.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
