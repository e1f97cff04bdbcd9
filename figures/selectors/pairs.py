"""Pairs started and ended (by end reason) in the period, and active now. Three queries."""

from django.db.models import Count, F

from figures.selectors.scope import ByCounty, Scope, by_county, merge
from pairs.models import Pair


def pair_figures(scope: Scope) -> ByCounty:
    """``started``, ``ended``, ``ended.<reason>`` in the period; ``active`` now."""
    pairs = scope.of(Pair.objects.all())
    started = (
        pairs.filter(started_on__range=(scope.start, scope.end))
        .values(area=F("county_id"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    ended = (
        pairs.filter(status=Pair.Status.ENDED, ended_on__range=(scope.start, scope.end))
        .values("end_reason", area=F("county_id"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    ended = list(ended)
    active = (
        pairs.filter(status=Pair.Status.ACTIVE)
        .values(area=F("county_id"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    return merge(
        by_county(started, lambda row: "started"),
        by_county(ended, lambda row: "ended"),
        by_county(ended, lambda row: f"ended.{row['end_reason']}"),
        by_county(active, lambda row: "active"),
    )
