"""Her pairs in her data download (``people.personal_data``): the child by first name only,
as everywhere else for a mother, and the 三必清 notes she wrote about each."""

from typing import Any

from django.db.models import Prefetch

from pairs.models import Pair, PairKnowledge
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
        "must_know": [
            {
                "topic": record.get_topic_display(),
                "note": record.note,
                "confirmed_at": iso(record.confirmed_at),
            }
            for record in pair.my_knowledge
        ],
    }


def pairs_of(user: User) -> list[dict[str, Any]]:
    pairs = (
        Pair.objects.visible_to(user)
        .filter(mother__user=user)
        .select_related("child", "county")
        .prefetch_related(
            Prefetch(
                "knowledge",
                queryset=PairKnowledge.objects.filter(confirmed_by=user),
                to_attr="my_knowledge",
            )
        )
        .order_by("started_on", "pk")
    )
    return [_pair(pair) for pair in pairs]
