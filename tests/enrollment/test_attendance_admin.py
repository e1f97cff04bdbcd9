"""The attendance sheet in the back office (/admin/people/sessions/): the session list in the
county scope with a fixed number of queries, marking a whole sheet with one submit, another
county's session a 404 that is audited, the Excel export (audited when it lists children),
and who may not come in."""

from io import BytesIO

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from enrollment.models import Booking
from people.models import AuditEntry
from tests.enrollment.attendance_support import at, book, summer_class, training
from tests.makers import (
    make_child,
    make_coordinator,
    make_guardian,
    make_mother,
    signed_in,
)
from tests.support import assert_same_queries, queries_to_render

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def todays_session(county_a):
    return training([at(0, hour=0)], county_a).sessions.get()


def sheet_url(session) -> str:
    return reverse("people_sessions:attendance", args=[session.pk])


def test_the_attendance_sheet_lists_confirmed_people_with_a_choice_each(
    client, coordinator_a, county_a, todays_session
):
    mothers = [make_mother(county_a, name=name) for name in ("刘芳", "陈静")]
    for mother in mothers:
        book(todays_session, mother)

    response = signed_in(client, coordinator_a).get(sheet_url(todays_session))

    assert response.status_code == 200
    html = response.content.decode()
    assert "刘芳" in html and "陈静" in html
    assert html.count('type="radio"') == 2 * 3, "present / absent / excused for each person"


def test_one_submit_marks_the_whole_sheet(client, coordinator_a, county_a, todays_session):
    first, second = (book(todays_session, make_mother(county_a)) for _ in range(2))

    response = signed_in(client, coordinator_a).post(
        sheet_url(todays_session),
        {f"attendance-{first.pk}": "present", f"attendance-{second.pk}": "excused"},
    )

    assert response.status_code == 302
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.attendance, second.attendance) == ("present", "excused")


def test_a_child_on_a_class_sheet_shows_by_given_name_only(client, coordinator_a, county_a):
    session = summer_class(at(0, hour=0), county_a).sessions.get()
    guardian = make_guardian()
    book(session, guardian, child=make_child(guardian=guardian, county_obj=county_a, name="王小明"))

    html = signed_in(client, coordinator_a).get(sheet_url(session)).content.decode()

    assert "小明" in html and "王小明" not in html


def test_another_countys_session_is_a_404_and_the_attempt_is_audited(
    client, coordinator_b, county_a, todays_session
):
    response = signed_in(client, coordinator_b).get(sheet_url(todays_session))

    assert response.status_code == 404
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DENIED)
    assert entry.actor == coordinator_b and entry.object_id == str(todays_session.pk)
    assert entry.county == county_a


def test_city_staff_open_any_countys_sheet(city_client, todays_session):
    assert city_client.get(sheet_url(todays_session)).status_code == 200


def test_editors_have_no_attendance_pages(client, editor, todays_session):
    client = signed_in(client, editor)
    for url in (reverse("people_sessions:index"), sheet_url(todays_session)):
        response = client.get(url)
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_staff_without_two_step_verification_are_sent_to_set_it_up(
    client, county_a, todays_session
):
    client.force_login(make_coordinator(county_a))  # no authenticator
    response = client.get(sheet_url(todays_session))
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")


def test_the_session_list_shows_only_the_coordinators_county(
    client, coordinator_a, county_a, county_b
):
    training([at(1)], county_a, hours=2).sessions.get()
    other = training([at(1)], county_b).sessions.get()

    response = signed_in(client, coordinator_a).get(reverse("people_sessions:index"))

    rows = response.context["rows"]
    assert len(rows) == 1 and rows[0]["session"].venue.county == county_a
    assert sheet_url(other) not in response.content.decode()


def test_the_session_list_splits_upcoming_and_past(client, coordinator_a, county_a):
    upcoming = training([at(2)], county_a).sessions.get()
    past = training([at(-2)], county_a).sessions.get()
    client = signed_in(client, coordinator_a)
    index = reverse("people_sessions:index")

    assert [r["session"] for r in client.get(index).context["rows"]] == [upcoming]
    assert [r["session"] for r in client.get(index + "?when=recent").context["rows"]] == [past]


def test_the_session_list_keeps_a_fixed_number_of_queries(client, coordinator_a, county_a):
    client = signed_in(client, coordinator_a)
    url = reverse("people_sessions:index")
    training([at(1)], county_a)
    small = queries_to_render(client, url)
    for days in range(2, 12):
        session = training([at(days)], county_a).sessions.get()
        book(session, make_mother(county_a))
    large = queries_to_render(client, url)
    assert_same_queries(small, large, "attendance session list")


def test_the_sheet_keeps_a_fixed_number_of_queries(client, coordinator_a, county_a, todays_session):
    client = signed_in(client, coordinator_a)
    book(todays_session, make_mother(county_a))
    small = queries_to_render(client, sheet_url(todays_session))
    for _ in range(6):
        book(todays_session, make_mother(county_a))
    large = queries_to_render(client, sheet_url(todays_session))
    assert_same_queries(small, large, "attendance sheet")


def _rows(response) -> list[tuple]:
    workbook = load_workbook(BytesIO(response.content))
    return [tuple(row) for row in workbook.active.iter_rows(values_only=True)]


def test_the_export_is_an_excel_workbook_of_every_booking(client, coordinator_a, county_a):
    session = training([at(0, hour=0)], county_a, capacity=1).sessions.get()
    confirmed = book(session, make_mother(county_a, name="刘芳"))
    book(session, make_mother(county_a, name="陈静"))  # waiting
    confirmed.attendance = Booking.Attendance.PRESENT
    confirmed.save()

    response = signed_in(client, coordinator_a).get(
        reverse("people_sessions:export", args=[session.pk])
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    rows = _rows(response)
    people = [row for row in rows[4:] if row and row[0]]
    assert [(row[2], row[6], row[9]) for row in people] == [
        ("刘芳", "Confirmed", "Present"),
        ("陈静", "On the waiting list", None),
    ]
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists(), (
        "an export without children is not a child record export"
    )


def test_an_export_listing_children_is_audited(client, coordinator_a, county_a):
    session = summer_class(at(3), county_a).sessions.get()
    guardian = make_guardian()
    book(session, guardian, child=make_child(guardian=guardian, county_obj=county_a))

    response = signed_in(client, coordinator_a).get(
        reverse("people_sessions:export", args=[session.pk])
    )

    assert response.status_code == 200
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert entry.actor == coordinator_a and entry.county == county_a
    assert entry.object_id == str(session.pk)


def test_another_countys_export_is_a_404(client, coordinator_b, todays_session):
    response = signed_in(client, coordinator_b).get(
        reverse("people_sessions:export", args=[todays_session.pk])
    )
    assert response.status_code == 404


def test_the_attendance_menu_is_for_staff_only(client, coordinator_a, editor):
    url = reverse("people_sessions:index")
    assert (
        url in signed_in(client, coordinator_a).get(reverse("wagtailadmin_home")).content.decode()
    )
    client.logout()
    assert url not in signed_in(client, editor).get(reverse("wagtailadmin_home")).content.decode()
