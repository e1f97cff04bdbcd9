"""The pairing card (结对卡): printable on A6, with the mother's name and phone, the child's
given name only and the county federation's contact."""

from pathlib import Path

from django.conf import settings
from django.urls import reverse

import pytest

from pairs import services as pair_services
from people.models import AuditEntry
from tests.makers import make_mother, make_pair

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def pair_a(county_a, child_a, coordinator_a):
    county_a.contact_phone = "0358-8221234"
    county_a.contact_address = "离石区妇联，永宁中路 1 号"
    county_a.save()
    return make_pair(make_mother(county_a, name="周秀英"), child_a, actor=coordinator_a)


def card_url(pair) -> str:
    return reverse("people_pairs:card", args=[pair.pk])


def test_the_card_has_the_mother_the_childs_given_name_and_the_federations_contact(
    client_a, pair_a
):
    response = client_a.get(card_url(pair_a))

    assert response.status_code == 200
    content = response.content.decode()
    assert "周秀英" in content
    assert "138 0013 8000" in content
    assert "小明" in content
    assert "0358-8221234" in content and "永宁中路 1 号" in content
    assert "pairs/card.css" in content


def test_the_card_shows_nothing_more_of_the_child(client_a, pair_a, child_a):
    content = client_a.get(card_url(pair_a)).content.decode()

    assert "王小明" not in content, "the family name is not on the card"
    assert child_a.date_of_birth.isoformat() not in content
    assert str(child_a.birth_year) not in content
    assert "城北街道" not in content


def test_the_card_prints_on_a6():
    css = (Path(settings.BASE_DIR) / "pairs/static/pairs/card.css").read_text()
    assert "@page { size: A6;" in css
    assert "@media print" in css


def test_the_pairs_page_links_to_its_card_and_printing_it_is_audited(client_a, pair_a):
    inspect = client_a.get(reverse("people_pairs:inspect", args=[pair_a.pk])).content.decode()
    assert card_url(pair_a) in inspect and "Print card" in inspect

    client_a.get(card_url(pair_a))

    entry = AuditEntry.objects.latest("pk")
    assert (entry.action, entry.object_id) == (AuditEntry.Action.VIEW, str(pair_a.pk))


def test_another_countys_coordinator_gets_a_404(client, coordinator_b, pair_a):
    from tests.makers import signed_in

    signed_in(client, coordinator_b)

    assert client.get(card_url(pair_a)).status_code == 404


def test_an_ended_pair_has_no_card(client_a, pair_a, coordinator_a):
    pair_services.pair_end(actor=coordinator_a, pair=pair_a, reason="moved")

    assert client_a.get(card_url(pair_a)).status_code == 404


def test_the_countys_contact_is_edited_with_the_county(editor_client, county_a):
    url = reverse("wagtailsnippets_cms_county:edit", args=[county_a.pk])
    form = editor_client.get(url).context["form"]

    assert {"contact_phone", "contact_address"} <= set(form.fields)
