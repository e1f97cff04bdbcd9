"""Whose figures a person may see, and for which period: ``Scope``.

Every figure is computed per county (``ByCounty``: county id → counter of named figures), so
the city's figure is the sum of the counties' by construction (``total``) and the city staff's
comparison table comes from the same query.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from people.roles import coordinator_county_id, is_city_staff

ByCounty = dict[int, Counter]


@dataclass(frozen=True)
class Scope:
    """Counties (None: every county) and a period, both ends included."""

    county_ids: tuple[int, ...] | None
    start: date
    end: date

    def of(self, queryset: QuerySet, field: str = "county_id") -> QuerySet:
        if self.county_ids is None:
            return queryset
        return queryset.filter(**{f"{field}__in": self.county_ids})


def scope_for(user, *, county_id: int | None, start: date, end: date) -> Scope | None:
    """City staff: every county or the one asked for; a coordinator: her county whatever is
    asked; anyone else: None (no figures)."""
    if is_city_staff(user):
        return Scope((county_id,) if county_id else None, start, end)
    own = coordinator_county_id(user)
    if own is None:
        return None
    return Scope((own,), start, end)


def by_county(rows, key) -> ByCounty:
    """Rows of ``values(...)`` with ``area`` (the county id) and ``n`` into a ``ByCounty``; ``key(row)`` names
    the figure a row counts."""
    result: ByCounty = {}
    for row in rows:
        result.setdefault(row["area"], Counter())[key(row)] += row["n"] or 0
    return result


def total(figures: ByCounty) -> Counter:
    result = Counter()
    for counter in figures.values():
        result.update(counter)
    return result


def merge(*parts: ByCounty) -> ByCounty:
    result: ByCounty = {}
    for part in parts:
        for county_id, counter in part.items():
            result.setdefault(county_id, Counter()).update(counter)
    return result
