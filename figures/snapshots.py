"""The city's figures at national scale: a snapshot refreshed in the background.

Counting every county's rows takes seconds once there are millions of them (about 2.5 s for
1,000,000 mothers, 600,000 pairs and 2,000,000 visits on 2 cores: ``tests/bench/dashboard.py``),
too long for a page and far too long for the home page. The city's dashboard (every county) and
the home page's headline figures therefore read a snapshot of ``dashboard_figures`` for the
period asked, kept in the cache with the time it was counted:

- younger than ``FIGURES_CITY_MAX_AGE`` seconds: shown as it is;
- older: still shown, with its time, while a task counts a new one (one task at a time per
  period), so nobody waits for the count;
- none yet: counted now, stored and shown.

The beat job ``refresh-city-figures`` counts this year's again every few minutes, so that the
default view is never counted on a request. A county's figures (a coordinator's dashboard, or
city staff choosing one county) are always counted live: one county's rows are few enough, and
a coordinator sees her own change at once. ``FIGURES_CITY_MAX_AGE = 0`` turns the snapshot off
(the city counted live too), which suits a single city's few thousand rows.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from figures.selectors.dashboard import Figures, dashboard_figures
from figures.selectors.scope import Scope

# A snapshot is kept well past its age limit, so that a stale one can be shown while the next
# is counted; a refresh that dies is retried by the next request after this long.
KEEP_SECONDS = 7 * 24 * 3600
REFRESH_LOCK_SECONDS = 600


@dataclass(frozen=True)
class Snapshot:
    figures: Figures
    counted_at: datetime


def _key(start: date, end: date) -> str:
    return f"figures:city:{start.isoformat()}:{end.isoformat()}"


def city_snapshot_refresh(*, start: date, end: date) -> Snapshot:
    """Count every county's figures for the period now and keep them."""
    now = timezone.now()
    snapshot = Snapshot(dashboard_figures(Scope(None, start, end), now=now), now)
    cache.set(_key(start, end), snapshot, KEEP_SECONDS)
    cache.delete(_key(start, end) + ":refreshing")
    return snapshot


def city_snapshot(*, start: date, end: date, now: datetime | None = None) -> Snapshot:
    """Every county's figures for the period, at most ``FIGURES_CITY_MAX_AGE`` seconds old
    unless a newer count is on its way (see the module's docstring)."""
    max_age = settings.FIGURES_CITY_MAX_AGE
    now = now or timezone.now()
    if max_age <= 0:
        return Snapshot(dashboard_figures(Scope(None, start, end), now=now), now)
    snapshot: Snapshot | None = cache.get(_key(start, end))
    if snapshot is None:
        return city_snapshot_refresh(start=start, end=end)
    if now - snapshot.counted_at > timedelta(seconds=max_age) and cache.add(
        _key(start, end) + ":refreshing", 1, REFRESH_LOCK_SECONDS
    ):
        from figures.tasks import refresh_city_figures

        transaction.on_commit(
            lambda: refresh_city_figures.delay(start.isoformat(), end.isoformat())
        )
    return snapshot


def this_year(today: date) -> tuple[date, date]:
    """The dashboard's default period (and the home page's): 1 January to today."""
    return today.replace(month=1, day=1), today
