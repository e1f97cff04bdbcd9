"""Every figure of the dashboard for a scope, per county: a fixed number of queries."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from figures.selectors.children import child_figures
from figures.selectors.classes import class_figures
from figures.selectors.mothers import mother_figures
from figures.selectors.pairs import pair_figures
from figures.selectors.scope import ByCounty, Scope, total
from figures.selectors.trainings import training_figures
from figures.selectors.visits import visit_figures

SUBJECTS = ("mothers", "children", "pairs", "trainings", "classes", "visits")


@dataclass
class Figures:
    by_subject: dict[str, ByCounty]

    def total(self, subject: str):
        return total(self.by_subject[subject])

    def county(self, subject: str, county_id: int):
        return self.by_subject[subject].get(county_id, Counter())

    def county_ids(self) -> set[int]:
        return {county_id for part in self.by_subject.values() for county_id in part}


def dashboard_figures(scope: Scope, *, now: datetime | None = None) -> Figures:
    now = now or timezone.now()
    today = timezone.localdate(now)
    return Figures(
        {
            "mothers": mother_figures(scope),
            "children": child_figures(scope),
            "pairs": pair_figures(scope),
            "trainings": training_figures(scope, now=now),
            "classes": class_figures(scope, now=now),
            "visits": visit_figures(scope, today=today),
        }
    )
