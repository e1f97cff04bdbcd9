"""Recruitment pages: /volunteer/ explains the programme, /volunteer/apply/ takes (and after a
request for more information, retakes) an application, and shows a settled one's status."""

from django.urls import reverse

import pytest

from people import services
from people.models import Skill, Volunteer
from tests.makers import make_applicant, make_coordinator, make_mother, make_user

pytestmark = pytest.mark.django_db

APPLY = reverse("people:volunteer_apply")


def application_data(county_obj, **overrides) -> dict:
    skills = Skill.objects.filter(slug__in=["counselling", "homework"])
    return {
        "name": "李红梅",
        "phone": "138 0013 8000",
        "county": county_obj.pk,
        "township": "城北街道",
        "sector": "court",
        "workplace": "离石区人民法院",
        "skills": [s.pk for s in skills],
        "max_children": "2",
        "availability": "周末",
    } | overrides


def test_the_recruitment_page_explains_the_programme_to_anyone(client, home):
    response = client.get(reverse("people:volunteer"))

    assert response.status_code == 200
    html = response.text
    assert "<h1>" in html
    signup = reverse("account_signup")
    assert f'href="{signup}?next=/volunteer/apply/"' in html, (
        "an anonymous visitor is not offered to sign up and come back to the form"
    )


def test_the_recruitment_page_offers_the_form_to_a_signed_in_woman(client, home):
    client.force_login(make_user())

    html = client.get(reverse("people:volunteer")).text

    assert f'href="{APPLY}"' in html


def test_an_anonymous_visitor_is_sent_to_sign_in_and_back_to_the_form(client, home):
    response = client.get(APPLY)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={APPLY}"


def test_the_form_starts_with_what_her_account_knows(client, home):
    user = make_user(name="李红梅", phone="+8613800138000")
    client.force_login(user)

    form = client.get(APPLY).context["form"]

    assert form.initial["name"] == "李红梅"
    assert form.initial["phone"] == "138 0013 8000"


def test_an_application_is_stored_normalised_and_she_is_sent_to_her_page(client, home, lishi):
    user = make_user()
    client.force_login(user)

    response = client.post(APPLY, application_data(lishi))

    assert response.status_code == 302, response.context["form"].errors
    assert response.url == reverse("people:me")
    volunteer = Volunteer.objects.get(user=user)
    assert volunteer.status == Volunteer.Status.SUBMITTED
    assert str(volunteer.phone) == "+8613800138000", "the phone number is not stored as E.164"
    assert volunteer.county == lishi
    assert volunteer.sector == "court"
    assert volunteer.max_children == 2
    assert {s.slug for s in volunteer.skills.all()} == {"counselling", "homework"}
    page = client.get(response.url).text
    assert "离石区" in page, "no message tells her where her application went"


@pytest.mark.parametrize("phone", ["12345", "010 6512 3456", "+1 202 555 0143"])
def test_a_number_that_is_not_a_mainland_mobile_is_refused(client, home, lishi, phone):
    client.force_login(make_user())

    response = client.post(APPLY, application_data(lishi, phone=phone))

    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert not Volunteer.objects.exists()


@pytest.mark.parametrize("max_children", ["0", "6", "lots"])
def test_she_can_offer_to_care_for_one_to_five_children_only(client, home, lishi, max_children):
    client.force_login(make_user())

    response = client.post(APPLY, application_data(lishi, max_children=max_children))

    assert "max_children" in response.context["form"].errors
    assert not Volunteer.objects.exists()


@pytest.mark.parametrize("status", [Volunteer.Status.SUBMITTED, Volunteer.Status.APPROVED])
def test_a_pending_or_approved_applicant_sees_her_status_not_the_form(client, home, status):
    user = make_applicant(status=status)
    client.force_login(user)

    response = client.get(APPLY)

    assert response.status_code == 200
    assert "form" not in response.context or response.context["form"] is None
    assert '<form method="post" class="stack-form' not in response.text
    assert Volunteer(status=status).get_status_display() in response.text


def test_a_pending_applicant_cannot_apply_twice_by_posting(client, home, lishi):
    user = make_applicant(lishi)
    client.force_login(user)

    client.post(APPLY, application_data(lishi, name="另一个名字"))

    volunteer = Volunteer.objects.get(user=user)
    assert volunteer.name != "另一个名字"
    assert Volunteer.objects.count() == 1


def test_after_a_request_for_information_she_edits_and_resubmits(client, home, lishi):
    user = make_applicant(lishi)
    volunteer = user.volunteer
    services.volunteer_request_info(
        volunteer=volunteer, reviewer=make_coordinator(lishi), message="请补充工作单位。"
    )
    client.force_login(user)

    page = client.get(APPLY)
    assert "请补充工作单位。" in page.text, "the coordinator's message is not shown"
    assert page.context["form"].initial["township"] == "城北街道", "her answers are not kept"

    response = client.post(APPLY, application_data(lishi, workplace="离石区第一中学"))

    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.SUBMITTED
    assert volunteer.workplace == "离石区第一中学"
    assert volunteer.status_message == ""


def test_a_mothers_status_page_links_to_her_page(client, home):
    client.force_login(make_mother())

    html = client.get(APPLY).text

    assert f'href="{reverse("people:me")}"' in html
