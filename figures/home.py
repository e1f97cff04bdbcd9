"""The home page's headline figures (mothers, children paired, trainings held, activities
held, visits this year), city-wide, counts only (no personal data), cached for
``FIGURES_HOME_CACHE_SECONDS``. Given to the home page through the ``home_page_figures`` hook
(``figures.wagtail_hooks``)."""

from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from figures.selectors.classes import class_figures
from figures.selectors.mothers import mother_figures
from figures.selectors.pairs import pair_figures
from figures.selectors.scope import Scope, total
from figures.selectors.trainings import training_figures
from figures.selectors.visits import visit_figures

CACHE_KEY = "figures:home"
LABELS = {
    "mothers": _("caring mothers"),
    "paired": _("children paired"),
    "trainings": _("trainings held this year"),
    "activities": _("activities held this year"),
    "visits": _("visits this year"),
}


def compute(now: datetime) -> dict[str, int]:
    today = timezone.localdate(now)
    scope = Scope(None, today.replace(month=1, day=1), today)
    return {
        "mothers": total(mother_figures(scope))["status.approved"],
        "paired": total(pair_figures(scope))["active"],
        "trainings": total(training_figures(scope, now=now))["courses"],
        "activities": total(class_figures(scope, now=now))["sessions"],
        "visits": total(visit_figures(scope, today=today))["visits"],
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
