"""Ending a pair: the issue's reasons (other needs a text), the family told, and the child's
whole pair history on her back-office page."""

from django.core import mail
from django.urls import reverse
from django.utils import translation

import pytest

from pairs import services as pair_services
from pairs.models import Pair
from people import services as people_services
from people.errors import DomainError
from tests.makers import make_child, make_guardian, make_mother, make_pair

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def guardian(county_a):
    return make_guardian(county_a, name="王奶奶")


@pytest.fixture
def family_child(guardian, county_a):
    return make_child(guardian=guardian, county_obj=county_a, name="王小花")


@pytest.fixture
def family_pair(county_a, family_child, coordinator_a):
    return make_pair(make_mother(county_a, name="周妈妈"), family_child, actor=coordinator_a)


def test_the_end_reasons_are_the_issues_list():
    assert Pair.EndReason.values == [
        "over_age",
        "no_longer_eligible",
        "moved",
        "guardianship_changed",
        "mother_withdrew",
        "rematched",
        "other",
    ]


def test_the_end_reasons_read_in_chinese():
    with translation.override("zh-hans"):
        labels = [str(label) for label in Pair.EndReason.labels]

    assert labels[:5] == ["超龄", "不再留守", "户口迁移", "监护情况变化", "志愿者退出"]


def test_other_needs_a_text(family_pair, coordinator_a):
    with pytest.raises(DomainError) as error:
        pair_services.pair_end(actor=coordinator_a, pair=family_pair, reason="other", note=" ")
    assert error.value.field == "note"

    ended = pair_services.pair_end(
        actor=coordinator_a, pair=family_pair, reason="other", note="孩子随父母外出务工地读书"
    )
    assert (ended.end_reason, ended.end_note) == ("other", "孩子随父母外出务工地读书")


def test_the_end_form_shows_the_missing_text_on_the_note(client_a, family_pair):
    response = client_a.post(
        reverse("people_pairs:end", args=[family_pair.pk]),
        {"end_reason": "other", "ended_on": family_pair.started_on.isoformat(), "note": ""},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    family_pair.refresh_from_db()
    assert family_pair.status == Pair.Status.ACTIVE


def test_guardianship_changed_ends_a_pair_and_records_who(client_a, family_pair, coordinator_a):
    response = client_a.post(
        reverse("people_pairs:end", args=[family_pair.pk]),
        {"end_reason": "guardianship_changed", "ended_on": family_pair.started_on.isoformat()},
    )

    assert response.status_code == 302
    family_pair.refresh_from_db()
    assert (family_pair.end_reason, family_pair.ended_by) == ("guardianship_changed", coordinator_a)


def test_the_family_is_told_when_the_pair_ends(
    family_pair, coordinator_a, guardian, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pair_services.pair_end(actor=coordinator_a, pair=family_pair, reason="moved")

    assert [message.to for message in mail.outbox] == [[guardian.email]]
    body = mail.outbox[0].body
    assert "小花" in body and "周妈妈" in body and "Household registration moved" in body
    assert "王小花" not in body


def test_nobody_is_told_before_the_ending_commits(family_pair, coordinator_a):
    pair_services.pair_end(actor=coordinator_a, pair=family_pair, reason="moved")

    assert mail.outbox == []  # the test's transaction never commits


def test_a_ledger_child_without_an_account_tells_nobody(
    county_a, child_a, coordinator_a, django_capture_on_commit_callbacks
):
    pair = make_pair(make_mother(county_a), child_a, actor=coordinator_a)

    with django_capture_on_commit_callbacks(execute=True):
        pair_services.pair_end(actor=coordinator_a, pair=pair, reason="over_age")

    assert mail.outbox == []


def test_a_guardian_removing_her_childs_record_is_not_told_of_the_pair_ending(
    family_pair, family_child, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        people_services.child_anonymise(child=family_child)

    assert Pair.objects.get(pk=family_pair.pk).status == Pair.Status.ENDED
    assert mail.outbox == []


def test_the_childs_page_shows_her_whole_pair_history_across_counties(
    client_a, county_a, county_b, coordinator_b, coordinator_a
):
    child = make_child(county_obj=county_b, name="王小远", actor=coordinator_b)
    first = make_pair(make_mother(county_b, name="兴县妈妈"), child, actor=coordinator_b)
    pair_services.pair_end(actor=coordinator_b, pair=first, reason="moved")
    people_services.child_update(actor=coordinator_b, child=child, county=county_a)
    make_pair(make_mother(county_a, name="离石妈妈"), child, actor=coordinator_a)

    content = client_a.get(reverse("people_children:inspect", args=[child.pk])).content.decode()

    assert "Pair history" in content
    assert "兴县妈妈" in content and "兴县" in content
    assert "离石妈妈" in content
    assert "Household registration moved" in content


def test_an_unpaired_childs_page_links_to_suggest_a_mother(client_a, child_a):
    content = client_a.get(reverse("people_children:inspect", args=[child_a.pk])).content.decode()

    assert "This child has never been paired." in content
    assert reverse("people_waiting:suggest", args=[child_a.pk]) in content
