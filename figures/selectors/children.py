"""Children on the register by category, and how many are paired now (应结尽结). One
query."""

from collections import Counter

from django.db.models import Count, Exists, F, OuterRef

from figures.selectors.scope import ByCounty, Scope
from pairs.models import Pair
from people.models import Child


def child_figures(scope: Scope) -> ByCounty:
    """``category.<category>`` and ``paired.<category>`` (with an active pair), plus
    ``children`` and ``paired`` over all categories. Current figures."""
    active_pair = Pair.objects.filter(child=OuterRef("pk"), status=Pair.Status.ACTIVE)
    rows = (
        scope.of(Child.objects.active())
        .values("category", area=F("county_id"))
        .annotate(n=Count("pk"), paired=Count("pk", filter=Exists(active_pair)))
        .order_by()
    )
    result: ByCounty = {}
    for row in rows:
        counter = result.setdefault(row["area"], Counter())
        counter[f"category.{row['category']}"] += row["n"]
        counter[f"paired.{row['category']}"] += row["paired"]
        counter["children"] += row["n"]
        counter["paired"] += row["paired"]
    return result
