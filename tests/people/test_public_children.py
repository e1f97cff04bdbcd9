"""A guardian's children: consent to the privacy notice first, then add, edit and remove
(anonymise) her own children, and nobody else's."""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

import pytest

from people.models import Child, PrivacyConsent
from tests.makers import make_child, make_guardian, make_user

pytestmark = pytest.mark.django_db

ADD = reverse("people:child_add")
CONSENT = reverse("people:privacy_consent")


def child_data(county_obj, **overrides) -> dict:
    today = timezone.localdate()
    return {
        "name": "张小雨",
        "gender": "girl",
        "date_of_birth": today.replace(year=today.year - 9).isoformat(),
        "county": county_obj.pk,
        "township": "城北街道",
        "school_stage": "primary",
        "relationship": "grandparent",
        "needs": "作业辅导",
        "special_needs": "",
    } | overrides


def test_without_consent_the_add_page_sends_her_to_the_privacy_notice(client, home):
    client.force_login(make_user())

    response = client.get(ADD)

    assert response.status_code == 302
    assert response.url == CONSENT


def test_without_consent_a_posted_child_is_not_stored(client, home, lishi):
    user = make_user()
    client.force_login(user)

    response = client.post(ADD, child_data(lishi))

    assert response.status_code == 302
    assert response.url == CONSENT
    assert not Child.objects.exists(), "a child was stored before the guardian consented"


def test_the_notice_shows_its_version_and_needs_the_box_ticked(client, home):
    user = make_user()
    client.force_login(user)

    page = client.get(CONSENT)
    assert settings.PRIVACY_NOTICE_VERSION in page.text
    refused = client.post(CONSENT, {})

    assert refused.status_code == 200
    assert "agree" in refused.context["form"].errors
    assert not PrivacyConsent.objects.filter(user=user).exists()


def test_consenting_records_who_and_which_version_then_opens_the_form(client, home):
    user = make_user()
    client.force_login(user)

    response = client.post(CONSENT, {"agree": "on"})

    assert response.status_code == 302
    assert response.url == ADD
    consent = PrivacyConsent.objects.get(user=user)
    assert consent.notice_version == settings.PRIVACY_NOTICE_VERSION
    assert consent.given_at is not None
    assert client.get(ADD).status_code == 200


def test_a_guardian_who_consented_adds_a_child(client, home, lishi):
    guardian = make_guardian()
    client.force_login(guardian)

    response = client.post(ADD, child_data(lishi))

    assert response.status_code == 302, response.context["form"].errors
    assert response.url == reverse("people:me")
    child = Child.objects.get()
    assert child.guardian == guardian
    assert child.name == "张小雨"
    assert child.county == lishi
    assert child.source == Child.Source.GUARDIAN
    assert child.consent.user == guardian
    assert "张小雨" in client.get(response.url).text


def test_a_guardian_who_was_booking_comes_back_to_the_booking(client, home, lishi):
    """From a class's booking page: the consent, the form, then back where she was."""
    booking = "/sessions/7/book/"
    client.force_login(make_user())

    to_consent = client.get(ADD, {"next": booking})
    assert to_consent.url == f"{CONSENT}?next=%2Fsessions%2F7%2Fbook%2F"
    assert f'name="next" value="{booking}"' in client.get(to_consent.url).text
    to_form = client.post(CONSENT, {"agree": "on", "next": booking})
    assert to_form.url == f"{ADD}?next=%2Fsessions%2F7%2Fbook%2F"
    assert f'name="next" value="{booking}"' in client.get(to_form.url).text
    saved = client.post(ADD, child_data(lishi) | {"next": booking})

    assert saved.status_code == 302, saved.context["form"].errors
    assert saved.url == booking
    assert Child.objects.get().name == "张小雨"


@pytest.mark.parametrize(
    "elsewhere", ["https://example.org/", "//example.org/x", "javascript:alert(1)"]
)
def test_she_is_never_sent_off_the_site_after_adding_a_child(client, home, lishi, elsewhere):
    client.force_login(make_guardian())

    saved = client.post(ADD, child_data(lishi) | {"next": elsewhere})

    assert saved.url == reverse("people:me")


def test_a_form_with_errors_opens_on_a_summary_that_links_to_each_field(client, home, lishi):
    """The summary takes the focus (autofocus, no JavaScript), is read out, and links to the
    field at fault; a group of choices is a fieldset tied to its errors by one id."""
    from bs4 import BeautifulSoup

    client.force_login(make_guardian())

    html = client.post(ADD, child_data(lishi, name="", gender="")).content.decode()
    soup = BeautifulSoup(html, "html.parser")

    summary = soup.find(class_="error-summary")
    assert summary["role"] == "alert" and summary.has_attr("autofocus")
    assert summary["tabindex"] == "-1"
    links = [a["href"] for a in summary.find_all("a")]
    assert "#id_name" in links and "#id_gender_fieldset" in links
    assert soup.find(id="id_name")["aria-describedby"].split()[-1] == "id_name_error"
    assert soup.find(id="id_name_error").find(class_="field__error") is not None
    gender = soup.find(id="id_gender_fieldset")
    assert gender.name == "fieldset" and gender["aria-describedby"] == "id_gender_error"
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), "an id is used twice"


def test_a_date_of_birth_in_the_future_is_refused_beside_the_field(client, home, lishi):
    client.force_login(make_guardian())
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = client.post(ADD, child_data(lishi, date_of_birth=tomorrow.isoformat()))

    assert response.status_code == 200
    assert "date_of_birth" in response.context["form"].errors
    assert not Child.objects.exists()


def test_a_child_over_the_age_limit_is_refused_beside_the_field(client, home, lishi):
    client.force_login(make_guardian())
    today = timezone.localdate()
    too_old = today.replace(year=today.year - settings.PROGRAM_MAX_CHILD_AGE - 1)

    response = client.post(ADD, child_data(lishi, date_of_birth=too_old.isoformat()))

    assert response.status_code == 200
    assert "date_of_birth" in response.context["form"].errors
    assert not Child.objects.exists()


def test_a_child_added_twice_is_kept_and_marked_for_the_coordinator(client, home, lishi):
    """Refusing would tell anyone who is registered (tests/enrollment/
    test_child_register_oracle.py); the coordinator reviews the mark instead."""
    guardian = make_guardian()
    client.force_login(guardian)
    client.post(ADD, child_data(lishi))

    response = client.post(ADD, child_data(lishi))

    assert response.status_code == 302
    first, second = Child.objects.order_by("pk")
    assert second.possible_duplicate_of == first


def test_the_edit_form_shows_her_childs_details_and_saves_changes(client, home, lishi):
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=lishi, name="王小明")
    client.force_login(guardian)
    url = reverse("people:child_edit", args=[child.pk])

    form = client.get(url).context["form"]
    assert form.initial["name"] == "王小明"
    assert form.initial["county"] == lishi.pk
    response = client.post(
        url,
        child_data(
            lishi,
            name="王小明",
            date_of_birth=child.date_of_birth.isoformat(),
            school_stage="junior",
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    child.refresh_from_db()
    assert child.school_stage == "junior"
    assert child.needs == "作业辅导"


def test_an_edit_to_a_future_date_of_birth_is_refused(client, home, lishi):
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=lishi)
    client.force_login(guardian)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = client.post(
        reverse("people:child_edit", args=[child.pk]),
        child_data(lishi, date_of_birth=tomorrow.isoformat()),
    )

    assert "date_of_birth" in response.context["form"].errors
    child.refresh_from_db()
    assert child.date_of_birth < timezone.localdate()


def test_removing_asks_first_and_says_the_record_is_anonymised(client, home, lishi):
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=lishi)
    client.force_login(guardian)
    url = reverse("people:child_delete", args=[child.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert "anonymised" in page.text or "匿名" in page.text
    child.refresh_from_db()
    assert child.anonymised_at is None, "opening the confirmation page removed the child"

    response = client.post(url)

    assert response.status_code == 302
    child.refresh_from_db()
    assert child.anonymised_at is not None
    assert not child.name
    assert child.county == lishi, "the anonymous count (county) was lost"
    me = client.get(reverse("people:me"))
    assert list(me.context["my"].children) == [], "the removed child is still listed"


@pytest.mark.parametrize("action", ["child_edit", "child_delete"])
def test_a_guardian_cannot_reach_another_guardians_child(client, home, lishi, action):
    child = make_child(guardian=make_guardian(), county_obj=lishi, name="王小明")
    client.force_login(make_guardian())
    url = reverse(f"people:{action}", args=[child.pk])

    assert client.get(url).status_code == 404
    response = client.post(url, child_data(lishi, name="改掉"))

    assert response.status_code == 404
    assert "王小明" not in response.text
    child.refresh_from_db()
    assert child.name == "王小明"
    assert child.anonymised_at is None


def test_a_removed_child_cannot_be_edited_again(client, home, lishi):
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=lishi)
    client.force_login(guardian)
    client.post(reverse("people:child_delete", args=[child.pk]))

    assert client.get(reverse("people:child_edit", args=[child.pk])).status_code == 404


@pytest.mark.parametrize("url_name", ["child_add", "privacy_consent"])
def test_children_pages_need_an_account(client, home, url_name):
    response = client.get(reverse(f"people:{url_name}"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
