"""People's rights: a person downloads her own data as JSON and deletes her own account."""

import json

from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

import pytest
from allauth.account.models import EmailAddress

from enrollment.models import Booking
from enrollment.selectors.certificates import certificate_code
from pairs.models import Pair
from people.models import AuditEntry, Child, User, Volunteer
from tests.enrollment.attendance_support import at, book, joined, summer_class, training
from tests.makers import (
    PASSWORD,
    county,
    make_child,
    make_coordinator,
    make_guardian,
    make_mother,
    make_pair,
    make_user,
)

pytestmark = pytest.mark.django_db


def zh(msgid: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(msgid)


def download(client) -> dict:
    response = client.get(reverse("account_data_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    return json.loads(response.content)


def test_the_download_needs_a_signed_in_person(client, home):
    response = client.get(reverse("account_data_export"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_guardian_downloads_her_account_consent_and_her_children_decrypted(client, home):
    guardian = make_guardian(name="李芳", phone="+8613800138000", phone_verified=True)
    make_child(guardian=guardian, name="王小明", needs="作业辅导")
    make_child(guardian=guardian, name="王小红", gender=Child.Gender.GIRL)
    client.force_login(guardian)

    data = download(client)

    assert data["account"]["name"] == "李芳"
    assert data["account"]["phone"] == "+8613800138000"
    assert data["email_addresses"] == [{"email": guardian.email, "verified": True, "primary": True}]
    assert [c["notice_version"] for c in data["privacy_consents"]] == ["2026-11"]
    assert sorted(c["name"] for c in data["children"]) == ["王小明", "王小红"]
    assert {c["needs"] for c in data["children"]} == {"作业辅导", None}
    assert data["volunteer_application"] is None
    assert not AuditEntry.objects.exists(), "her own data is not a staff read of a record"


def test_a_mother_downloads_her_application_and_pairs_with_the_child_s_first_name_only(
    client, home
):
    lishi = county()
    mother = make_mother(lishi)
    child = make_child(county_obj=lishi, name="张小军", actor=make_coordinator(lishi))
    make_pair(mother, child)
    client.force_login(mother)

    data = download(client)

    assert data["volunteer_application"]["county"] == lishi.name
    assert data["volunteer_application"]["status"] == zh("Approved")
    assert [p["child_first_name"] for p in data["pairs"]] == ["小军"]
    assert "张小军" not in json.dumps(data, ensure_ascii=False), "the child's full name leaked"
    assert data["children"] == []


def test_the_download_shows_no_one_else_s_data(client, home):
    lishi = county()
    make_child(guardian=make_guardian(), name="赵小燕")
    coordinator = make_coordinator(lishi)
    make_child(county_obj=lishi, name="钱小宝", actor=coordinator)
    client.force_login(coordinator)

    data = download(client)

    text = json.dumps(data, ensure_ascii=False)
    assert "赵小燕" not in text and "钱小宝" not in text
    assert data["children"] == [] and data["pairs"] == []


def test_the_download_costs_the_same_queries_with_many_children(client, home):
    guardian = make_guardian()
    make_child(guardian=guardian, name="王小明")
    client.force_login(guardian)
    with CaptureQueriesContext(connection) as one:
        download(client)
    for index, name in enumerate(["王小红", "王小刚", "王小丽"]):
        make_child(guardian=guardian, name=name, age=8 + index)

    with CaptureQueriesContext(connection) as four:
        download(client)

    assert len(four) == len(one), "\n".join(q["sql"] for q in four.captured_queries)


def test_the_delete_page_explains_what_happens_and_asks_for_her_password(client, home):
    guardian = make_guardian()
    make_child(guardian=guardian)
    client.force_login(guardian)

    response = client.get(reverse("account_delete"))

    assert response.status_code == 200
    assert '<main id="main"' in response.text
    assert zh("Deleting your account cannot be undone. This is what happens:") in response.text
    assert 'type="password"' in response.text
    assert User.objects.filter(pk=guardian.pk).exists()


def test_a_wrong_password_deletes_nothing(client, home):
    user = make_user()
    client.force_login(user)

    response = client.post(reverse("account_delete"), {"password": "wrong"})

    assert response.status_code == 200
    assert response.context["form"].errors["password"] == [zh("The password is not correct.")]
    assert User.objects.filter(pk=user.pk).exists()


def test_deleting_anonymises_her_children_ends_her_pairs_and_signs_her_out(client, home):
    lishi = county()
    guardian = make_guardian(phone="+8613800138000")
    child = make_child(guardian=guardian, county_obj=lishi, name="王小明")
    mother = make_mother(lishi)
    pair = make_pair(mother, child)
    client.force_login(guardian)

    response = client.post(reverse("account_delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert response.url == "/"
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(pk=guardian.pk).exists()
    assert not EmailAddress.objects.filter(email=guardian.email).exists()
    child.refresh_from_db()
    assert child.anonymised_at is not None and not child.name and child.guardian is None
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ENDED
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == [zh("Your account has been deleted. Thank you for caring for children.")]
    home_page = client.get("/")
    assert zh("Your account has been deleted. Thank you for caring for children.") in home_page.text


def test_a_mother_deleting_her_account_keeps_her_pairs_as_history_without_her_data(client, home):
    lishi = county()
    mother = make_mother(lishi, name="刘梅")
    pair = make_pair(mother, make_child(county_obj=lishi, actor=make_coordinator(lishi)))
    client.force_login(mother)

    client.post(reverse("account_delete"), {"password": PASSWORD})

    pair.refresh_from_db()
    volunteer = Volunteer.objects.get(pk=pair.mother_id)
    assert pair.status == Pair.Status.ENDED
    assert volunteer.user is None and volunteer.name != "刘梅"


def test_deleting_needs_a_post(client, home):
    user = make_user()
    client.force_login(user)

    client.get(reverse("account_delete"), {"password": PASSWORD})

    assert User.objects.filter(pk=user.pk).exists()


def test_a_person_without_a_password_confirms_with_allauth_s_reauthentication(client, home):
    user = make_user()
    user.set_unusable_password()
    user.save()
    client.force_login(user)

    page = client.get(reverse("account_delete"))
    response = client.post(reverse("account_delete"), {})

    assert page.status_code == 200 and 'type="password"' not in page.text
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert User.objects.filter(pk=user.pk).exists()


def _completed_training(lishi, mother, title: str, hour: int = 9):
    course = training([at(-10, hour), at(-4, hour)], lishi, required=2, hours=4)
    course.title = title
    course.save()
    for session in course.sessions.all():
        booking = book(session, mother)
        Booking.objects.filter(pk=booking.pk).update(attendance=Booking.Attendance.PRESENT)
    return course


def test_a_mother_downloads_her_bookings_attendance_and_certificates(client, home):
    lishi = county()
    mother = joined(make_mother(lishi, name="刘芳"), at(-60))
    course = _completed_training(lishi, mother, "家庭教育指导")
    upcoming = book(training([at(5)], lishi).sessions.get(), mother)
    client.force_login(mother)

    data = download(client)

    bookings = data["bookings"]
    assert len(bookings) == 3, f"her three bookings are not all there: {bookings}"
    assert [b["training_or_class"] for b in bookings[:2]] == ["家庭教育指导"] * 2
    assert [b["attendance"] for b in bookings] == [zh("Present"), zh("Present"), None]
    assert bookings[2]["start"] == upcoming.session.start.isoformat()
    assert all(b["history"] for b in bookings), "a booking's history is missing"
    [certificate] = data["training_certificates"]
    assert certificate["training"] == "家庭教育指导"
    assert certificate["verification_code"] == certificate_code(mother.volunteer.pk, course.pk)


def test_a_guardian_downloads_her_children_s_bookings(client, home):
    lishi = county()
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=lishi, name="王小明")
    book(summer_class(at(5), lishi).sessions.get(), guardian, child=child)
    client.force_login(guardian)

    [booking] = download(client)["bookings"]

    assert booking["child_first_name"] == "小明"
    assert booking["status"] == zh("Confirmed")
    assert "check_in_token" not in booking, "the door pass is not personal data to export"


def test_the_download_costs_the_same_queries_with_many_bookings_and_certificates(client, home):
    lishi = county()
    mother = joined(make_mother(lishi), at(-60))
    _completed_training(lishi, mother, "第一期")
    book(training([at(5)], lishi).sessions.get(), mother)
    client.force_login(mother)
    with CaptureQueriesContext(connection) as few:
        download(client)
    for n in range(3):
        _completed_training(lishi, mother, f"第{n + 2}期", hour=12 + 3 * n)
        book(training([at(6 + n)], lishi).sessions.get(), mother)

    with CaptureQueriesContext(connection) as many:
        data = download(client)

    assert len(data["bookings"]) == 12 and len(data["training_certificates"]) == 4
    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)
