"""Certificates: a completed training has a printable certificate with the real completion
date, a verification code and a QR code; anyone can check the code at a public URL without
signing in; a wrong or forged code, or an unfinished training, is "not found"."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.urls import reverse

import pytest

from enrollment.models import Booking
from enrollment.selectors.certificates import certificate_by_code, certificate_code
from tests.enrollment.attendance_support import at, book, training
from tests.makers import make_mother

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def completed(lishi, mother):
    course = training([at(-10), at(-4)], lishi, required=2, hours=4)
    course.title = "家庭教育指导"
    course.save()
    for session in course.sessions.all():
        booking = book(session, mother)
        Booking.objects.filter(pk=booking.pk).update(attendance=Booking.Attendance.PRESENT)
    return course


def test_her_certificate_shows_her_name_the_training_the_real_date_and_a_code(
    client, mother, completed
):
    client.force_login(mother)
    response = client.get(reverse("enrollment:certificate", args=[completed.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "刘芳" in html and "家庭教育指导" in html
    assert at(-4).strftime("%Y") in html and str(at(-4).day) in html
    code = certificate_code(mother.volunteer.pk, completed.pk)
    assert code in html
    assert "<svg" in html, "the certificate carries a QR code of its verification page"
    # Print styles come from a stylesheet (the Content-Security-Policy refuses inline ones).
    assert "enrollment/certificate.css" in html, "the certificate's stylesheet is not linked"
    assert "@media print" in Path(finders.find("enrollment/certificate.css")).read_text()


def test_an_unfinished_training_has_no_certificate(client, lishi, mother):
    course = training([at(-4), at(3)], lishi, required=2)
    book(course.sessions.order_by("start").first(), mother)
    client.force_login(mother)
    assert client.get(reverse("enrollment:certificate", args=[course.pk])).status_code == 404


def test_another_mother_cannot_open_her_certificate(client, lishi, completed):
    client.force_login(make_mother(lishi))
    assert client.get(reverse("enrollment:certificate", args=[completed.pk])).status_code == 404


def test_anyone_can_verify_a_certificate_without_signing_in(client, mother, completed):
    code = certificate_code(mother.volunteer.pk, completed.pk)

    response = client.get(reverse("enrollment:certificate_verify", args=[code]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "刘芳" in html and "家庭教育指导" in html and "genuine" in html
    assert at(-4).strftime("%Y") in html


@pytest.mark.parametrize(
    "forge",
    [
        lambda code: code[:-1] + ("A" if code[-1] != "A" else "B"),  # tag changed
        lambda code: "9999-" + code.split("-", 1)[1],  # another mother's id
        lambda code: "not-a-code",
    ],
)
def test_a_forged_code_is_not_found(client, mother, completed, forge):
    code = forge(certificate_code(mother.volunteer.pk, completed.pk))
    response = client.get(reverse("enrollment:certificate_verify", args=[code]))
    assert response.status_code == 404
    assert "No certificate was found" in response.content.decode()


def test_the_code_is_stable_and_differs_per_training_and_mother(lishi, mother, completed):
    other = make_mother(lishi)
    code = certificate_code(mother.volunteer.pk, completed.pk)
    assert code == certificate_code(mother.volunteer.pk, completed.pk)
    assert code != certificate_code(other.volunteer.pk, completed.pk)
    assert code != certificate_code(mother.volunteer.pk, completed.pk + 1)
    assert certificate_by_code(code.lower()) is not None, "codes are read case-insensitively"


def test_a_code_for_a_training_not_completed_is_not_found(lishi, mother):
    course = training([at(-4)], lishi)
    assert certificate_by_code(certificate_code(mother.volunteer.pk, course.pk)) is None


def test_the_lookup_form_sends_to_the_codes_page(client, mother, completed):
    code = certificate_code(mother.volunteer.pk, completed.pk)
    response = client.get(reverse("enrollment:certificate_lookup"), {"code": f" {code} "})
    assert response.status_code == 302
    assert response.url == reverse("enrollment:certificate_verify", args=[code])
    assert client.get(reverse("enrollment:certificate_lookup")).status_code == 200


def test_a_deleted_accounts_certificate_is_no_longer_found(mother, completed):
    """Deleting the account keeps her bookings' record (stripped of her name) and works."""
    from people import services

    code = certificate_code(mother.volunteer.pk, completed.pk)

    services.account_delete(user=mother)

    assert certificate_by_code(code) is None


@pytest.mark.parametrize("code", ["a/b", "//evil.example/", "1-2-ABC/../x", "码" * 200])
def test_the_lookup_answers_not_found_to_what_cannot_be_a_code(client, db, code):
    client.raise_request_exception = False
    response = client.get(reverse("enrollment:certificate_lookup"), {"code": code})

    assert response.status_code == 404, f"{code!r}: answered {response.status_code}"
    assert "No certificate was found" in response.content.decode()
