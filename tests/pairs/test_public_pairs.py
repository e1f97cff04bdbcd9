"""A caring mother's page about a paired child: given name, age and needs; 404 for any child
she is not actively paired with, showing nothing about that child."""

from django.urls import reverse

import pytest

from pairs import services
from tests.makers import make_child, make_coordinator, make_guardian, make_mother, make_pair

pytestmark = pytest.mark.django_db

SECRETS = ("王小明", "幸福巷", "141102201501010011", "13900139000", "哮喘")


@pytest.fixture
def child(lishi):
    return make_child(
        county_obj=lishi,
        name="王小明",
        age=10,
        needs="数学作业辅导",
        address="离石区城北街道幸福巷8号",
        id_number="141102201501010011",
        guardian_phone="13900139000",
        special_needs="哮喘",
    )


def url(pair) -> str:
    return reverse("pairs:pair_detail", args=[pair.pk])


def assert_no_personal_data(html: str, child) -> None:
    for secret in (*SECRETS, child.date_of_birth.isoformat()):
        assert secret not in html, f"the page shows the child's {secret!r}"


def test_a_mother_sees_her_paired_childs_given_name_age_and_needs(client, home, lishi, child):
    mother = make_mother(lishi)
    pair = make_pair(mother, child)
    client.force_login(mother)

    response = client.get(url(pair))

    assert response.status_code == 200
    assert "小明" in response.text
    assert "数学作业辅导" in response.text
    assert response.context["paired"].age == 10
    assert_no_personal_data(response.text, child)


def test_a_mother_opening_a_child_she_is_not_paired_with_gets_404(client, home, lishi, child):
    pair = make_pair(make_mother(lishi), child)
    other_mother = make_mother(lishi)
    make_pair(other_mother, make_child(county_obj=lishi, name="李小花"))
    client.force_login(other_mother)

    response = client.get(url(pair))

    assert response.status_code == 404
    assert "小明" not in response.text
    assert_no_personal_data(response.text, child)


def test_an_ended_pair_is_no_longer_open_to_the_mother(client, home, lishi, child):
    mother = make_mother(lishi)
    pair = make_pair(mother, child)
    services.pair_end(actor=make_coordinator(lishi), pair=pair, reason="moved")
    client.force_login(mother)

    assert client.get(url(pair)).status_code == 404


def test_the_childs_guardian_does_not_open_pair_pages(client, home, lishi):
    guardian = make_guardian()
    own = make_child(guardian=guardian, county_obj=lishi, name="赵小雨")
    pair = make_pair(make_mother(lishi), own)
    client.force_login(guardian)

    assert client.get(url(pair)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, home, lishi, child):
    pair = make_pair(make_mother(lishi), child)

    response = client.get(url(pair))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
