"""Reads for a caring mother's own pairs. Every query goes through the county scope
(``visible_to``) and is then narrowed to her own pairs."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from pairs.models import Pair, PairKnowledge
from people.models import User


def own_active_pairs(user: User) -> QuerySet[Pair]:
    """Her active pairs as a caring mother, each with its child."""
    return (
        Pair.objects.visible_to(user)
        .active()
        .filter(mother__user=user)
        .select_related("child")
        .order_by("started_on", "pk")
    )


@dataclass(frozen=True)
class PairedChild:
    """All a caring mother may know of her paired child: given name, age and needs. Templates
    get this, never the child's record, so they cannot show more by mistake."""

    pair_id: int
    first_name: str
    age: int | None
    needs: str
    started_on: date

    @classmethod
    def of(cls, pair: Pair, today: date) -> "PairedChild":
        child = pair.child
        return cls(
            pair_id=pair.pk,
            first_name=child.first_name,
            age=child.age_on(today),
            needs=child.needs or "",
            started_on=pair.started_on,
        )


def paired_child_or_404(user: User, pair_id: int) -> PairedChild:
    """The child of one of her active pairs; 404 for any other pair, hers or not."""
    pair = own_active_pairs(user).filter(pk=pair_id).first()
    if pair is None:
        raise Http404("No such active pair of yours")
    return PairedChild.of(pair, timezone.localdate())


def paired_children(user: User) -> list[PairedChild]:
    """Her active pairs' children, as a caring mother may know them."""
    today = timezone.localdate()
    return [PairedChild.of(pair, today) for pair in own_active_pairs(user)]


def own_active_pair_or_404(user: User, pair_id: int) -> Pair:
    """One of her active pairs, for what she writes about it; 404 for any other pair."""
    pair = own_active_pairs(user).select_related("mother").filter(pk=pair_id).first()
    if pair is None:
        raise Http404("No such active pair of yours")
    return pair


@dataclass(frozen=True)
class KnownTopic:
    """One of the three things she must know (三必清), with when she last confirmed it."""

    topic: str
    label: str
    record: PairKnowledge | None


def knowledge_of(pair: Pair) -> list[KnownTopic]:
    known = {record.topic: record for record in PairKnowledge.objects.filter(pair=pair)}
    return [
        KnownTopic(topic=topic, label=str(label), record=known.get(topic))
        for topic, label in PairKnowledge.Topic.choices
    ]
