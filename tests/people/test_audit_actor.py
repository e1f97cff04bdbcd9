"""An audit entry keeps who wrote it: a snapshot of her name, contact and role, taken when
the entry is written, stays after she deletes her own account, and the audit log shows it."""

from django.urls import reverse

import pytest

from people.audit import audit_record
from people.models import AuditEntry, User
from people.roles import CITY_STAFF_GROUP, COORDINATOR_GROUP
from tests.makers import PASSWORD, make_child, make_user, signed_in

pytestmark = pytest.mark.django_db


def test_a_coordinator_who_deletes_her_account_stays_named_in_the_audit_log(
    client_a, coordinator_a, county_a, client, city_staff
):
    child = make_child(county_obj=county_a, name="王小明")
    email = coordinator_a.email
    client_a.get(f"/admin/people/children/inspect/{child.pk}/")

    response = client_a.post(reverse("account_delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert not User.objects.filter(email=email).exists(), "her account is gone"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.VIEW, object_id=str(child.pk))
    assert entry.actor is None
    assert (entry.actor_name, entry.actor_contact) == ("李协调", email)
    assert COORDINATOR_GROUP in entry.actor_role and county_a.name in entry.actor_role

    html = signed_in(client, city_staff).get("/admin/people/audit/").content.decode()
    assert f"李协调（{email}）" in html, "the audit log names her, not （已注销账户）"
    assert COORDINATOR_GROUP in html


def test_the_snapshot_is_taken_when_the_entry_is_written(city_staff):
    entry = audit_record(actor=city_staff, action=AuditEntry.Action.VIEW, object_type="x")
    city_staff.name = "改名后"
    city_staff.save()

    entry.refresh_from_db()
    assert entry.actor_name == "张市妇联"
    assert entry.actor_role == CITY_STAFF_GROUP


def test_a_superuser_is_recorded_as_one(db):
    admin = make_user(name="管理员", is_superuser=True, is_staff=True)

    entry = audit_record(actor=admin, action=AuditEntry.Action.VIEW, object_type="x")

    assert entry.actor_role, "a superuser without groups still has a role on the entry"


def test_entries_of_the_system_have_no_actor(db):
    entry = audit_record(actor=None, action=AuditEntry.Action.VIEW, object_type="x")

    assert (entry.actor_name, entry.actor_contact, entry.actor_role) == ("", "", "")
