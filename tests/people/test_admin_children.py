"""Children's records in the back office (/admin/people/children/): county scope, audit of
every opening and export, adding and editing through the services, no delete."""

import csv
import datetime as dt
import io

from django.utils import timezone

import pytest

from people.models import AuditEntry, Child
from tests.makers import make_child

pytestmark = pytest.mark.usefixtures("in_english")


LIST = "/admin/people/children/"


def inspect_url(child):
    return f"/admin/people/children/inspect/{child.pk}/"


def edit_url(child):
    return f"/admin/people/children/edit/{child.pk}/"


@pytest.fixture
def child_b(county_b):
    return make_child(county_obj=county_b, name="李小红")


def ledger_form(county, **overrides):
    born = timezone.localdate().replace(year=timezone.localdate().year - 9)
    data = {
        "name": "刘晓燕",
        "gender": Child.Gender.GIRL,
        "date_of_birth": born.isoformat(),
        "id_number": "",
        "category": Child.Category.LEFT_BEHIND,
        "county": county.pk,
        "township": "城北街道",
        "address": "",
        "school_stage": Child.SchoolStage.PRIMARY,
        "guardian_name": "刘奶奶",
        "relationship": Child.Relationship.GRANDPARENT,
        "guardian_phone": "13800138000",
        "needs": "作业辅导",
        "special_needs": "",
    }
    return data | overrides


def test_coordinator_lists_only_the_children_of_her_county(client_a, child_a, child_b):
    response = client_a.get(LIST)

    assert response.status_code == 200
    html = response.content.decode()
    assert "王小明" in html
    assert "李小红" not in html, "a coordinator must not see another county's child"


def test_city_staff_list_every_county_and_filter_by_county(city_client, child_a, child_b, county_b):
    everything = city_client.get(LIST).content.decode()
    assert "王小明" in everything and "李小红" in everything

    filtered = city_client.get(LIST, {"county": county_b.pk}).content.decode()
    assert "李小红" in filtered and "王小明" not in filtered


def test_coordinator_has_no_county_filter(client_a, child_a):
    response = client_a.get(LIST)

    assert "county" not in response.context["filters"].form.fields


def test_list_says_names_cannot_be_searched(client_a, child_a):
    html = client_a.get(LIST).content.decode()

    assert "cannot be searched by name" in html


def test_exact_lookup_by_full_name_and_date_of_birth(client_a, county_a, child_a):
    twin = make_child(county_obj=county_a, name="王小亮")

    response = client_a.get(
        LIST, {"full_name": "王小明", "born_on": child_a.date_of_birth.isoformat()}
    )

    assert list(response.context["object_list"]) == [child_a]
    assert twin not in response.context["object_list"]


def test_lookup_with_a_name_only_asks_for_the_date_of_birth(client_a, child_a):
    response = client_a.get(LIST, {"full_name": "王小明"})

    assert list(response.context["object_list"]) == [], "half a lookup must not list everyone"
    assert "enter both the full name and the date of birth" in response.content.decode()


def test_empty_list_tells_the_coordinator_how_children_get_there(client_a):
    html = client_a.get(LIST).content.decode()

    assert "No children&#x27;s records yet" in html or "No children's records yet" in html


def test_inspecting_a_child_is_audited(client_a, coordinator_a, child_a):
    response = client_a.get(inspect_url(child_a))

    assert response.status_code == 200
    assert "王小明" in response.content.decode()
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.object_id, entry.county_id) == (
        coordinator_a,
        AuditEntry.Action.VIEW,
        str(child_a.pk),
        child_a.county_id,
    )
    assert entry.path == inspect_url(child_a)


def test_opening_the_edit_form_is_audited_as_a_view(client_a, child_a):
    response = client_a.get(edit_url(child_a))

    assert response.status_code == 200
    assert AuditEntry.objects.filter(action=AuditEntry.Action.VIEW).count() == 1


@pytest.mark.parametrize("url", [inspect_url, edit_url])
def test_another_countys_child_by_url_is_404_and_audited_as_denied(
    client_a, coordinator_a, child_b, url
):
    response = client_a.get(url(child_b))

    assert response.status_code == 404, "another county's child must look like no child at all"
    entry = AuditEntry.objects.get()
    assert entry.action == AuditEntry.Action.DENIED
    assert entry.actor == coordinator_a
    assert entry.object_id == str(child_b.pk)
    assert entry.county_id == child_b.county_id


def test_posting_an_edit_to_another_countys_child_changes_nothing(client_a, child_b, county_a):
    response = client_a.post(edit_url(child_b), ledger_form(county_a, name="改名"))

    assert response.status_code == 404
    child_b.refresh_from_db()
    assert child_b.name == "李小红"


def test_export_is_audited_with_the_number_of_rows(client_a, coordinator_a, county_a, child_a):
    make_child(county_obj=county_a, name="王小亮")

    response = client_a.get(LIST, {"export": "csv"})

    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff"), "Excel needs the byte order mark to read Chinese CSV"
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert len(rows) == 3  # heading + two children
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert entry.actor == coordinator_a
    assert entry.county_id == county_a.pk
    assert entry.children_shown == 2 and entry.detail == "csv"


def test_coordinator_adds_a_child_from_the_ledger(client_a, coordinator_a, county_a):
    response = client_a.post("/admin/people/children/new/", ledger_form(county_a))

    assert response.status_code == 302, response.context and response.context["form"].errors
    child = Child.objects.get()
    assert child.source == Child.Source.LEDGER
    assert child.name == "刘晓燕"
    assert child.guardian_phone == "+8613800138000"
    assert child.county == county_a
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_id=str(child.pk))


def test_coordinator_cannot_add_a_child_to_another_county(client_a, county_b):
    response = client_a.post("/admin/people/children/new/", ledger_form(county_b))

    assert response.status_code == 200
    assert "county" in response.context["form"].errors
    assert not Child.objects.exists()


def test_add_form_offers_only_her_county(client_a, county_a, county_b):
    response = client_a.get("/admin/people/children/new/")

    assert list(response.context["form"].fields["county"].queryset) == [county_a]


def test_a_date_of_birth_in_the_future_is_a_form_error_not_a_500(client_a, county_a):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = client_a.post(
        "/admin/people/children/new/", ledger_form(county_a, date_of_birth=tomorrow.isoformat())
    )

    assert response.status_code == 200
    assert response.context["form"].errors["date_of_birth"]
    assert not Child.objects.exists()


def test_a_child_over_the_age_limit_is_refused(client_a, county_a):
    too_old = timezone.localdate().replace(year=timezone.localdate().year - 19)

    response = client_a.post(
        "/admin/people/children/new/", ledger_form(county_a, date_of_birth=too_old.isoformat())
    )

    assert response.context["form"].errors["date_of_birth"]
    assert not Child.objects.exists()


def test_a_duplicate_child_is_refused_with_a_message(client_a, county_a, child_a):
    form = ledger_form(county_a, name="王小明", date_of_birth=child_a.date_of_birth.isoformat())

    response = client_a.post("/admin/people/children/new/", form)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Child.objects.count() == 1


def test_editing_a_child_goes_through_the_service(client_a, county_a, child_a):
    form = ledger_form(
        county_a,
        name="王小明",
        date_of_birth=child_a.date_of_birth.isoformat(),
        needs="心理陪伴",
    )

    response = client_a.post(edit_url(child_a), form)

    assert response.status_code == 302
    child_a.refresh_from_db()
    assert child_a.needs == "心理陪伴"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).count() == 1


def test_there_is_no_delete_in_the_admin(client_a, child_a):
    assert client_a.get(f"/admin/people/children/delete/{child_a.pk}/").status_code == 404
    html = client_a.get(edit_url(child_a)).content.decode()
    assert "/delete/" not in html
    assert "never deleted here" in html
