"""Every figure against the known world of ``tests.figures.world``, the county scope, and the
city figure as the sum of the counties'."""

from collections import Counter

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from figures.selectors.dashboard import SUBJECTS, dashboard_figures
from figures.selectors.scope import Scope, scope_for
from tests import makers
from tests.figures.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_mothers_by_status_and_sector(world):
    figures = dashboard_figures(world.scope)
    a, b = figures.county("mothers", world.a.pk), figures.county("mothers", world.b.pk)
    assert a["status.approved"] == 3 and a["status.submitted"] == 1
    assert a["sector.education"] == 2 and a["sector.health"] == 1
    assert b["status.approved"] == 1


def test_children_by_category_and_share_paired(world):
    figures = dashboard_figures(world.scope)
    a, b = figures.county("children", world.a.pk), figures.county("children", world.b.pk)
    # 3 left-behind + 1 in difficulty + the guardian's child (category empty).
    assert a["category.left_behind"] == 3 and a["category.in_difficulty"] == 1
    assert a["children"] == 5 and a["paired"] == 2 and a["paired.left_behind"] == 2
    assert b["children"] == 2 and b["paired"] == 1


def test_pairs_started_ended_and_active(world):
    figures = dashboard_figures(world.scope)
    a, b = figures.county("pairs", world.a.pk), figures.county("pairs", world.b.pk)
    assert (a["started"], a["ended"], a["ended.moved"], a["active"]) == (3, 1, 1, 2)
    assert (b["started"], b["ended"], b["ended.over_age"], b["active"]) == (2, 1, 1, 1)


def test_pairs_outside_the_period_do_not_count(world):
    today = world.scope.end
    recent = Scope(None, today.replace(day=1) if today.day > 12 else today, today)
    figures = dashboard_figures(Scope(None, today, today))
    assert figures.total("pairs")["started"] == 0
    assert figures.total("pairs")["active"] == 3  # a current figure, whatever the period
    assert recent


def test_trainings_held_attendance_and_completion(world):
    figures = dashboard_figures(world.scope)
    a = figures.county("trainings", world.a.pk)
    assert (a["sessions"], a["courses"], a["stage.basic"]) == (2, 1, 2)
    assert (a["marked"], a["present"]) == (4, 3)
    assert (a["booked.basic"], a["attended.basic"], a["completed.basic"]) == (2, 2, 1)
    assert not figures.county("trainings", world.b.pk)


def test_classes_held_participants_and_seats(world):
    figures = dashboard_figures(world.scope)
    a = figures.county("classes", world.a.pk)
    assert (a["sessions"], a["participants"], a["seats"], a["taken"]) == (1, 1, 10, 1)


def test_visits_by_month_and_kind_and_overdue(world):
    figures = dashboard_figures(world.scope)
    a, b = figures.county("visits", world.a.pk), figures.county("visits", world.b.pk)
    assert (a["visits"], a["kind.home"], a["kind.call"], a["overdue"]) == (2, 1, 1, 0)
    month = f"{world.scope.end - __import__('datetime').timedelta(days=3):%Y-%m}"
    months = {key for key in a if key.startswith("month.")}
    assert f"month.{month}.home" in months
    assert (b["visits"], b["kind.birthday"], b["overdue"]) == (1, 1, 1)


def test_the_city_figure_is_the_sum_of_the_counties(world):
    city = dashboard_figures(world.scope)
    for subject in SUBJECTS:
        summed = Counter()
        for county in (world.a, world.b):
            one = dashboard_figures(Scope((county.pk,), world.scope.start, world.scope.end))
            summed.update(one.total(subject))
        assert +city.total(subject) == +summed, subject


def test_a_coordinator_sees_only_her_county_whatever_she_asks(world):
    start, end = world.scope.start, world.scope.end
    scope = scope_for(world.coordinator_a, county_id=world.b.pk, start=start, end=end)
    assert scope.county_ids == (world.a.pk,)
    assert dashboard_figures(scope).county_ids() == {world.a.pk}
    assert scope_for(makers.make_editor(), county_id=None, start=start, end=end) is None
    assert scope_for(world.staff, county_id=None, start=start, end=end).county_ids is None


def test_a_fixed_number_of_queries_whatever_the_rows(world):
    with CaptureQueriesContext(connection) as small:
        dashboard_figures(world.scope)
    build_more = makers.county("county-c", "丙县")
    for n in range(3):
        child = makers.make_child(county_obj=build_more, name=f"丙{n}")
        makers.make_pair(makers.make_mother(build_more), child, actor=world.staff)
    with CaptureQueriesContext(connection) as large:
        figures = dashboard_figures(world.scope)
    assert figures.county("pairs", build_more.pk)["active"] == 3
    assert len(small.captured_queries) == len(large.captured_queries) == 12
