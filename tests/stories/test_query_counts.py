"""Story listings and pages run the same number of queries for 5 rows as for 50."""

import datetime as dt

import pytest

from stories.models import StoryGalleryImage
from tests.factories import CountyFactory, ImageFactory, StoryPageFactory, StorySeriesFactory
from tests.support import assert_same_queries, queries_to_render

pytestmark = pytest.mark.slow


def _add_stories(count: int, start: int, **kwargs) -> list:
    stories = []
    for n in range(start, start + count):
        story = StoryPageFactory(
            date=dt.date(2026, 1, 1) + dt.timedelta(days=n), county=CountyFactory(), **kwargs
        )
        story.tags.add(f"标签{n}", f"标签{n + 1}")
        story.save()
        stories.append(story)
    return stories


def test_story_index_query_count_does_not_grow_with_stories(client, story_index):
    _add_stories(5, 0, series=None)
    few = queries_to_render(client, story_index.url)
    _add_stories(45, 5, series=None)
    many = queries_to_render(client, story_index.url)

    assert_same_queries(few, many, story_index.url)


def test_series_page_query_count_does_not_grow_with_episodes(client, story_index):
    series = StorySeriesFactory(slug="meet")
    url = f"{story_index.url}series/meet/"

    for n in range(1, 6):
        StoryPageFactory(series=series, episode=n)
    few = queries_to_render(client, url)
    for n in range(6, 51):
        StoryPageFactory(series=series, episode=n)
    many = queries_to_render(client, url)

    assert_same_queries(few, many, url)


def _grow(story, count: int, start: int) -> None:
    for n in range(start, start + count):
        story.gallery_images.add(StoryGalleryImage(image=ImageFactory(), caption=f"第{n}张"))
        story.tags.add(f"标签{n}")
    story.save()


def test_story_page_query_count_does_not_grow_with_pictures_tags_or_episodes(client, story_index):
    series = StorySeriesFactory()
    story = StoryPageFactory(series=series, episode=25)
    for n in (1, 2, 30, 31):
        StoryPageFactory(series=series, episode=n)
    _grow(story, 5, 0)
    few = queries_to_render(client, story.url)

    for n in range(3, 25):
        StoryPageFactory(series=series, episode=n)
    _grow(story, 45, 5)
    many = queries_to_render(client, story.url)

    assert_same_queries(few, many, story.url)
