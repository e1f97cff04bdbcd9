"""/me/: her application's status, her children, her paired children (given name, age and
needs only), in a fixed number of queries."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

import pytest

from pairs import services as pair_services
from pairs.models import Pair
from people import services as people_services
from people.models import Child, Volunteer
from people.selectors.children import CHILDREN_PER_PAGE
from tests.makers import (
    county,
    make_applicant,
    make_child,
    make_coordinator,
    make_guardian,
    make_mother,
    make_pair,
    make_user,
)
from tests.support import assert_same_queries

pytestmark = pytest.mark.django_db

ME = reverse("people:me")


def test_me_needs_an_account(client, home):
    response = client.get(ME)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={ME}"


def test_the_header_links_my_account_to_me(client, home):
    client.force_login(make_user())

    html = client.get("/").text

    assert f'href="{ME}"' in html


def test_me_links_to_her_data_download_and_account_deletion(client, home):
    client.force_login(make_user())

    html = client.get(ME).text

    assert f'href="{reverse("account_data_export")}"' in html
    assert f'href="{reverse("account_delete")}"' in html


def test_a_new_member_sees_empty_states_and_an_invitation(client, home):
    client.force_login(make_user())

    response = client.get(ME)

    assert response.status_code == 200
    html = response.text
    assert html.count('class="empty-state"') == 2, "no empty state for application or children"
    assert f'href="{reverse("people:volunteer")}"' in html
    assert f'href="{reverse("people:child_add")}"' in html


def test_a_pending_applicant_sees_that_her_application_is_under_review(client, home, lishi):
    client.force_login(make_applicant(lishi))

    html = client.get(ME).text

    assert str(Volunteer.Status.SUBMITTED.label) in html or "已提交" in html
    assert "离石区" in html


def test_needs_info_shows_the_coordinators_message_and_a_link_to_update(client, home, lishi):
    user = make_applicant(lishi)
    people_services.volunteer_request_info(
        volunteer=user.volunteer, reviewer=make_coordinator(lishi), message="请补充可服务时间。"
    )
    client.force_login(user)

    html = client.get(ME).text

    assert "请补充可服务时间。" in html
    assert f'href="{reverse("people:volunteer_apply")}"' in html


def test_a_declined_applicant_sees_the_reason(client, home, lishi):
    user = make_applicant(lishi)
    people_services.volunteer_decline(
        volunteer=user.volunteer, reviewer=make_coordinator(lishi), reason="本县名额已满。"
    )
    client.force_login(user)

    html = client.get(ME).text

    assert "本县名额已满。" in html


def paired_children(response) -> list:
    """The children the pairs side's section of /me/ lists (``pairs.wagtail_hooks``)."""
    sections = [s for s in response.context["sections"] if s.template == "pairs/me_pairs.html"]
    return sections[0].context["paired_children"] if sections else []


def test_an_approved_mother_without_a_pair_is_told_one_will_come(client, home, lishi):
    client.force_login(make_mother(lishi))

    response = client.get(ME)

    assert paired_children(response) == []
    assert 'id="pairs-heading"' in response.text
    assert 'class="empty-state"' in response.text


def test_a_guardian_sees_her_children_with_links_to_edit_and_remove(client, home, lishi):
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=lishi, name="王小明", age=10)
    make_child(guardian=make_guardian(), county_obj=lishi, name="赵别人")
    client.force_login(guardian)

    html = client.get(ME).text

    assert "王小明" in html
    assert "赵别人" not in html, "another guardian's child is listed"
    assert "离石区" in html
    assert reverse("people:child_edit", args=[child.pk]) in html
    assert reverse("people:child_delete", args=[child.pk]) in html


def test_a_mother_sees_her_paired_child_by_given_name_age_and_needs_only(client, home, lishi):
    mother = make_mother(lishi)
    child = make_child(
        county_obj=lishi,
        name="王小明",
        age=10,
        needs="数学作业辅导",
        address="离石区城北街道幸福巷8号",
        id_number="141102201501010011",
        guardian_phone="13900139000",
        special_needs="哮喘",
    )
    pair = make_pair(mother, child)
    client.force_login(mother)

    html = client.get(ME).text

    assert "小明" in html
    assert "数学作业辅导" in html
    assert reverse("pairs:pair_detail", args=[pair.pk]) in html
    for secret in ("王小明", "幸福巷", "141102201501010011", "13900139000", "哮喘"):
        assert secret not in html, f"/me/ shows a paired child's {secret!r} to the mother"
    assert child.date_of_birth.isoformat() not in html


def test_ended_pairs_are_not_listed(client, home, lishi):
    mother = make_mother(lishi)
    pair = make_pair(mother, make_child(county_obj=lishi, name="王小明"))
    pair_services.pair_end(actor=make_coordinator(lishi), pair=pair, reason="moved")
    client.force_login(mother)

    assert paired_children(client.get(ME)) == []


def test_a_long_list_of_children_is_paginated(client, home, lishi):
    guardian = make_guardian()
    for n in range(CHILDREN_PER_PAGE + 1):
        make_child(guardian=guardian, county_obj=lishi, name=f"王孩{n:02d}")
    client.force_login(guardian)

    first = client.get(ME)
    second = client.get(ME, {"page": 2})

    assert len(first.context["my"].children.object_list) == CHILDREN_PER_PAGE
    assert len(second.context["my"].children.object_list) == 1
    assert 'rel="next"' in first.text


def _guardian_and_mother(county_obj, count: int):
    """One woman who is both a guardian of ``count`` children and a caring mother paired with
    ``count`` other children. Pairs beyond her offer are made directly (test data only)."""
    user = make_mother(county_obj)
    people_services.privacy_consent_give(user=user)
    staff = make_coordinator(county_obj)
    for n in range(count):
        make_child(guardian=user, county_obj=county_obj, name=f"王自家{n:02d}")
        child = make_child(county_obj=county_obj, name=f"李结对{n:02d}", needs=f"需求{n}")
        Pair.objects.create(
            mother=user.volunteer,
            child=child,
            county=county_obj,
            started_on=timezone.localdate() - dt.timedelta(days=n),
            created_by=staff,
        )
    return user


@pytest.mark.slow
def test_me_runs_the_same_queries_for_2_or_20_children_and_pairs(client, home, lishi):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(user) -> list[str]:
        client.force_login(user)
        client.get(ME)  # warm the site caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(ME)
        assert response.status_code == 200
        return [q["sql"] for q in captured.captured_queries]

    few_user = _guardian_and_mother(lishi, 2)
    many_user = _guardian_and_mother(county("wenshui", "文水县"), 20)
    few, many = queries(few_user), queries(many_user)

    assert len(paired_children(client.get(ME))) == 20
    assert Child.objects.filter(guardian=many_user).count() == 20
    assert_same_queries(few, many, "/me/")
