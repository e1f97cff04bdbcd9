"""Volunteer applications in the back office (/admin/people/volunteers/): the county's list
and the coordinator's answers, through the services, with their errors shown."""

from django.contrib.auth.models import Group

import pytest

from people.models import Skill, Volunteer
from people.roles import MOTHER_GROUP
from tests.makers import make_applicant, make_child, make_mother, make_pair

pytestmark = pytest.mark.usefixtures("in_english")


LIST = "/admin/people/volunteers/"


def url(action, volunteer):
    return f"/admin/people/volunteers/{action}/{volunteer.pk}/"


@pytest.fixture
def applicant_a(county_a):
    user = make_applicant(county_a, name="陈爱华")
    user.volunteer.skills.set(
        [
            Skill.objects.get_or_create(name="心理咨询", defaults={"slug": "xinli"})[0],
            Skill.objects.get_or_create(name="作业辅导", defaults={"slug": "fudao"})[0],
        ]
    )
    return user.volunteer


@pytest.fixture
def applicant_b(county_b):
    return make_applicant(county_b, name="郭兴县").volunteer


def test_list_shows_her_countys_applicants_with_skills_and_capacity(
    client_a, applicant_a, applicant_b
):
    html = client_a.get(LIST).content.decode()

    assert "陈爱华" in html
    assert "心理咨询、作业辅导" in html
    assert "0 / 2" in html, "capacity: children paired / children offered"
    assert "郭兴县" not in html


def test_list_filters_by_status(client_a, county_a, applicant_a):
    make_mother(county_a, name="周妈妈")

    response = client_a.get(LIST, {"status": Volunteer.Status.APPROVED})

    names = [v.name for v in response.context["object_list"]]
    assert names == ["周妈妈"]


def test_application_page_offers_the_three_answers(client_a, applicant_a):
    html = client_a.get(url("inspect", applicant_a)).content.decode()

    for action in ("approve", "request_info", "decline"):
        assert url(action, applicant_a) in html


def test_approving_makes_her_a_caring_mother(client_a, coordinator_a, applicant_a):
    response = client_a.post(url("approve", applicant_a))

    assert response.status_code == 302
    applicant_a.refresh_from_db()
    assert applicant_a.status == Volunteer.Status.APPROVED
    assert applicant_a.reviewed_by == coordinator_a
    assert applicant_a.user.groups.filter(name=MOTHER_GROUP).exists()


def test_asking_for_information_needs_a_message(client_a, applicant_a):
    response = client_a.post(url("request_info", applicant_a), {"message": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["message"]
    applicant_a.refresh_from_db()
    assert applicant_a.status == Volunteer.Status.SUBMITTED


def test_asking_for_information_sends_the_application_back(client_a, applicant_a):
    client_a.post(url("request_info", applicant_a), {"message": "请补充工作单位"})

    applicant_a.refresh_from_db()
    assert applicant_a.status == Volunteer.Status.NEEDS_INFO
    assert applicant_a.status_message == "请补充工作单位"


def test_declining_records_the_reason(client_a, applicant_a):
    client_a.post(url("decline", applicant_a), {"reason": "本县名额已满"})

    applicant_a.refresh_from_db()
    assert applicant_a.status == Volunteer.Status.DECLINED
    assert applicant_a.status_message == "本县名额已满"


def test_a_refused_answer_shows_the_services_message(client_a, county_a, coordinator_a):
    mother = make_mother(county_a, name="周妈妈")
    make_pair(mother, make_child(county_obj=county_a), actor=coordinator_a)

    response = client_a.post(url("decline", mother.volunteer), {"reason": "不再合适"})

    assert response.status_code == 200
    assert "End this mother" in " ".join(response.context["form"].non_field_errors())
    mother.volunteer.refresh_from_db()
    assert mother.volunteer.status == Volunteer.Status.APPROVED


def test_an_answer_that_does_not_fit_the_status_is_not_offered(client_a, county_a):
    mother = make_mother(county_a).volunteer

    response = client_a.get(url("approve", mother))

    assert response.status_code == 302, "an approved mother cannot be approved again"
    assert url("approve", mother) not in client_a.get(url("inspect", mother)).content.decode()


def test_another_countys_application_cannot_be_answered(client_a, applicant_b):
    response = client_a.post(url("approve", applicant_b))

    assert response.status_code == 404
    applicant_b.refresh_from_db()
    assert applicant_b.status == Volunteer.Status.SUBMITTED


def test_city_staff_review_every_county(city_client, applicant_b):
    response = city_client.post(url("decline", applicant_b), {"reason": "信息不全"})

    assert response.status_code == 302
    applicant_b.refresh_from_db()
    assert applicant_b.status == Volunteer.Status.DECLINED
    assert not applicant_b.user.groups.filter(
        pk__in=Group.objects.filter(name=MOTHER_GROUP)
    ).exists()
