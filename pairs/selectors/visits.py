"""Reads of visits for a caring mother: her pair's recent visits and what is due on her
pairs (through the county scope first, then narrowed to her own)."""

from dataclasses import dataclass

from django.utils import timezone

from pairs.models import Visit
from pairs.selectors.due import DueItem, due_by_pair
from pairs.selectors.pairs import PairedChild, own_active_pairs
from people.models import User

RECENT_VISITS = 10


def recent_visits(user: User, pair_id: int) -> list[Visit]:
    """The latest visits she logged on one of her pairs, newest first (not the coordinator's:
    what staff write about the child is not for her)."""
    return list(
        Visit.objects.visible_to(user)
        .filter(pair_id=pair_id, pair__mother__user=user, recorded_by=user)
        .select_related("festival")
        .order_by("-visited_on", "-pk")[:RECENT_VISITS]
    )


@dataclass(frozen=True)
class DueOnPair:
    paired: PairedChild
    items: list[DueItem]


def due_for_mother(user: User) -> list[DueOnPair]:
    """What is due on each of her active pairs (only pairs with something due)."""
    today = timezone.localdate()
    due = due_by_pair(own_active_pairs(user), today)
    return [DueOnPair(PairedChild.of(pair, today), items) for pair, items in due.values() if items]


def due_on_own_pair(user: User, pair_id: int) -> list[DueItem]:
    due = due_by_pair(own_active_pairs(user).filter(pk=pair_id), timezone.localdate())
    return due[pair_id][1] if pair_id in due else []
