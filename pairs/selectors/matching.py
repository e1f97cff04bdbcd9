"""Suggestions for a coordinator pairing a child (``pairs.matching`` ranks; she decides): the
mothers for a child, the children for a mother, and the children still waiting (应结尽结)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, DateField, Exists, F, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest, TruncDate

from pairs.matching import Score, score
from pairs.models import Pair
from people.models import Child, Volunteer

# The children "children who need a mother" ranks at most: the longest waiting of her county.
CANDIDATE_CHILDREN = 500


@dataclass(frozen=True)
class Suggestion:
    volunteer: Volunteer
    score: Score


@dataclass(frozen=True)
class ChildSuggestion:
    child: Child
    score: Score


def _rank(suggestion: Suggestion) -> tuple:
    approved = suggestion.volunteer.reviewed_at
    return (
        -suggestion.score.points,
        suggestion.volunteer.active_pairs,
        approved.timestamp() if approved else float("inf"),
    )


def _score(child: Child, mother: Volunteer, skills: list[str]) -> Score:
    return score(
        child_township=child.township,
        child_category=child.category,
        child_stage=child.school_stage,
        child_needs=child.needs or "",
        child_family_court_case=child.family_court_case,
        mother_township=mother.township,
        mother_sector=mother.sector,
        mother_skills=skills,
        active_pairs=mother.active_pairs,
        max_children=mother.max_children,
    )


def mothers_with_room(county_id: int) -> QuerySet[Volunteer]:
    return (
        Volunteer.objects.approved()
        .filter(county_id=county_id)
        .annotate(active_pairs=Count("pairs", filter=Q(pairs__status="active")))
        .filter(active_pairs__lt=F("max_children"))
    )


def suggest_mothers(child: Child, *, limit: int = 20) -> list[Suggestion]:
    """Approved mothers of the child's county with room for another child, best suited first
    (then the one caring for fewer children, then the longest approved). Two queries,
    whatever the number of mothers. A removed child gets no suggestion."""
    if child.anonymised_at:
        return []
    mothers = mothers_with_room(child.county_id).prefetch_related("skills")
    suggestions = [
        Suggestion(
            volunteer=mother,
            score=_score(child, mother, [skill.name for skill in mother.skills.all()]),
        )
        for mother in mothers
    ]
    suggestions.sort(key=_rank)
    return suggestions[:limit]


def waiting_children(queryset: QuerySet[Child]) -> QuerySet[Child]:
    """The children of ``queryset`` without an active pair and not removed, each with
    ``waiting_since`` (the later of the day her record was made and the day her last pair
    ended), the longest waiting first."""
    last_end = (
        Pair.objects.filter(child=OuterRef("pk"), status=Pair.Status.ENDED)
        .values("child")
        .annotate(last=Max("ended_on"))
        .values("last")
    )
    created_on = TruncDate("created_at")
    return (
        queryset.active()
        .exclude(Exists(Pair.objects.filter(child=OuterRef("pk"), status=Pair.Status.ACTIVE)))
        .annotate(
            waiting_since=Greatest(
                created_on, Coalesce(Subquery(last_end, output_field=DateField()), created_on)
            )
        )
        .order_by("waiting_since", "pk")
    )


def suggest_children(mother: Volunteer, *, limit: int = 20) -> list[ChildSuggestion]:
    """The children of her county who need a mother, best suited to her first (then the
    longest waiting). Empty when she is not approved or has no room. Three queries."""
    if not mother.is_approved:
        return []
    mother = mothers_with_room(mother.county_id).filter(pk=mother.pk).first()
    if mother is None:
        return []
    skills = [skill.name for skill in mother.skills.all()]
    children = waiting_children(Child.objects.filter(county_id=mother.county_id))
    ranked = [
        ChildSuggestion(child=child, score=_score(child, mother, skills))
        for child in children[:CANDIDATE_CHILDREN]
    ]
    ranked.sort(key=lambda s: (-s.score.points, s.child.waiting_since or date.max, s.child.pk))
    return ranked[:limit]
