"""QR check-in at the door: the booking page shows a QR code of the staff-only check-in URL;
the county's coordinator (or city staff) who opens it sees who it is and marks her present;
anyone else gets a 404."""

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

import pytest

from enrollment.qr import qr_svg
from people.models import AuditEntry
from tests.enrollment.attendance_support import at, book, training
from tests.makers import make_coordinator, make_mother, signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def booking(county_a):
    session = training([at(0, hour=0)], county_a).sessions.get()
    return book(session, make_mother(county_a, name="刘芳"))


def check_in_url(booking) -> str:
    return reverse("enrollment:check_in", args=[booking.check_in_token])


def test_the_coordinator_sees_who_it_is_and_marks_her_present(client, coordinator_a, booking):
    client = signed_in(client, coordinator_a)

    page = client.get(check_in_url(booking))
    assert page.status_code == 200
    assert "刘芳" in page.content.decode() and "Mark present" in page.content.decode()

    response = client.post(check_in_url(booking), {"attendance": "present"})

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.attendance == "present"
    assert "Already marked present" in client.get(check_in_url(booking)).content.decode()


def test_city_staff_check_in_any_county(client, city_staff, booking):
    signed_in(client, city_staff).post(check_in_url(booking))
    booking.refresh_from_db()
    assert booking.attendance == "present"


def test_another_countys_coordinator_gets_a_404_and_it_is_audited(
    client, coordinator_b, county_a, booking
):
    client = signed_in(client, coordinator_b)
    assert client.get(check_in_url(booking)).status_code == 404
    assert client.post(check_in_url(booking)).status_code == 404
    booking.refresh_from_db()
    assert booking.attendance == ""
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.DENIED, actor=coordinator_b, county=county_a
    ).exists()


def test_the_mother_herself_and_editors_get_a_404(client, editor, booking):
    for user in (booking.booker, editor):
        client.force_login(user)
        assert client.get(check_in_url(booking)).status_code == 404


def test_visitors_are_asked_to_sign_in(client, booking):
    response = client.get(check_in_url(booking))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_staff_without_two_step_verification_set_it_up_first(client, county_a, booking):
    client.force_login(make_coordinator(county_a))
    response = client.get(check_in_url(booking))
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")


def test_an_unknown_code_is_a_404(client, coordinator_a):
    url = reverse("enrollment:check_in", args=["00000000-0000-0000-0000-000000000000"])
    assert signed_in(client, coordinator_a).get(url).status_code == 404


def test_a_refused_mark_is_a_message_not_an_error(client, coordinator_a, county_a):
    session = training([at(3)], county_a).sessions.get()  # not today
    booking = book(session, make_mother(county_a))
    response = signed_in(client, coordinator_a).post(check_in_url(booking), follow=True)
    assert response.status_code == 200
    assert "day of the session" in response.content.decode()


def test_the_booking_page_shows_a_qr_code_of_the_check_in_address(booking):
    request = RequestFactory().get("/me/bookings/1/")
    html = render_to_string(
        "enrollment/bookings/check_in_code.html", {"booking": booking}, request=request
    )
    assert "<svg" in html and 'role="img"' in html and "<path" in html
    expected = qr_svg(f"http://testserver{check_in_url(booking)}", label="x")
    assert expected.split(">", 1)[1] in html, "the QR code does not encode the check-in URL"
