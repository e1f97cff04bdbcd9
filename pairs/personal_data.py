"""Her pairs in her data download (``people.personal_data``): the child by first name only,
as everywhere else for a mother."""

from typing import Any

from pairs.models import Pair
from people.models import User
from people.personal_data import iso


def _pair(pair: Pair) -> dict[str, Any]:
    return {
        "child_first_name": pair.child.first_name,
        "county": pair.county.name,
        "status": pair.get_status_display(),
        "started_on": iso(pair.started_on),
        "ended_on": iso(pair.ended_on),
        "end_reason": pair.get_end_reason_display() or None,
    }


def pairs_of(user: User) -> list[dict[str, Any]]:
    pairs = (
        Pair.objects.visible_to(user)
        .filter(mother__user=user)
        .select_related("child", "county")
        .order_by("started_on", "pk")
    )
    return [_pair(pair) for pair in pairs]
