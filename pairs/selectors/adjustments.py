"""动态管理: which active pairs need the coordinator's decision, and why."""

from collections.abc import Iterator
from datetime import date

from django.conf import settings
from django.db.models import F

from pairs.models import AdjustmentFlag, Pair


def pairs_to_flag(today: date) -> Iterator[tuple[Pair, str]]:
    """(pair, reason) for each active pair whose child reached the age limit, changed
    category since pairing, or lives in another county now, and that has no open flag for
    that reason. Only children old enough by their plain year of birth are decrypted."""
    open_flags = set(
        AdjustmentFlag.objects.filter(
            status=AdjustmentFlag.Status.OPEN, pair__status=Pair.Status.ACTIVE
        ).values_list("pair_id", "reason")
    )
    active = Pair.objects.active().filter(child__anonymised_at__isnull=True)
    max_age = settings.PROGRAM_MAX_CHILD_AGE
    found = []
    for pair in active.filter(child__birth_year__lte=today.year - max_age).select_related("child"):
        age = pair.child.age_on(today)
        if age is not None and age >= max_age:
            found.append((pair, AdjustmentFlag.Reason.OVER_AGE))
    changed = active.exclude(child_category="").exclude(child__category=F("child_category"))
    found += [(pair, AdjustmentFlag.Reason.CATEGORY_CHANGED) for pair in changed]
    moved = active.exclude(child__county_id=F("county_id"))
    found += [(pair, AdjustmentFlag.Reason.MOVED) for pair in moved]
    for pair, reason in found:
        if (pair.pk, reason) not in open_flags:
            yield pair, reason
