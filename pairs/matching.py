"""Matching a child with a caring mother (精准匹配), by the seed article's rules: where the child
lives most of the time first (the same township; then both in town, 城区, or both in the
countryside, 乡镇); then her category against the mother's sector (a disabled child → a mother
of the disabled persons' federation; a senior-secondary pupil → an education-sector mother;
a child of a marriage or family court case → a mother of the legal sector, 政法系统);
then the mother's strengths against the child's needs; then the room the mother has left.

This module only ranks and says why; the coordinator decides. ``score`` works on plain values
so that the rules are tested as a table (tests/pairs/test_matching.py); the weights live in
``WEIGHTS`` and nowhere else.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

WEIGHTS = {
    "same_township": 40,  # 就近: the same township or street as the child
    "same_area": 15,  # otherwise both 城区 (a 街道) or both 乡镇 (a 镇 or 乡)
    "sector": 25,  # her sector suits the child's category or school stage
    "skill": 10,  # each of her strengths the child's needs name, at most MAX_SKILLS
    "room": 5,  # each place she offered and has still free
}
MAX_SKILLS = 2

# Which sector suits which child (the article's examples).
SECTOR_FOR_CATEGORY = {"disabled": "disability"}
SECTOR_FOR_STAGE = {"senior": "education", "vocational": "education"}
# A child of a marriage or family court case: court, procuratorate or police (政法系统).
LEGAL_SECTORS = ("court", "procuratorate", "police")


def area(township: str) -> str:
    """城区 ("urban") for a street (街道) or community, 乡镇 ("rural") for a town or township
    (镇, 乡); "" when the name says neither."""
    name = (township or "").strip()
    if name.endswith(("街道", "社区", "街办")):
        return "urban"
    if name.endswith(("镇", "乡")):
        return "rural"
    return ""


@dataclass
class Score:
    points: int = 0
    reasons: list[str] = field(default_factory=list)

    def add(self, points: int, reason: str) -> None:
        self.points += points
        self.reasons.append(reason)


def score(
    *,
    child_township: str,
    child_category: str,
    child_stage: str,
    child_needs: str,
    child_family_court_case: bool = False,
    mother_township: str,
    mother_sector: str,
    mother_skills: list[str],
    active_pairs: int,
    max_children: int,
) -> Score:
    """How well a mother suits a child, with the reasons a coordinator reads."""
    result = Score()
    if child_township and child_township.strip() == (mother_township or "").strip():
        result.add(WEIGHTS["same_township"], _("Lives in the same township (%s)") % child_township)
    elif area(child_township) and area(child_township) == area(mother_township):
        urban = area(child_township) == "urban"
        reason = _("Both live in town") if urban else _("Both live in the countryside")
        result.add(WEIGHTS["same_area"], reason)
    if child_family_court_case:
        if mother_sector in LEGAL_SECTORS:
            result.add(WEIGHTS["sector"], _("Legal sector, for a child of a family court case"))
    else:
        wanted = SECTOR_FOR_CATEGORY.get(child_category) or SECTOR_FOR_STAGE.get(child_stage)
        if wanted and mother_sector == wanted:
            result.add(WEIGHTS["sector"], _("Her sector suits this child"))
    matched = [skill for skill in mother_skills if skill and skill in (child_needs or "")]
    for skill in matched[:MAX_SKILLS]:
        result.add(WEIGHTS["skill"], _("Can help with: %s") % skill)
    free = max(max_children - active_pairs, 0)
    if free:
        result.add(
            WEIGHTS["room"] * free,
            _("Cares for %(active)d of the %(offered)d children she offered")
            % {"active": active_pairs, "offered": max_children},
        )
    return result
