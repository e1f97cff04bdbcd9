"""The audit log and the coordinators' counties in the back office: city staff only."""

import datetime as dt

from django.utils import timezone

import pytest

from people.audit import audit_record
from people.models import AuditEntry, CountyAssignment
from tests.makers import make_child, make_user

AUDIT = "/admin/people/audit/"
COUNTIES = "/admin/people/counties/"


@pytest.fixture
def entries(coordinator_a, county_a):
    child = make_child(county_obj=county_a)
    older = audit_record(actor=coordinator_a, action=AuditEntry.Action.VIEW, obj=child)
    AuditEntry.objects.filter(pk=older.pk).update(at=timezone.now() - dt.timedelta(days=3))
    newer = audit_record(actor=coordinator_a, action=AuditEntry.Action.EXPORT, obj=child)
    return older, newer


def test_city_staff_read_the_audit_log_newest_first(city_client, entries):
    older, newer = entries

    response = city_client.get(AUDIT)

    assert response.status_code == 200
    assert list(response.context["object_list"]) == [newer, older]
    assert "李协调" in response.content.decode()


def test_audit_log_filters_by_action_and_date(city_client, entries):
    older, newer = entries

    by_action = city_client.get(AUDIT, {"action": AuditEntry.Action.VIEW})
    since_yesterday = city_client.get(
        AUDIT, {"at_from": (timezone.localdate() - dt.timedelta(days=1)).isoformat()}
    )

    assert list(by_action.context["object_list"]) == [older]
    assert list(since_yesterday.context["object_list"]) == [newer]


def test_audit_log_is_paginated(city_client, coordinator_a):
    AuditEntry.objects.bulk_create(
        AuditEntry(actor=coordinator_a, action="view", object_type="people.child")
        for _ in range(60)
    )

    response = city_client.get(AUDIT)

    assert len(response.context["object_list"]) == 50
    assert response.context["paginator"].num_pages == 2


def test_coordinators_cannot_read_the_audit_log(client_a, entries):
    response = client_a.get(AUDIT)

    assert response.status_code == 302, "Wagtail sends those without permission to the dashboard"
    assert response["Location"] == "/admin/"
    assert "people.child" not in client_a.get(response["Location"]).content.decode()


def test_city_staff_assign_a_coordinator_to_a_county(city_client, county_b):
    from django.contrib.auth.models import Group

    from people.roles import COORDINATOR_GROUP

    newcomer = make_user(name="新协调员")
    newcomer.groups.add(Group.objects.get(name=COORDINATOR_GROUP))

    response = city_client.post(f"{COUNTIES}new/", {"user": newcomer.pk, "county": county_b.pk})

    assert response.status_code == 302
    assert CountyAssignment.objects.get(user=newcomer).county == county_b


def test_only_coordinators_can_be_assigned(city_client, county_b):
    outsider = make_user(name="路人")

    response = city_client.post(f"{COUNTIES}new/", {"user": outsider.pk, "county": county_b.pk})

    assert response.context["form"].errors["user"]


def test_coordinators_cannot_change_county_assignments(client_a, coordinator_a, county_b):
    assignment = coordinator_a.county_assignment

    response = client_a.post(
        f"{COUNTIES}edit/{assignment.pk}/", {"user": coordinator_a.pk, "county": county_b.pk}
    )

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.county != county_b
