"""``roles.may_manage_county``: the one check of who may manage a county's people and
sessions (pairs, volunteers' review, attendance, check-in all ask it)."""

import pytest

from people.roles import may_manage_county
from tests.makers import county, make_city_staff, make_coordinator, make_editor, make_user

pytestmark = pytest.mark.django_db


def test_city_staff_manage_every_county_and_a_coordinator_only_her_own():
    lishi, wenshui = county("lishi", "离石区"), county("wenshui", "文水县")
    coordinator = make_coordinator(lishi)

    assert may_manage_county(make_city_staff(), wenshui.pk)
    assert may_manage_county(coordinator, lishi.pk)
    assert not may_manage_county(coordinator, wenshui.pk)


@pytest.mark.parametrize("who", [make_user, make_editor])
def test_nobody_else_manages_a_county_not_even_one_left_blank(who):
    person = who()
    assert not may_manage_county(person, county().pk)
    assert not may_manage_county(person, None), "no county of hers matched no county"
