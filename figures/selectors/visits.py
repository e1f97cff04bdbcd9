"""Visits (三必访) per month by kind in the period, and pairs whose regular visit is overdue
now. Two queries."""

from collections import Counter
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef
from django.db.models.functions import TruncMonth

from figures.selectors.scope import ByCounty, Scope, by_county, merge
from pairs.models import Pair, Visit


def visit_figures(scope: Scope, *, today: date) -> ByCounty:
    """``visits``, ``kind.<kind>`` and ``month.<YYYY-MM>.<kind>`` in the period;
    ``overdue``: active pairs whose regular visit (every ``PAIRS_VISIT_EVERY_WEEKS`` weeks
    since the last visit, or since the pair started) is past its date today."""
    rows = list(
        scope.of(Visit.objects.filter(visited_on__range=(scope.start, scope.end)))
        .annotate(month=TruncMonth("visited_on"))
        .values("month", "kind", area=F("county_id"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    due_before = today - timedelta(weeks=settings.PAIRS_VISIT_EVERY_WEEKS)
    # Overdue: started before the due date and no visit since (the index on a pair's visits
    # by date answers it without reading every visit).
    visited_since = Visit.objects.filter(pair=OuterRef("pk"), visited_on__gte=due_before)
    overdue_rows = (
        scope.of(Pair.objects.filter(status=Pair.Status.ACTIVE, started_on__lt=due_before))
        .filter(~Exists(visited_since))
        .values(area=F("county_id"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    return merge(
        by_county(rows, lambda row: "visits"),
        by_county(rows, lambda row: f"kind.{row['kind']}"),
        by_county(rows, lambda row: f"month.{row['month']:%Y-%m}.{row['kind']}"),
        by_county(overdue_rows, lambda row: "overdue"),
    )


def months(figures: Counter) -> list[str]:
    """The months (``YYYY-MM``) that have visits, in order."""
    return sorted({key.split(".")[1] for key in figures if key.startswith("month.")})
