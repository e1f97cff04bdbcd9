"""Matching a child with a caring mother (pairs.matching): the article's rules as a table of
small cases, and the coordinator's ranked list (pairs.selectors.matching)."""

import pytest

from pairs.matching import WEIGHTS, area, score
from pairs.selectors.matching import suggest_mothers
from people.models import Skill, Volunteer
from tests.makers import county, make_child, make_mother, make_pair

W = WEIGHTS
CHILD = {
    "child_township": "城北街道",
    "child_category": "left_behind",
    "child_stage": "primary",
    "child_needs": "",
}
MOTHER = {
    "mother_township": "信义镇",
    "mother_sector": "other",
    "mother_skills": [],
    "active_pairs": 2,
    "max_children": 2,  # no room left: room adds nothing unless a case says so
}


@pytest.mark.parametrize(
    ("child", "mother", "points"),
    [
        ({}, {}, 0),
        ({}, {"mother_township": "城北街道"}, W["same_township"]),
        ({}, {"mother_township": "凤山街道"}, W["same_area"]),  # both in town
        ({"child_township": "吴城镇"}, {"mother_township": "信义乡"}, W["same_area"]),
        ({"child_township": "吴城镇"}, {"mother_township": "凤山街道"}, 0),
        ({"child_category": "disabled"}, {"mother_sector": "disability"}, W["sector"]),
        ({"child_category": "disabled"}, {"mother_sector": "education"}, 0),
        ({"child_stage": "senior"}, {"mother_sector": "education"}, W["sector"]),
        ({"child_stage": "primary"}, {"mother_sector": "education"}, 0),
        ({"child_family_court_case": True}, {"mother_sector": "court"}, W["sector"]),
        ({"child_family_court_case": True}, {"mother_sector": "procuratorate"}, W["sector"]),
        ({"child_family_court_case": True}, {"mother_sector": "police"}, W["sector"]),
        ({"child_family_court_case": True}, {"mother_sector": "education"}, 0),
        ({"child_family_court_case": False}, {"mother_sector": "court"}, 0),
        (  # the court case comes first: a legal-sector mother, not the disability one
            {"child_family_court_case": True, "child_category": "disabled"},
            {"mother_sector": "disability"},
            0,
        ),
        ({"child_needs": "需要作业辅导和阅读陪伴"}, {"mother_skills": ["作业辅导"]}, W["skill"]),
        (
            {"child_needs": "作业辅导、阅读陪伴、心理咨询"},
            {"mother_skills": ["作业辅导", "阅读陪伴", "心理咨询"]},
            2 * W["skill"],  # at most two strengths count
        ),
        ({}, {"active_pairs": 0, "max_children": 2}, 2 * W["room"]),
        ({}, {"active_pairs": 1, "max_children": 2}, W["room"]),
    ],
)
def test_the_rules_of_the_article(child, mother, points):
    result = score(**(CHILD | child), **(MOTHER | mother))

    assert result.points == points
    assert len(result.reasons) == len([r for r in result.reasons if r]), "a reason is empty"


def test_where_she_lives_weighs_more_than_her_sector_and_strengths():
    near = score(**CHILD, **(MOTHER | {"mother_township": "城北街道"}))
    suited = score(
        **(CHILD | {"child_stage": "senior", "child_needs": "作业辅导"}),
        **(MOTHER | {"mother_sector": "education", "mother_skills": ["作业辅导"]}),
    )
    assert near.points > suited.points


@pytest.mark.parametrize(
    ("township", "kind"),
    [
        ("城北街道", "urban"),
        ("凤山社区", "urban"),
        ("吴城镇", "rural"),
        ("信义乡", "rural"),
        ("", ""),
    ],
)
def test_town_or_countryside_is_read_from_the_name(township, kind):
    assert area(township) == kind


@pytest.mark.django_db
def test_the_coordinator_gets_mothers_of_the_county_with_room_best_suited_first(
    django_assert_num_queries,
):
    lishi, wenshui = county("lishi", "离石区"), county("wenshui", "文水县")
    child = make_child(county_obj=lishi, name="王小雨", needs="作业辅导")
    make_mother(lishi, name="近的妈妈")
    far = make_mother(lishi, name="远的妈妈").volunteer
    Volunteer.objects.filter(pk=far.pk).update(township="吴城镇")
    helper = make_mother(lishi, name="会辅导的妈妈").volunteer
    Volunteer.objects.filter(pk=helper.pk).update(township="吴城镇")
    helper.skills.add(Skill.objects.get(slug="homework"))
    full = make_mother(lishi, name="满了的妈妈")
    make_pair(full, make_child(county_obj=lishi, name="甲"))
    make_pair(full, make_child(county_obj=lishi, name="乙"))
    make_mother(wenshui, name="别县的妈妈")

    with django_assert_num_queries(2):
        names = [s.volunteer.name for s in suggest_mothers(child)]

    assert names == ["近的妈妈", "会辅导的妈妈", "远的妈妈"]


@pytest.mark.django_db
def test_a_removed_child_gets_no_suggestion():
    lishi = county("lishi", "离石区")
    child = make_child(county_obj=lishi, name="王小雨")
    make_mother(lishi)
    child.anonymised_at = child.created_at

    assert suggest_mothers(child) == []
