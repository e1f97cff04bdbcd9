"""The home page runs the same number of queries for 5 courses and stories as for 50."""

import pytest

from tests.conftest import assert_same_queries, queries_to_render
from tests.factories import (
    StoryPageFactory,
    SummerClassPageFactory,
    TrainingCoursePageFactory,
    session_in,
)

pytestmark = pytest.mark.slow


def _add(count: int, start: int) -> None:
    for n in range(start, start + count):
        TrainingCoursePageFactory(sessions=[session_in(n + 1), session_in(n + 2)])
        SummerClassPageFactory(sessions=[session_in(n + 1.5)])
        StoryPageFactory()


def test_home_page_query_count_does_not_grow_with_content(client, home):
    _add(5, 0)
    few = queries_to_render(client, "/")
    _add(45, 5)
    many = queries_to_render(client, "/")

    assert_same_queries(few, many, "home page")
