"""Suggestions for a coordinator pairing a child (``pairs.matching`` ranks; she decides)."""

from dataclasses import dataclass

from django.db.models import Count, Q

from pairs.matching import Score, score
from people.models import Child, Volunteer


@dataclass(frozen=True)
class Suggestion:
    volunteer: Volunteer
    score: Score


def _rank(suggestion: Suggestion) -> tuple:
    approved = suggestion.volunteer.reviewed_at
    return (
        -suggestion.score.points,
        suggestion.volunteer.active_pairs,
        approved.timestamp() if approved else float("inf"),
    )


def suggest_mothers(child: Child, *, limit: int = 20) -> list[Suggestion]:
    """Approved mothers of the child's county with room for another child, best suited first
    (then the one caring for fewer children, then the longest approved). Two queries,
    whatever the number of mothers. A removed child gets no suggestion."""
    if child.anonymised_at:
        return []
    mothers = (
        Volunteer.objects.approved()
        .filter(county_id=child.county_id)
        .annotate(active_pairs=Count("pairs", filter=Q(pairs__status="active")))
        .prefetch_related("skills")
    )
    suggestions = []
    for mother in mothers:
        if mother.active_pairs >= mother.max_children:
            continue
        result = score(
            child_township=child.township,
            child_category=child.category,
            child_stage=child.school_stage,
            child_needs=child.needs or "",
            mother_township=mother.township,
            mother_sector=mother.sector,
            mother_skills=[skill.name for skill in mother.skills.all()],
            active_pairs=mother.active_pairs,
            max_children=mother.max_children,
        )
        suggestions.append(Suggestion(volunteer=mother, score=result))
    suggestions.sort(key=_rank)
    return suggestions[:limit]
