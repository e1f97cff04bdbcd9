"""The city's figures come from a snapshot at most FIGURES_CITY_MAX_AGE seconds old, counted
again in the background when it is older (the page does not wait), while a county's figures
are always counted live."""

import datetime as dt

from django.core.cache import cache
from django.utils import timezone

import pytest

from figures import snapshots
from figures.home import home_figures
from figures.snapshots import city_snapshot, this_year
from figures.tasks import refresh_city_year
from tests import makers
from tests.figures.world import build_world

pytestmark = pytest.mark.django_db
URL = "/admin/people/figures/"


@pytest.fixture
def world(settings):
    settings.FIGURES_CITY_MAX_AGE = 300
    return build_world()


def signed_in_as(client, user):
    return makers.signed_in(client, makers.with_totp(user))


def approved_mothers(response) -> int:
    mothers = response.context["sections"][0].figures
    return next(figure.value for figure in mothers if figure.url.endswith("status=approved"))


def add_mother(county) -> None:
    makers.make_mother(county)


def age_the_snapshot(seconds: int) -> None:
    """Make this year's snapshot look ``seconds`` old."""
    start, end = this_year(timezone.localdate())
    key = snapshots._key(start, end)
    old = cache.get(key)
    cache.set(key, snapshots.Snapshot(old.figures, old.counted_at - dt.timedelta(seconds=seconds)))


def test_city_staff_see_the_snapshot_with_its_time_until_it_is_too_old(
    client, world, django_capture_on_commit_callbacks
):
    staff = signed_in_as(client, world.staff)
    first = staff.get(URL)
    assert approved_mothers(first) == 4
    assert first.context["counted_at"] is not None
    assert "各县数据计算于" in first.content.decode()

    add_mother(world.a)
    with django_capture_on_commit_callbacks(execute=True) as sent:
        assert approved_mothers(staff.get(URL)) == 4, "a fresh snapshot is shown as it is"
    assert not sent, "a fresh snapshot must not be counted again"

    age_the_snapshot(301)
    with django_capture_on_commit_callbacks(execute=True) as sent:
        stale = staff.get(URL)
    assert approved_mothers(stale) == 4, "the stale snapshot is shown while a new one is counted"
    assert len(sent) == 1, "one refresh is sent for a stale snapshot"
    assert approved_mothers(staff.get(URL)) == 5, "the refresh counted the new mother"


def test_one_refresh_at_a_time_for_a_stale_snapshot(world, django_capture_on_commit_callbacks):
    start, end = this_year(timezone.localdate())
    city_snapshot(start=start, end=end)
    age_the_snapshot(301)
    with django_capture_on_commit_callbacks(execute=False) as sent:
        city_snapshot(start=start, end=end)
        city_snapshot(start=start, end=end)
    assert len(sent) == 1, f"{len(sent)} refreshes were sent for one stale snapshot"


def test_a_county_is_counted_live_even_when_the_city_is_a_snapshot(client, world):
    staff = signed_in_as(client, world.staff)
    staff.get(URL)  # the city's snapshot
    add_mother(world.a)
    coordinator = signed_in_as(client.__class__(), world.coordinator_a)
    mine = coordinator.get(URL)
    assert approved_mothers(mine) == 4
    assert mine.context["counted_at"] is None
    assert approved_mothers(staff.get(URL, {"county": world.a.pk})) == 4


def test_a_max_age_of_zero_counts_the_city_on_every_view(client, world, settings):
    settings.FIGURES_CITY_MAX_AGE = 0
    staff = signed_in_as(client, world.staff)
    staff.get(URL)
    add_mother(world.b)
    assert approved_mothers(staff.get(URL)) == 5


def test_the_beat_job_counts_this_year_for_the_dashboard_and_the_home_page(client, world):
    refresh_city_year()
    start, end = this_year(timezone.localdate())
    assert cache.get(snapshots._key(start, end)) is not None
    add_mother(world.a)
    assert dict(home_figures())["位爱心妈妈"] == 4, "the home page reads the snapshot"
    refresh_city_year()
    cache.delete("figures:home")
    assert dict(home_figures())["位爱心妈妈"] == 5
