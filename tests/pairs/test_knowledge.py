"""三必清: the mother confirms on her pair's page under /me/ that she knows the child's family
situation, studies and daily life, with a short note; the coordinator reads it on the pair's
back-office page."""

from django.urls import reverse

import pytest

from pairs import services as pair_services
from pairs.models import PairKnowledge
from people.errors import DomainError
from tests.makers import make_child, make_mother, make_pair

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def mother(county_a):
    return make_mother(county_a, name="周妈妈")


@pytest.fixture
def pair_a(mother, child_a, coordinator_a):
    return make_pair(mother, child_a, actor=coordinator_a)


def page(pair) -> str:
    return reverse("pairs:pair_detail", args=[pair.pk])


def test_the_mother_confirms_a_topic_with_a_note_on_her_phone(client, mother, pair_a):
    client.force_login(mother)

    shown = client.get(page(pair_a)).content.decode()
    assert shown.count("I know this: confirm") == 3
    response = client.post(page(pair_a), {"topic": "study", "note": "数学跟不上，每周辅导一次"})

    assert response.status_code == 302
    record = PairKnowledge.objects.get(pair=pair_a)
    assert (record.topic, record.note, record.confirmed_by) == (
        "study",
        "数学跟不上，每周辅导一次",
        mother,
    )
    assert "Last confirmed on" in client.get(page(pair_a)).content.decode()


def test_confirming_again_updates_the_one_record_of_the_topic(mother, pair_a):
    first = pair_services.knowledge_confirm(actor=mother, pair=pair_a, topic="family", note="a")
    again = pair_services.knowledge_confirm(actor=mother, pair=pair_a, topic="family", note="b")

    assert PairKnowledge.objects.count() == 1
    assert again.pk == first.pk and again.note == "b"
    assert again.confirmed_at >= first.confirmed_at


def test_a_too_long_note_is_shown_on_her_form(client, mother, pair_a):
    client.force_login(mother)

    response = client.post(page(pair_a), {"topic": "life", "note": "很" * 501})

    assert response.status_code == 200
    forms = {item["known"].topic: item["form"] for item in response.context["topics"]}
    assert forms["life"].errors["note"]
    assert not PairKnowledge.objects.exists()


@pytest.mark.parametrize("who", ["another_mother", "coordinator"])
def test_only_the_pairs_own_mother_confirms(who, county_a, pair_a, coordinator_a):
    actor = make_mother(county_a) if who == "another_mother" else coordinator_a

    with pytest.raises(DomainError):
        pair_services.knowledge_confirm(actor=actor, pair=pair_a, topic="family")


def test_another_mother_cannot_post_to_the_pair(client, county_a, pair_a):
    other = make_mother(county_a)
    make_pair(other, make_child(county_obj=county_a, name="王小亮"))
    client.force_login(other)

    assert client.post(page(pair_a), {"topic": "family"}).status_code == 404
    assert not PairKnowledge.objects.exists()


def test_an_ended_pair_takes_no_confirmation(mother, pair_a, coordinator_a):
    pair_services.pair_end(actor=coordinator_a, pair=pair_a, reason="moved")
    pair_a.refresh_from_db()

    with pytest.raises(DomainError):
        pair_services.knowledge_confirm(actor=mother, pair=pair_a, topic="family")


def test_the_coordinator_reads_the_three_topics_on_the_pairs_page(client_a, mother, pair_a):
    pair_services.knowledge_confirm(actor=mother, pair=pair_a, topic="family", note="爷爷照顾")

    content = client_a.get(reverse("people_pairs:inspect", args=[pair_a.pk])).content.decode()

    assert "Family situation" in content and "爷爷照顾" in content
    assert content.count("Not confirmed yet") == 2


def test_the_note_is_encrypted_at_rest(mother, pair_a):
    from django.db import connection

    record = pair_services.knowledge_confirm(
        actor=mother, pair=pair_a, topic="family", note="父母离异"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM pairs_pairknowledge WHERE id = %s", [record.pk])
        assert "父母离异" not in str(cursor.fetchone()[0])


def test_her_data_download_has_the_notes_she_wrote(client, mother, pair_a):
    import json

    pair_services.knowledge_confirm(actor=mother, pair=pair_a, topic="life", note="住校，周末回家")
    client.force_login(mother)

    data = json.loads(client.get(reverse("account_data_export")).content)

    [pair] = data["pairs"]
    assert [(k["topic"], k["note"]) for k in pair["must_know"]] == [
        ("Daily life and problems", "住校，周末回家")
    ]
