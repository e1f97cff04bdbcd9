"""The rows of the ledgers a member of staff may export: her county's (every county's for
city staff), each in one query whatever the number of rows."""

from django.db.models import Exists, OuterRef, QuerySet

from pairs.models import Pair
from people.models import Child
from people.scope import staff_scope


def children_for_ledger(user) -> QuerySet:
    """The county's children (not the removed ones), with whether each has a caring mother."""
    active_pair = Pair.objects.filter(child=OuterRef("pk"), status=Pair.Status.ACTIVE)
    return (
        Child.objects.for_staff(user)
        .active()
        .select_related("county")
        .annotate(paired=Exists(active_pair))
        .order_by("county__name", "township", "pk")
    )


def pairs_for_ledger(user) -> QuerySet:
    scoped = staff_scope(Pair.objects.all(), user)
    if scoped is None:
        return Pair.objects.none()
    return scoped.select_related("county", "mother", "child").order_by(
        "county__name", "-started_on", "pk"
    )
