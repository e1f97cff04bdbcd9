"""The coordinator's view of overdue visits in her county (all counties for city staff),
grouped per caring mother and per township (the child's), in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max

from pairs.models import FollowUpCall, Pair
from pairs.selectors.due import due_by_pair


@dataclass
class OverdueGroup:
    """Overdue visits of a set of pairs: how many pairs, how many visits, since when, why."""

    key: tuple
    label: str
    county: str
    mother_id: int | None = None
    last_call_on: date | None = None
    pairs: int = 0
    visits: int = 0
    oldest: date | None = None
    reasons: dict = field(default_factory=dict)

    def add(self, items) -> None:
        self.pairs += 1
        self.visits += len(items)
        for item in items:
            self.oldest = min(self.oldest or item.due_by, item.due_by)
            self.reasons[item.label] = self.reasons.get(item.label, 0) + 1

    @property
    def reason_list(self) -> list[tuple[str, int]]:
        return sorted(self.reasons.items())


def overdue_groups(
    user, today: date, county_id: int | None = None
) -> tuple[list[OverdueGroup], list[OverdueGroup]]:
    """(per mother, per township), most overdue first. Only pairs in ``user``'s scope."""
    pairs = Pair.objects.visible_to(user)
    if county_id is not None:
        pairs = pairs.filter(county_id=county_id)
    by_mother: dict[int, OverdueGroup] = {}
    by_township: dict[tuple, OverdueGroup] = {}
    for pair, items in due_by_pair(pairs, today).values():
        overdue = [item for item in items if item.overdue]
        if not overdue:
            continue
        mother = pair.mother
        by_mother.setdefault(
            mother.pk,
            OverdueGroup((mother.pk,), mother.name, pair.county.name, mother_id=mother.pk),
        ).add(overdue)
        key = (pair.county_id, pair.child.township)
        by_township.setdefault(key, OverdueGroup(key, pair.child.township, pair.county.name)).add(
            overdue
        )
    calls = defaultdict(lambda: None)
    calls.update(
        FollowUpCall.objects.filter(mother_id__in=list(by_mother))
        .values("mother_id")
        .annotate(last=Max("called_on"))
        .values_list("mother_id", "last")
    )
    for group in by_mother.values():
        group.last_call_on = calls[group.mother_id]

    def most_overdue(group):
        return (group.oldest, group.label)

    return sorted(by_mother.values(), key=most_overdue), sorted(
        by_township.values(), key=most_overdue
    )
