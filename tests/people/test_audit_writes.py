"""Changes to children's records and pairs are audited by the services that make them, so
every door (back office, command, task) leaves the same entry; a guardian's own writes and
the system's are not staff access and leave none."""

import pytest

from pairs import services as pair_services
from pairs.models import Pair
from people import services as people_services
from people.models import AuditEntry, Child
from tests.makers import county, make_child, make_coordinator, make_guardian, make_mother

pytestmark = pytest.mark.django_db


def entries(**filters):
    entries = AuditEntry.objects.filter(**filters).order_by("pk")
    return list(entries.values_list("action", "actor", "detail"))


def test_staff_creating_and_editing_a_childs_record_is_audited_by_the_service():
    lishi = county()
    coordinator = make_coordinator(lishi)

    child = make_child(county_obj=lishi, actor=coordinator, name="王小明")
    people_services.child_update(actor=coordinator, child=child, township="城南街道")

    assert entries(object_type="people.child", object_id=str(child.pk)) == [
        ("create", coordinator.pk, ""),
        ("update", coordinator.pk, ""),
    ]
    assert set(AuditEntry.objects.values_list("children_shown", flat=True)) == {1}


def test_a_guardian_writing_her_own_childs_record_is_not_staff_access():
    guardian = make_guardian()
    child = make_child(guardian=guardian, name="李小红")
    people_services.child_update(actor=guardian, child=child, township="城南街道")

    assert not AuditEntry.objects.filter(object_type="people.child").exists()


def test_pairing_and_ending_a_pair_are_audited_by_the_service():
    lishi = county()
    coordinator = make_coordinator(lishi)
    mother = make_mother(lishi)
    child = make_child(county_obj=lishi, actor=coordinator, name="张小雨")

    pair = pair_services.pair_create(actor=coordinator, mother=mother.volunteer, child=child)
    pair_services.pair_end(actor=coordinator, pair=pair, reason=Pair.EndReason.MOVED)

    assert entries(object_type="pairs.pair") == [
        ("create", coordinator.pk, ""),
        ("update", coordinator.pk, "ended: moved"),
    ]


def test_a_pair_ended_by_the_system_leaves_no_staff_entry():
    lishi = county()
    coordinator = make_coordinator(lishi)
    child = make_child(county_obj=lishi, actor=coordinator, name="赵小杰")
    pair = pair_services.pair_create(
        actor=coordinator, mother=make_mother(lishi).volunteer, child=child
    )
    before = AuditEntry.objects.count()

    pair_services.pair_end(actor=None, pair=pair, reason=Pair.EndReason.MOVED)

    assert AuditEntry.objects.count() == before
    assert Child.objects.get(pk=child.pk).pairs.get().status == Pair.Status.ENDED
