"""A coordinator's county (her scope for every personal record) is set, changed and taken
away by city staff through ``people.services.assignments``, and each change is in the
audit log with who did it, from where, and the county before and after."""

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest

from people import services
from people.models import AuditEntry, CountyAssignment
from people.roles import COORDINATOR_GROUP
from people.services.assignments import county_assignment_delete, county_assignment_save
from tests.makers import county, make_city_staff, make_coordinator, make_user, signed_in, with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def counties():
    return county("lishi", "离石区"), county("wenshui", "文水县")


def new_coordinator(name: str = "刘芳"):
    user = make_user(name=name)
    user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    return user


def test_city_staff_assign_change_and_remove_a_county_in_the_back_office(client, counties):
    lishi, wenshui = counties
    staff = with_totp(make_city_staff(name="市妇联小王"))
    coordinator = new_coordinator()
    signed_in(client, staff)

    added = client.post(
        reverse("people_counties:add"), {"user": coordinator.pk, "county": lishi.pk}
    )
    assignment = CountyAssignment.objects.get(user=coordinator)
    changed = client.post(
        reverse("people_counties:edit", args=[assignment.pk]),
        {"user": coordinator.pk, "county": wenshui.pk},
    )
    removed = client.post(reverse("people_counties:delete", args=[assignment.pk]))

    assert [r.status_code for r in (added, changed, removed)] == [302, 302, 302]
    assert not CountyAssignment.objects.filter(user=coordinator).exists()
    entries = list(AuditEntry.objects.filter(object_type="people.countyassignment").order_by("pk"))
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert all(e.actor == staff and e.actor_name == "市妇联小王" for e in entries)
    assert all(e.ip_address == "127.0.0.1" for e in entries), "the service lost the address"
    assert entries[1].detail == "刘芳: 离石区 → 刘芳: 文水县"
    assert [e.county_id for e in entries] == [lishi.pk, wenshui.pk, wenshui.pk]


def test_only_city_staff_assign_counties(counties):
    lishi, wenshui = counties
    coordinator = make_coordinator(lishi)
    assignment = CountyAssignment.objects.get(user=coordinator)

    with pytest.raises(services.DomainError):
        county_assignment_save(
            actor=coordinator, user=coordinator, county=wenshui, assignment=assignment
        )
    with pytest.raises(services.DomainError):
        county_assignment_delete(actor=coordinator, assignment=assignment)
    assignment.refresh_from_db()
    assert assignment.county == lishi
    assert not AuditEntry.objects.exists()


def test_only_coordinators_get_a_county_and_only_one(counties):
    lishi, wenshui = counties
    staff = make_city_staff()

    with pytest.raises(services.DomainError):
        county_assignment_save(actor=staff, user=make_user(), county=lishi)
    coordinator = new_coordinator()
    county_assignment_save(actor=staff, user=coordinator, county=lishi)
    with pytest.raises(services.DomainError):
        county_assignment_save(actor=staff, user=coordinator, county=wenshui)
    assert CountyAssignment.objects.get(user=coordinator).county == lishi
