"""A child who moves county: her active pair ends with reason "moved" and stays in the old
county's records; the new county's coordinator then sees her; only her county or city staff
may move her."""

import pytest

from pairs import services
from pairs.models import Pair
from people.errors import DomainError
from people.models import AuditEntry, Child
from tests.makers import make_child, make_mother, make_pair, signed_in

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def pair(county_a, coordinator_a):
    return make_pair(
        make_mother(county_a), make_child(county_obj=county_a, name="王小明"), actor=coordinator_a
    )


def test_moving_ends_her_pair_in_the_old_county_and_hands_her_to_the_new_one(
    client, pair, coordinator_a, coordinator_b, county_a, county_b
):
    services.child_move_county(actor=coordinator_a, child=pair.child, county=county_b)

    pair.refresh_from_db()
    assert (pair.status, pair.end_reason, pair.county) == ("ended", "moved", county_a)
    assert Child.objects.for_staff(coordinator_b).filter(pk=pair.child_id).exists()
    assert not Child.objects.for_staff(coordinator_a).filter(pk=pair.child_id).exists()
    assert Pair.objects.visible_to(coordinator_a).filter(pk=pair.pk).exists(), (
        "the old county's ledger keeps the ended pair"
    )
    assert AuditEntry.objects.filter(detail__startswith="moved county").exists()


def test_only_her_county_or_city_staff_move_her(pair, coordinator_b, city_staff, county_b):
    with pytest.raises(DomainError):
        services.child_move_county(actor=coordinator_b, child=pair.child, county=county_b)
    services.child_move_county(actor=city_staff, child=pair.child, county=county_b)
    assert Child.objects.get(pk=pair.child_id).county == county_b


def test_moving_to_her_own_county_is_refused(pair, coordinator_a, county_a):
    with pytest.raises(DomainError):
        services.child_move_county(actor=coordinator_a, child=pair.child, county=county_a)
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ACTIVE


def test_the_childs_page_offers_the_move_and_the_form_moves_her(client_a, pair, county_b):
    page = client_a.get(f"/admin/people/children/inspect/{pair.child_id}/")
    url = f"/admin/people/adjustments/move-child/{pair.child_id}/"
    assert url in page.text

    response = client_a.post(url, {"county": county_b.pk, "note": "随父母迁往兴县"})

    assert response.status_code == 302
    assert Child.objects.get(pk=pair.child_id).county == county_b


def test_another_countys_coordinator_cannot_open_the_move(client, pair, coordinator_b):
    signed_in(client, coordinator_b)

    assert client.get(f"/admin/people/adjustments/move-child/{pair.child_id}/").status_code == 404
