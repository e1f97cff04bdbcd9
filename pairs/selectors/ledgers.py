"""The rows of the ledgers a member of staff may export: her county's (every county's for
city staff), each in one query whatever the number of rows."""

from django.db.models import Exists, OuterRef, QuerySet

from pairs.models import Pair, SafetyAgreement, Visit
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
    return (
        scoped.select_related("county", "mother", "child")
        .annotate(has_agreement=Exists(SafetyAgreement.objects.filter(pair=OuterRef("pk"))))
        .order_by("county__name", "-started_on", "pk")
    )


def visits_for_ledger(user) -> QuerySet:
    """走访台账: every visit logged on the county's pairs, newest first."""
    scoped = staff_scope(Visit.objects.all(), user)
    if scoped is None:
        return Visit.objects.none()
    return scoped.select_related("county", "pair__mother", "pair__child", "festival").order_by(
        "county__name", "-visited_on", "-pk"
    )
