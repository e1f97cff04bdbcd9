"""Adding a child is no way to ask the register who is in it: the answer is the same whether
or not the county has a child of that name and date of birth (a ledger child whose family
never used the site included); the new record is marked as a possible duplicate for the
county's coordinator, who sees and filters the mark in the back office; and the form is
rate-limited."""

import datetime as dt
import re

from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from people import services
from people.models import Child
from tests.makers import make_child, make_guardian, signed_in

pytestmark = pytest.mark.django_db

ADD = reverse("people:child_add")
LIST = "/admin/people/children/"
BORN = timezone.localdate().replace(year=timezone.localdate().year - 9) - dt.timedelta(days=40)


def zh(msgid: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(msgid)


@pytest.fixture
def ledger_child(county_a, coordinator_a):
    """A child from the civil-affairs ledger: her family has no account."""
    return make_child(county_obj=county_a, name="张小雨", date_of_birth=BORN, actor=coordinator_a)


def child_data(county, born: dt.date) -> dict:
    return {
        "name": "张小雨",
        "gender": "girl",
        "date_of_birth": born.isoformat(),
        "county": county.pk,
        "township": "城北街道",
        "school_stage": "primary",
        "relationship": "grandparent",
        "needs": "",
        "special_needs": "",
    }


def add_as_new_guardian(client, data: dict):
    guardian = make_guardian(name="李芳")
    client.force_login(guardian)
    response = client.post(ADD, data, follow=True)
    client.logout()
    return guardian, response


def page_text(response, guardian) -> str:
    """The page, without what differs between any two people (tokens, ids, her address)."""
    text = response.content.decode()
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    text = re.sub(r"/children/\d+/", "/children/N/", text)
    return text.replace(guardian.email, "EMAIL")


def test_a_registered_and_an_unregistered_child_get_the_same_answer(
    client, home, county_a, ledger_child
):
    registered_guardian, registered = add_as_new_guardian(client, child_data(county_a, BORN))
    unregistered_guardian, unregistered = add_as_new_guardian(
        client, child_data(county_a, BORN + dt.timedelta(days=1))
    )

    assert registered.status_code == unregistered.status_code == 200
    assert registered.redirect_chain == unregistered.redirect_chain == [(reverse("people:me"), 302)]
    assert [t.name for t in registered.templates] == [t.name for t in unregistered.templates]
    assert [str(m) for m in registered.context["messages"]] == [
        str(m) for m in unregistered.context["messages"]
    ]
    assert page_text(registered, registered_guardian) == page_text(
        unregistered, unregistered_guardian
    ), "the page after adding must not tell whether the child was already registered"
    assert (
        zh("A child with this name and date of birth is already registered in this county.")[:6]
        not in registered.content.decode()
    )
    assert Child.objects.filter(guardian=registered_guardian).count() == 1


def test_the_child_is_saved_and_marked_as_a_possible_duplicate(
    client, home, county_a, ledger_child
):
    guardian, _response = add_as_new_guardian(client, child_data(county_a, BORN))
    _other, _response = add_as_new_guardian(client, child_data(county_a, BORN + dt.timedelta(1)))

    added = Child.objects.get(guardian=guardian)
    assert added.possible_duplicate_of == ledger_child
    assert Child.objects.filter(possible_duplicate_of__isnull=False).count() == 1, (
        "only the matching child is marked"
    )


def test_editing_a_child_into_a_registered_one_is_saved_and_marked(
    client, home, county_a, ledger_child
):
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=county_a, name="张小雪", date_of_birth=BORN)
    client.force_login(guardian)

    response = client.post(
        reverse("people:child_edit", args=[child.pk]), child_data(county_a, BORN)
    )

    assert response.status_code == 302
    child.refresh_from_db()
    assert child.name == "张小雨" and child.possible_duplicate_of == ledger_child

    services.child_update(actor=guardian, child=child, name="张小雪")
    child.refresh_from_db()
    assert child.possible_duplicate_of is None, "no longer the same: the mark goes"


def test_staff_edit_a_marked_record_and_its_original(coordinator_a, county_a, ledger_child):
    guardian = make_guardian()
    duplicate = make_child(
        guardian=guardian, county_obj=county_a, name="张小雨", date_of_birth=BORN
    )

    services.child_update(actor=coordinator_a, child=duplicate, township="凤山街道")
    services.child_update(actor=coordinator_a, child=ledger_child, township="凤山街道")

    duplicate.refresh_from_db()
    assert duplicate.possible_duplicate_of == ledger_child, "the mark waits for review"
    with pytest.raises(services.DomainError):
        make_child(county_obj=county_a, name="张小雨", date_of_birth=BORN, actor=coordinator_a)


def test_removing_the_original_clears_the_mark(county_a, ledger_child):
    guardian = make_guardian()
    original = make_child(guardian=guardian, county_obj=county_a, name="王小明", date_of_birth=BORN)
    duplicate = make_child(
        guardian=make_guardian(), county_obj=county_a, name="王小明", date_of_birth=BORN
    )
    assert duplicate.possible_duplicate_of == original

    services.child_delete_by_guardian(child=original, guardian=guardian)

    duplicate.refresh_from_db()
    assert duplicate.possible_duplicate_of is None


def test_the_coordinator_sees_and_filters_the_mark_in_her_county_only(
    client, client_a, coordinator_b, county_a, county_b, ledger_child
):
    duplicate = make_child(
        guardian=make_guardian(), county_obj=county_a, name="张小雨", date_of_birth=BORN
    )
    other_duplicate_source = make_child(county_obj=county_b, name="李小宇", date_of_birth=BORN)
    other_duplicate = make_child(
        guardian=make_guardian(), county_obj=county_b, name="李小宇", date_of_birth=BORN
    )
    assert other_duplicate.possible_duplicate_of == other_duplicate_source

    flagged = client_a.get(LIST, {"possible_duplicate": "true"})
    unflagged = client_a.get(LIST, {"possible_duplicate": "false"})

    assert list(flagged.context["object_list"]) == [duplicate]
    assert list(unflagged.context["object_list"]) == [ledger_child]
    html = client_a.get(LIST).content.decode()
    assert zh("Possible duplicate") in html
    assert zh("Check: same as record %(id)s?") % {"id": ledger_child.pk} in html

    client.logout()
    response = signed_in(client, coordinator_b).get(LIST, {"possible_duplicate": "true"})
    assert list(response.context["object_list"]) == [other_duplicate]


def test_the_marked_childs_page_names_the_record_to_compare(client_a, county_a, ledger_child):
    duplicate = make_child(
        guardian=make_guardian(), county_obj=county_a, name="张小雨", date_of_birth=BORN
    )

    html = client_a.get(f"{LIST}inspect/{duplicate.pk}/").content.decode()

    assert zh("possible duplicate of") in html.lower() or "疑似重复于" in html
    assert f"{ledger_child.pk}" in html and BORN.isoformat() in html


def test_the_form_is_rate_limited_per_person(client, home, county_a, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "child_form": "2/h/user"}
    guardian = make_guardian()
    client.force_login(guardian)

    for day in range(2):
        response = client.post(ADD, child_data(county_a, BORN + dt.timedelta(days=day)))
        assert response.status_code == 302
    refused = client.post(ADD, child_data(county_a, BORN + dt.timedelta(days=5)))

    assert refused.status_code == 429
    assert (
        zh(
            "You have sent this form too many times in a short while. Please try again in an "
            "hour; if you need help, contact your county's women's federation."
        )
        in refused.content.decode()
    )
    assert Child.objects.filter(guardian=guardian).count() == 2
    assert client.get(ADD).status_code == 200, "the form itself still opens"

    child = Child.objects.filter(guardian=guardian).first()
    edit = client.post(reverse("people:child_edit", args=[child.pk]), child_data(county_a, BORN))
    assert edit.status_code == 429, "editing counts too: it could probe the register as well"

    client.force_login(make_guardian())
    assert client.post(ADD, child_data(county_a, BORN)).status_code == 302, "per person"


def test_the_rate_comes_from_the_setting():
    assert (
        django_settings.ACCOUNT_RATE_LIMITS["child_form"] == django_settings.CHILD_FORM_RATE_LIMIT
    )
