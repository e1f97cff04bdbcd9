"""The county scope (people.scope): whose children, volunteers and pairs each role sees."""

from django.contrib.auth.models import AnonymousUser

import pytest

from pairs import services as pair_services
from pairs.models import Pair
from people import services as people_services
from people.models import Child, Volunteer
from tests.makers import (
    county,
    make_applicant,
    make_child,
    make_city_staff,
    make_coordinator,
    make_editor,
    make_guardian,
    make_mother,
    make_pair,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two counties, each with a guardian's child and a ledger child; a mother in each county,
    the 离石 one paired with both 离石 children, one of those pairs ended."""
    lishi, wenshui = county("lishi", "离石区"), county("wenshui", "文水县")
    guardian = make_guardian()
    w = {
        "lishi": lishi,
        "wenshui": wenshui,
        "guardian": guardian,
        "guardian_child": make_child(guardian=guardian, county_obj=lishi, name="张小雨"),
        "ledger_child": make_child(county_obj=lishi, name="王小宇"),
        "wenshui_child": make_child(guardian=make_guardian(), county_obj=wenshui, name="李小雪"),
        "wenshui_ledger_child": make_child(county_obj=wenshui, name="赵小军"),
        "mother": make_mother(lishi),
        "wenshui_mother": make_mother(wenshui),
        "applicant": make_applicant(lishi),
        "coordinator_lishi": make_coordinator(lishi),
        "coordinator_wenshui": make_coordinator(wenshui),
        "city_staff": make_city_staff(),
    }
    w["active_pair"] = make_pair(w["mother"], w["guardian_child"], actor=w["coordinator_lishi"])
    w["ended_pair"] = make_pair(w["mother"], w["ledger_child"], actor=w["coordinator_lishi"])
    pair_services.pair_end(actor=w["coordinator_lishi"], pair=w["ended_pair"], reason="moved")
    w["wenshui_pair"] = make_pair(
        w["wenshui_mother"], w["wenshui_ledger_child"], actor=w["coordinator_wenshui"]
    )
    return w


def names(queryset) -> set[str]:
    return {child.name for child in queryset}


def test_city_staff_see_every_child_volunteer_and_pair(world):
    staff = world["city_staff"]
    assert Child.objects.visible_to(staff).count() == 4
    assert Child.objects.for_staff(staff).count() == 4
    assert Volunteer.objects.visible_to(staff).count() == 3
    assert Pair.objects.visible_to(staff).count() == 3


def test_a_superuser_counts_as_city_staff(world):
    admin = make_user(is_superuser=True, is_staff=True)
    assert Child.objects.for_staff(admin).count() == 4


def test_a_coordinator_sees_her_county_only(world):
    lishi = world["coordinator_lishi"]
    assert names(Child.objects.visible_to(lishi)) == {"张小雨", "王小宇"}
    assert names(Child.objects.for_staff(lishi)) == {"张小雨", "王小宇"}
    assert set(Volunteer.objects.visible_to(lishi)) == {
        world["mother"].volunteer,
        world["applicant"].volunteer,
    }
    assert set(Pair.objects.visible_to(lishi)) == {world["active_pair"], world["ended_pair"]}

    wenshui = world["coordinator_wenshui"]
    assert names(Child.objects.for_staff(wenshui)) == {"李小雪", "赵小军"}
    assert set(Volunteer.objects.visible_to(wenshui)) == {world["wenshui_mother"].volunteer}
    assert set(Pair.objects.visible_to(wenshui)) == {world["wenshui_pair"]}


def test_a_coordinator_without_a_county_assignment_sees_nothing(world):
    coordinator = make_coordinator(world["lishi"])
    coordinator.county_assignment.delete()
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)

    assert not Child.objects.for_staff(coordinator).exists()
    assert not Child.objects.visible_to(coordinator).exists()
    assert not Volunteer.objects.visible_to(coordinator).exists()


def test_a_guardian_sees_her_own_children_and_is_not_staff(world):
    guardian = world["guardian"]
    assert names(Child.objects.visible_to(guardian)) == {"张小雨"}
    assert not Child.objects.for_staff(guardian).exists()
    assert not Volunteer.objects.visible_to(guardian).exists()
    assert not Pair.objects.visible_to(guardian).exists()


def test_a_mother_sees_only_the_children_she_is_actively_paired_with(world):
    mother = world["mother"]
    assert names(Child.objects.visible_to(mother)) == {"张小雨"}, "the ended pair's child is gone"
    assert not Child.objects.for_staff(mother).exists()
    assert set(Volunteer.objects.visible_to(mother)) == {mother.volunteer}
    assert set(Pair.objects.visible_to(mother)) == {world["active_pair"], world["ended_pair"]}


def test_a_mother_no_longer_sees_a_child_once_their_pair_ends(world):
    mother = world["mother"]
    pair_services.pair_end(
        actor=world["coordinator_lishi"], pair=world["active_pair"], reason="over_age"
    )
    assert not Child.objects.visible_to(mother).exists()


def test_a_mother_who_is_also_a_guardian_sees_both_without_duplicates(world):
    mother = world["mother"]
    people_services.privacy_consent_give(user=mother)
    make_child(guardian=mother, county_obj=world["lishi"], name="陈小宇")

    visible = Child.objects.visible_to(mother)
    assert sorted(names(visible)) == ["张小雨", "陈小宇"]
    assert visible.count() == 2


@pytest.mark.parametrize("who", ["applicant", "editor", "member"])
def test_applicants_editors_and_members_see_no_child(world, who):
    user = {"applicant": lambda: world["applicant"], "editor": make_editor, "member": make_user}[
        who
    ]()
    assert not Child.objects.visible_to(user).exists()
    assert not Child.objects.for_staff(user).exists()
    assert not Pair.objects.visible_to(user).exists()
    expected = {user.volunteer} if who == "applicant" else set()
    assert set(Volunteer.objects.visible_to(user)) == expected


def test_anonymous_visitors_see_nothing(world):
    anonymous = AnonymousUser()
    assert not Child.objects.visible_to(anonymous).exists()
    assert not Child.objects.for_staff(anonymous).exists()
    assert not Volunteer.objects.visible_to(anonymous).exists()
    assert not Pair.objects.visible_to(anonymous).exists()


def test_an_anonymised_child_stays_in_staff_counts_but_leaves_active(world):
    guardian = world["guardian"]
    people_services.child_delete_by_guardian(child=world["guardian_child"], guardian=guardian)
    staff = world["coordinator_lishi"]

    assert Child.objects.for_staff(staff).count() == 2
    assert Child.objects.for_staff(staff).active().count() == 1
    assert not Child.objects.visible_to(guardian).exists()
