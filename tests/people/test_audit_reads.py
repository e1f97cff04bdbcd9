"""Every staff page that shows children's personal data writes exactly one audit entry per
request, saying who, what and how many children it showed: the children list (and its filter
results and export), a child's page and edit form, the pairs list, a pair's page, the new-pair
form, the end-a-pair form, a class's attendance sheet and export, and the door check-in."""

from django.urls import reverse

import pytest

from people.models import AuditEntry, Child
from tests.enrollment.attendance_support import at, book, summer_class, training
from tests.makers import make_child, make_guardian, make_mother, make_pair

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(county_a, county_b, coordinator_a):
    """County A: three children, one of them paired; county B: one child (never counted)."""
    children = [make_child(county_obj=county_a, name=name) for name in ("王一", "王二", "王三")]
    make_child(county_obj=county_b, name="李外县")
    pair = make_pair(make_mother(county_a), children[0], actor=coordinator_a)
    return children, pair


@pytest.fixture
def class_session(county_a):
    """Today's summer class in county A with two children booked."""
    session = summer_class(at(0, hour=0), county_a).sessions.get()
    for name in ("赵甲", "赵乙"):
        guardian = make_guardian()
        book(session, guardian, child=make_child(guardian=guardian, county_obj=county_a, name=name))
    return session


def request_entries(client, url, method="get", data=None) -> tuple:
    """The response, and the audit entries written while answering it."""
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    response = getattr(client, method)(url, data or {})
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return response, list(AuditEntry.objects.exclude(pk__in=before))


def only_entry(entries, coordinator, *, action=AuditEntry.Action.VIEW) -> AuditEntry:
    assert len(entries) == 1, f"one audit entry per request, got {len(entries)}"
    entry = entries[0]
    assert entry.action == action, entry.action
    assert entry.actor == coordinator and entry.actor_name == "李协调"
    return entry


def test_the_children_list_records_how_many_children_it_showed(client_a, coordinator_a, people):
    response, entries = request_entries(client_a, "/admin/people/children/")

    assert response.status_code == 200
    entry = only_entry(entries, coordinator_a)
    assert entry.object_type == "people.child"
    assert entry.children_shown == 3, "her county's three children, not county B's"
    assert entry.county == coordinator_a.county_assignment.county


def test_the_children_list_filter_results_are_recorded_too(client_a, coordinator_a, people):
    response, entries = request_entries(
        client_a, "/admin/people/children/results/", data={"category": "left_behind"}
    )

    assert response.status_code == 200
    assert only_entry(entries, coordinator_a).children_shown == 3


def test_the_children_export_is_one_export_entry(client_a, coordinator_a, people):
    response, entries = request_entries(client_a, "/admin/people/children/", data={"export": "csv"})

    assert response.status_code == 200
    entry = only_entry(entries, coordinator_a, action=AuditEntry.Action.EXPORT)
    assert entry.children_shown == 3 and entry.detail == "csv"


@pytest.mark.parametrize("page", ["inspect", "edit"])
def test_a_childs_page_and_edit_form_record_one_child(client_a, coordinator_a, people, page):
    child = people[0][1]

    response, entries = request_entries(client_a, f"/admin/people/children/{page}/{child.pk}/")

    assert response.status_code == 200
    entry = only_entry(entries, coordinator_a)
    assert (entry.object_id, entry.children_shown) == (str(child.pk), 1)


def test_an_edit_form_shown_again_with_errors_is_a_read(client_a, coordinator_a, people):
    child = people[0][1]

    response, entries = request_entries(
        client_a, f"/admin/people/children/edit/{child.pk}/", "post", {"name": ""}
    )

    assert response.status_code == 200 and response.context["form"].errors
    assert only_entry(entries, coordinator_a).children_shown == 1


def test_the_pairs_list_records_the_children_of_its_rows(client_a, coordinator_a, people):
    response, entries = request_entries(client_a, "/admin/people/pairs/")

    assert response.status_code == 200
    entry = only_entry(entries, coordinator_a)
    assert entry.object_type == "pairs.pair" and entry.children_shown == 1


@pytest.mark.parametrize("page", ["inspect", "end"])
def test_a_pairs_page_and_end_form_record_its_child(client_a, coordinator_a, people, page):
    pair = people[1]

    response, entries = request_entries(client_a, f"/admin/people/pairs/{page}/{pair.pk}/")

    assert response.status_code == 200
    entry = only_entry(entries, coordinator_a)
    assert (entry.object_type, entry.object_id) == ("pairs.pair", str(pair.pk))
    assert entry.children_shown == 1


def test_the_new_pair_form_records_every_unpaired_child_it_lists(client_a, coordinator_a, people):
    response, entries = request_entries(client_a, "/admin/people/pairs/new/")

    assert response.status_code == 200
    assert "王二" in response.content.decode(), "the form lists unpaired children by name"
    entry = only_entry(entries, coordinator_a)
    assert entry.children_shown == 2, "王二 and 王三; 王一 is paired, 李外县 another county's"


def test_a_refused_new_pair_is_a_read_of_the_list_again(client_a, coordinator_a, people):
    response, entries = request_entries(
        client_a, "/admin/people/pairs/new/", "post", {"child": people[0][1].pk}
    )

    assert response.status_code == 200 and response.context["form"].errors
    assert only_entry(entries, coordinator_a).children_shown == 2


def test_a_class_attendance_sheet_records_its_children(client_a, coordinator_a, class_session):
    url = reverse("people_sessions:attendance", args=[class_session.pk])

    response, entries = request_entries(client_a, url)

    assert response.status_code == 200
    entry = only_entry(entries, coordinator_a)
    assert (entry.object_type, entry.object_id) == ("courses.session", str(class_session.pk))
    assert entry.children_shown == 2


def test_a_training_attendance_sheet_shows_no_child_and_records_nothing(
    client_a, county_a, coordinator_a
):
    session = training([at(0, hour=0)], county_a).sessions.get()
    book(session, make_mother(county_a))

    response, entries = request_entries(
        client_a, reverse("people_sessions:attendance", args=[session.pk])
    )

    assert response.status_code == 200
    assert entries == []


def test_the_attendance_export_records_its_children(client_a, coordinator_a, class_session):
    url = reverse("people_sessions:export", args=[class_session.pk])

    response, entries = request_entries(client_a, url)

    assert response.status_code == 200
    entry = only_entry(entries, coordinator_a, action=AuditEntry.Action.EXPORT)
    assert entry.children_shown == 2


def test_the_door_check_in_of_a_childs_booking_records_the_child(
    client_a, coordinator_a, class_session
):
    booking = class_session.bookings.filter(child__isnull=False).first()
    url = reverse("enrollment:check_in", args=[booking.check_in_token])

    response, entries = request_entries(client_a, url)

    assert response.status_code == 200
    entry = only_entry(entries, coordinator_a)
    assert (entry.object_type, entry.object_id) == ("enrollment.booking", str(booking.pk))
    assert entry.children_shown == 1


def test_city_staff_reads_are_recorded_without_a_county(city_client, city_staff, people):
    _response, entries = request_entries(city_client, "/admin/people/children/")

    assert len(entries) == 1 and entries[0].actor == city_staff
    assert entries[0].county is None, "she saw every county"
    assert entries[0].children_shown == Child.objects.count() == 4
