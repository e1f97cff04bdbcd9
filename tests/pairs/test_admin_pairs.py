"""Pairs in the back office (/admin/people/pairs/): pairing and ending through the services,
county scope, and no edit or delete of history."""

import datetime as dt

from django.utils import timezone

import pytest

from pairs.models import Pair
from tests.makers import make_child, make_mother, make_pair

pytestmark = pytest.mark.usefixtures("in_english")


LIST = "/admin/people/pairs/"
NEW = "/admin/people/pairs/new/"


@pytest.fixture
def mother_a(county_a):
    return make_mother(county_a, name="周妈妈").volunteer


@pytest.fixture
def pair_a(mother_a, child_a, coordinator_a):
    return make_pair(mother_a.user, child_a, actor=coordinator_a)


def test_coordinator_pairs_a_mother_with_a_child(client_a, coordinator_a, mother_a, child_a):
    today = timezone.localdate()

    response = client_a.post(
        NEW, {"mother": mother_a.pk, "child": child_a.pk, "started_on": today.isoformat()}
    )

    assert response.status_code == 302
    pair = Pair.objects.get()
    assert (pair.mother, pair.child, pair.status) == (mother_a, child_a, Pair.Status.ACTIVE)
    assert pair.created_by == coordinator_a


def test_the_form_offers_only_approved_mothers_and_unpaired_children_of_her_county(
    client_a, county_a, county_b, mother_a, pair_a
):
    free_child = make_child(county_obj=county_a, name="王小亮")
    make_child(county_obj=county_b, name="李小红")
    make_mother(county_b, name="兴县妈妈")

    form = client_a.get(NEW).context["form"]

    assert list(form.fields["mother"].queryset) == [mother_a]
    assert list(form.fields["child"].queryset) == [free_child]


def test_a_child_of_another_county_cannot_be_posted(client_a, mother_a, county_b):
    other = make_child(county_obj=county_b, name="李小红")

    response = client_a.post(
        NEW, {"mother": mother_a.pk, "child": other.pk, "started_on": "2025-01-01"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["child"]
    assert not Pair.objects.exists()


def test_a_mother_at_capacity_is_refused_with_the_services_message(client_a, county_a, mother_a):
    for name in ("王一", "王二"):
        make_pair(mother_a.user, make_child(county_obj=county_a, name=name))
    third = make_child(county_obj=county_a, name="王三")

    response = client_a.post(
        NEW,
        {"mother": mother_a.pk, "child": third.pk, "started_on": timezone.localdate().isoformat()},
    )

    assert response.status_code == 200
    assert "as many as she offered" in " ".join(response.context["form"].errors["mother"])
    assert not Pair.objects.filter(child=third).exists()


def test_a_pair_cannot_start_in_the_future(client_a, mother_a, child_a):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = client_a.post(
        NEW, {"mother": mother_a.pk, "child": child_a.pk, "started_on": tomorrow.isoformat()}
    )

    assert response.context["form"].errors["started_on"]


def test_ending_a_pair_keeps_it_as_history(client_a, coordinator_a, pair_a):
    today = timezone.localdate()

    response = client_a.post(
        f"/admin/people/pairs/end/{pair_a.pk}/",
        {"end_reason": Pair.EndReason.MOVED, "ended_on": today.isoformat(), "note": "随父母迁居"},
    )

    assert response.status_code == 302
    pair_a.refresh_from_db()
    assert pair_a.status == Pair.Status.ENDED
    assert (pair_a.end_reason, pair_a.end_note, pair_a.ended_on) == (
        Pair.EndReason.MOVED,
        "随父母迁居",
        today,
    )
    assert pair_a.ended_by == coordinator_a


def test_ending_before_the_start_shows_the_services_message(client_a, pair_a):
    before = pair_a.started_on - dt.timedelta(days=1)

    response = client_a.post(
        f"/admin/people/pairs/end/{pair_a.pk}/",
        {"end_reason": Pair.EndReason.MOVED, "ended_on": before.isoformat()},
    )

    assert response.context["form"].errors["ended_on"]
    pair_a.refresh_from_db()
    assert pair_a.status == Pair.Status.ACTIVE


def test_pairs_have_no_edit_and_no_delete(client_a, pair_a):
    for action in ("edit", "delete"):
        assert client_a.get(f"/admin/people/pairs/{action}/{pair_a.pk}/").status_code == 404


def test_another_countys_pair_is_404(client_a, county_b):
    other = make_pair(make_mother(county_b), make_child(county_obj=county_b, name="李小红"))

    assert client_a.get(f"/admin/people/pairs/inspect/{other.pk}/").status_code == 404
    assert client_a.post(f"/admin/people/pairs/end/{other.pk}/", {}).status_code == 404
    assert "李小红" not in client_a.get(LIST).content.decode()


def test_list_shows_child_and_mother(client_a, pair_a):
    html = client_a.get(LIST).content.decode()

    assert "王小明" in html and "周妈妈" in html
