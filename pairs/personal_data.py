"""Her pairs in her data download (``people.personal_data``): the child by first name only,
as everywhere else for a mother, the 三必清 notes she wrote about each, the visits she logged and
the concerns she raised."""

from typing import Any

from django.db.models import Prefetch

from pairs.models import Pair, PairConcern, PairKnowledge, Visit
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


def visits_of(user: User) -> list[dict[str, Any]]:
    """The visits she logged herself, with what she wrote."""
    visits = (
        Visit.objects.visible_to(user)
        .filter(recorded_by=user)
        .select_related("pair__child", "festival")
        .order_by("visited_on", "pk")
    )
    return [
        {
            "child_first_name": visit.pair.child.first_name,
            "visited_on": iso(visit.visited_on),
            "kind": visit.get_kind_display(),
            "festival": visit.festival.name if visit.festival else None,
            "what_was_done": visit.what_was_done or "",
            "needs_noticed": visit.needs_noticed or "",
            "follow_up_wanted": visit.follow_up_wanted or "",
        }
        for visit in visits
    ]


def concerns_of(user: User) -> list[dict[str, Any]]:
    """The concerns she raised herself on her pairs, with her note."""
    concerns = (
        PairConcern.objects.filter(raised_by=user, pair__in=Pair.objects.visible_to(user))
        .select_related("pair__child")
        .order_by("raised_at", "pk")
    )
    return [
        {
            "child_first_name": concern.pair.child.first_name,
            "kind": concern.get_kind_display(),
            "note": concern.note or "",
            "raised_at": iso(concern.raised_at),
            "resolved_at": iso(concern.resolved_at),
        }
        for concern in concerns
    ]
