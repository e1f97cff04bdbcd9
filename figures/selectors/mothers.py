"""Caring mothers by status, and the approved ones by work sector. One query."""

from collections import Counter

from django.db.models import Count, F

from figures.selectors.scope import ByCounty, Scope
from people.models import Volunteer


def mother_figures(scope: Scope) -> ByCounty:
    """``status.<status>`` for every application; ``sector.<sector>`` for approved mothers.
    Current figures: the period does not apply."""
    rows = (
        scope.of(Volunteer.objects.all())
        .values("status", "sector", area=F("county_id"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    result: ByCounty = {}
    for row in rows:
        counter = result.setdefault(row["area"], Counter())
        counter[f"status.{row['status']}"] += row["n"]
        if row["status"] == Volunteer.Status.APPROVED:
            counter[f"sector.{row['sector']}"] += row["n"]
    return result
