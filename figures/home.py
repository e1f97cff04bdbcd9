"""The home page's headline figures (mothers, children paired, trainings held, activities
held, visits this year), city-wide, counts only (no personal data), cached for
``FIGURES_HOME_CACHE_SECONDS``, from the city's snapshot of this year (``figures.snapshots``),
so a visitor never waits for the count. Given to the home page through the ``home_page_figures`` hook
(``figures.wagtail_hooks``)."""

from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from figures.snapshots import city_snapshot, this_year

CACHE_KEY = "figures:home"
LABELS = {
    "mothers": _("caring mothers"),
    "paired": _("children paired"),
    "trainings": _("trainings held this year"),
    "activities": _("activities held this year"),
    "visits": _("visits this year"),
}


def compute(now: datetime) -> dict[str, int]:
    start, end = this_year(timezone.localdate(now))
    figures = city_snapshot(start=start, end=end, now=now).figures
    return {
        "mothers": figures.total("mothers")["status.approved"],
        "paired": figures.total("pairs")["active"],
        "trainings": figures.total("trainings")["courses"],
        "activities": figures.total("classes")["sessions"],
        "visits": figures.total("visits")["visits"],
    }


def home_figures(now: datetime | None = None) -> list[tuple[str, int]]:
    """(label, number) for the home page; none when the programme has no figures yet (the
    home page then shows nothing in their place)."""
    numbers = cache.get(CACHE_KEY)
    if numbers is None:
        numbers = compute(now or timezone.now())
        cache.set(CACHE_KEY, numbers, settings.FIGURES_HOME_CACHE_SECONDS)
    if not any(numbers.values()):
        return []
    return [(str(LABELS[key]), value) for key, value in numbers.items()]
