"""Query budgets of the public pages, with more rows than a page shows, as a visitor finds
them once the site has been visited (navigation, settings, filter choices and privacy kept in
the cache): the home page at most 10 queries, a listing at most 12 (with a filter too), a
course, class or story page at most 15. A query made per row shows up as a dozen more.

The first render after the caches are emptied is compared between few and many rows in
``test_query_counts.py`` of each app."""

import pytest

from cms.models import County
from tests.factories import (
    ImageFactory,
    StoryPageFactory,
    StorySeriesFactory,
    SummerClassPageFactory,
    TrainingCoursePageFactory,
    TrainingTopicFactory,
    home_page,
    session_in,
)
from tests.support import rows_for_the_module

pytestmark = pytest.mark.slow
ROWS = 14  # more than a listing's page (12) and than the home page shows


@pytest.fixture(scope="module")
def built_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module (it takes seconds); the tests only read pages."""
    with rows_for_the_module(django_db_blocker, tmp_path_factory):
        yield _build()


@pytest.fixture
def site(db, built_site):
    return built_site


def _build() -> dict:
    home_page()
    topics = [TrainingTopicFactory(), TrainingTopicFactory()]
    series = StorySeriesFactory()
    trainings = [
        TrainingCoursePageFactory(sessions=[session_in(n + 1), session_in(n + 2)], topics=topics)
        for n in range(ROWS)
    ]
    classes = [SummerClassPageFactory(sessions=[session_in(n + 1.5)]) for n in range(ROWS)]
    stories = [StoryPageFactory(series=series, episode=n + 1) for n in range(ROWS)]
    story = stories[ROWS // 2]
    for _ in range(4):
        story.gallery_images.create(image=ImageFactory(), caption="一起读书")
    return {
        "training": trainings[0],
        "class": classes[0],
        "story": story,
        "county": County.objects.order_by("pk").first(),
    }


def queries(client, django_assert_max_num_queries, url: str, budget: int) -> None:
    first = client.get(url)  # renditions made, the caches filled
    assert first.status_code == 200, f"{url} answered {first.status_code}"
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def test_the_home_page_runs_at_most_10_queries(client, site, django_assert_max_num_queries):
    queries(client, django_assert_max_num_queries, "/", 10)


@pytest.mark.parametrize("listing", ["/trainings/", "/summer/", "/stories/"])
def test_a_listing_runs_at_most_12_queries(client, site, listing, django_assert_max_num_queries):
    queries(client, django_assert_max_num_queries, listing, 12)
    filtered = f"{listing}?county={site['county'].slug}"
    queries(client, django_assert_max_num_queries, filtered, 12)


@pytest.mark.parametrize("kind", ["training", "class", "story"])
def test_a_course_class_or_story_page_runs_at_most_15_queries(
    client, site, kind, django_assert_max_num_queries
):
    queries(client, django_assert_max_num_queries, site[kind].url, 15)
