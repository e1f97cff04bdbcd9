"""The home page runs the same number of queries whether it shows a few courses and stories
or as many as it has room for."""

import pytest

from tests.factories import (
    StoryPageFactory,
    SummerClassPageFactory,
    TrainingCoursePageFactory,
    session_in,
)
from tests.support import assert_same_queries, queries_to_render

pytestmark = pytest.mark.slow


def _add(count: int, start: int) -> None:
    for n in range(start, start + count):
        TrainingCoursePageFactory(sessions=[session_in(n + 1), session_in(n + 2)])
        SummerClassPageFactory(sessions=[session_in(n + 1.5)])
        StoryPageFactory()


def _rows_shown(client) -> tuple[int, int]:
    """How many sessions and stories the home page lists."""
    context = client.get("/").context
    return len(context["upcoming_sessions"]), len(context["latest_stories"])


def test_home_page_query_count_does_not_grow_with_content(client, home):
    # The home page lists at most 6 sessions and 3 stories: one of each kind of course and
    # one story stay under both limits, so a query made per row shows up as a difference.
    _add(1, 0)
    few = queries_to_render(client, "/")
    few_rows = _rows_shown(client)
    _add(45, 1)
    many = queries_to_render(client, "/")
    many_rows = _rows_shown(client)

    assert few_rows[0] < many_rows[0] and few_rows[1] < many_rows[1], (
        f"the two renders must list different numbers of sessions and stories to compare "
        f"their queries, but listed {few_rows} (sessions, stories) and {many_rows}"
    )
    assert_same_queries(few, many, "home page")
