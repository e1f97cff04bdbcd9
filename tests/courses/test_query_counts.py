"""Course listings and pages run the same number of queries for 5 rows as for 50."""

import pytest

from tests.factories import (
    CountyFactory,
    ImageFactory,
    LecturerFactory,
    SummerClassPageFactory,
    TrainingCoursePageFactory,
    TrainingTopicFactory,
    VenueFactory,
    session_in,
)
from tests.support import assert_same_queries, queries_to_render

pytestmark = pytest.mark.slow


def _add_trainings(count: int, start: int) -> None:
    for n in range(start, start + count):
        TrainingCoursePageFactory(
            county=CountyFactory(),
            topics=[TrainingTopicFactory(), TrainingTopicFactory()],
            sessions=[session_in(n + 1), session_in(n + 2), session_in(n + 3), session_in(-n)],
        )


def _add_classes(count: int, start: int) -> None:
    for n in range(start, start + count):
        SummerClassPageFactory(sessions=[session_in(n + 1), session_in(n + 2)])


@pytest.mark.parametrize(
    ("index_fixture", "add"),
    [("training_index", _add_trainings), ("summer_index", _add_classes)],
    ids=["training-index", "summer-index"],
)
def test_course_index_query_count_does_not_grow_with_courses(
    client, db, request, index_fixture, add
):
    index = request.getfixturevalue(index_fixture)
    add(5, start=0)
    few = queries_to_render(client, index.url)
    add(45, start=5)
    many = queries_to_render(client, index.url)

    assert_same_queries(few, many, index.url)


def _add_sessions(course, count: int, start: int) -> None:
    for n in range(start, start + count):
        course.sessions.add(session_in(n + 1, venue=VenueFactory(county=CountyFactory())))
    course.save()


@pytest.mark.parametrize("factory", [TrainingCoursePageFactory, SummerClassPageFactory])
def test_course_page_query_count_does_not_grow_with_sessions(client, db, factory):
    course = factory(cover_image=ImageFactory())
    _add_sessions(course, 5, start=0)
    if factory is TrainingCoursePageFactory:
        course.topics.set([TrainingTopicFactory() for _ in range(5)])
        course.lecturers.set([LecturerFactory() for _ in range(5)])
        course.save()
    few = queries_to_render(client, course.url)

    _add_sessions(course, 45, start=5)
    if factory is TrainingCoursePageFactory:
        course.topics.set([TrainingTopicFactory() for _ in range(50)])
        course.lecturers.set([LecturerFactory() for _ in range(50)])
        course.save()
    many = queries_to_render(client, course.url)

    assert_same_queries(few, many, course.url)
