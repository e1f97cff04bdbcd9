"""三必访: logging a visit (who may, on what, idempotent on the form's token), concerns, and
the mother's pages: the visit form, her pair page, the visits due on /me/, her data."""

import datetime as dt
import json
import uuid

from django.urls import reverse
from django.utils import timezone

import pytest

from pairs import services
from pairs.models import Festival, PairConcern, Visit, VisitKind
from people.errors import DomainError
from people.models import AuditEntry
from tests.makers import make_child, make_coordinator, make_mother, make_pair

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def mother(lishi):
    return make_mother(lishi, name="李秀兰")


@pytest.fixture
def pair(mother, lishi):
    return make_pair(mother, make_child(county_obj=lishi, name="王小明", needs="数学作业辅导"))


def log(actor, pair, **fields):
    fields.setdefault("visited_on", TODAY())
    fields.setdefault("kind", VisitKind.HOME)
    fields.setdefault("client_token", uuid.uuid4())
    return services.visit_log(actor=actor, pair=pair, **fields)


# Service ------------------------------------------------------------------------------------


def test_the_mother_logs_a_visit_whose_texts_are_encrypted_at_rest(mother, pair):
    visit = log(mother, pair, what_was_done="一起做作业", needs_noticed="缺冬衣")

    assert visit.recorded_by == mother and visit.county_id == pair.county_id
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT what_was_done FROM pairs_visit WHERE id = %s", [visit.pk])
        (stored,) = cursor.fetchone()
    assert "作业" not in stored, "the visit's text is stored in clear"
    assert Visit.objects.get().needs_noticed == "缺冬衣"
    assert AuditEntry.objects.filter(object_type="pairs.visit", action="create").count() == 1


def test_saving_the_same_form_twice_creates_one_visit(mother, pair):
    token = uuid.uuid4()

    first = log(mother, pair, client_token=token, what_was_done="一次")
    second = log(mother, pair, client_token=token, what_was_done="一次")

    assert first.pk == second.pk
    assert Visit.objects.count() == 1


def test_a_coordinator_of_the_pairs_county_may_log_a_visit_but_not_another_county(
    pair, lishi, wenshui
):
    log(make_coordinator(lishi), pair)
    with pytest.raises(DomainError):
        log(make_coordinator(wenshui), pair)
    with pytest.raises(DomainError):
        log(make_mother(lishi), pair)
    assert Visit.objects.count() == 1


def test_no_visit_in_the_future_before_the_pair_or_on_an_ended_pair(mother, pair):
    with pytest.raises(DomainError) as future:
        log(mother, pair, visited_on=TODAY() + dt.timedelta(days=1))
    assert future.value.field == "visited_on"
    with pytest.raises(DomainError):
        log(mother, pair, visited_on=pair.started_on - dt.timedelta(days=1))
    services.pair_end(actor=make_coordinator(pair.county), pair=pair, reason="moved")
    with pytest.raises(DomainError):
        log(mother, pair)
    assert not Visit.objects.exists()


def test_a_festival_visit_names_its_festival(mother, pair):
    with pytest.raises(DomainError) as error:
        log(mother, pair, kind=VisitKind.FESTIVAL)
    assert error.value.field == "festival"
    festival = Festival.objects.create(name="重阳", date=TODAY() + dt.timedelta(days=3))
    assert log(mother, pair, kind=VisitKind.FESTIVAL, festival=festival).festival == festival


def test_a_concern_is_resolved_by_the_next_visit(mother, pair):
    concern = services.concern_raise(actor=mother, pair=pair, kind="hardship", note="父亲住院")
    again = services.concern_raise(actor=mother, pair=pair, kind="hardship")
    assert again.pk == concern.pk, "raising the same concern twice makes one"

    visit = log(mother, pair)

    concern.refresh_from_db()
    assert concern.resolved_at is not None and concern.resolved_by_visit == visit


def test_only_her_mother_or_her_coordinator_raise_a_concern(pair, lishi, wenshui):
    services.concern_raise(actor=make_coordinator(lishi), pair=pair, kind="family_change")
    with pytest.raises(DomainError):
        services.concern_raise(actor=make_coordinator(wenshui), pair=pair, kind="hardship")
    assert PairConcern.objects.count() == 1


# Her pages ----------------------------------------------------------------------------------


def visit_form(client, pair):
    response = client.get(reverse("pairs:visit_new", args=[pair.pk]))
    assert response.status_code == 200
    return response


def test_the_visit_form_defaults_to_today_and_a_fresh_token_each_time(client, home, mother, pair):
    client.force_login(mother)

    first, second = visit_form(client, pair), visit_form(client, pair)

    form = first.context["form"]
    assert f'type="date" name="visited_on" value="{TODAY().isoformat()}"' in first.text
    assert form["client_token"].initial != second.context["form"]["client_token"].initial
    assert 'type="radio"' in first.text and "visit-draft.js" in first.text
    assert "<script>" not in first.text, "no inline script (the site's CSP forbids it)"


def test_the_mother_saves_a_visit_and_sees_it_on_her_pair_page(client, home, mother, pair):
    client.force_login(mother)
    token = str(visit_form(client, pair).context["form"]["client_token"].initial)
    data = {
        "visited_on": TODAY().isoformat(),
        "kind": "home",
        "what_was_done": "一起读绘本",
        "client_token": token,
    }

    log(make_coordinator(pair.county), pair, what_was_done="协调员写的情况")
    response = client.post(reverse("pairs:visit_new", args=[pair.pk]), data, follow=True)
    client.post(reverse("pairs:visit_new", args=[pair.pk]), data)  # sent again

    assert response.redirect_chain[-1][0].startswith(reverse("pairs:pair_detail", args=[pair.pk]))
    assert "一起读绘本" in response.text
    assert "协调员写的情况" not in response.text, "she sees what staff wrote about the child"
    assert "data-visit-draft-saved" in response.text, "the page clears her draft"
    assert Visit.objects.filter(recorded_by=mother).count() == 1


def test_a_refused_visit_shows_the_reason_on_the_form(client, home, mother, pair):
    client.force_login(mother)
    data = {
        "visited_on": (TODAY() + dt.timedelta(days=2)).isoformat(),
        "kind": "call",
        "client_token": str(uuid.uuid4()),
    }

    response = client.post(reverse("pairs:visit_new", args=[pair.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors["visited_on"]
    assert not Visit.objects.exists()


def test_another_mother_cannot_open_or_post_the_visit_form(client, home, lishi, pair):
    client.force_login(make_mother(lishi))
    url = reverse("pairs:visit_new", args=[pair.pk])

    assert client.get(url).status_code == 404
    data = {"visited_on": TODAY().isoformat(), "kind": "home", "client_token": str(uuid.uuid4())}
    assert client.post(url, data).status_code == 404
    assert not Visit.objects.exists()


def test_the_mother_reports_a_hardship_and_a_visit_becomes_due(client, home, mother, pair):
    client.force_login(mother)

    client.post(
        reverse("pairs:concern_new", args=[pair.pk]), {"kind": "hardship", "note": "父亲住院"}
    )

    assert PairConcern.objects.get().raised_by == mother
    due = client.get(reverse("pairs:pair_detail", args=[pair.pk])).context["due"]
    assert [item.reason for item in due] == ["concern"]


def test_me_shows_the_visits_due_with_a_button_to_log_each(client, home, mother, pair):
    client.force_login(mother)
    Visit.objects.all().delete()
    pair.__class__.objects.filter(pk=pair.pk).update(started_on=TODAY() - dt.timedelta(weeks=5))

    response = client.get(reverse("people:me"))

    assert "visits-due-heading" in response.text
    assert reverse("pairs:visit_new", args=[pair.pk]) + "?kind=home" in response.text


def test_her_data_download_has_the_visits_and_concerns_she_wrote(client, home, mother, pair):
    log(mother, pair, what_was_done="一起读绘本")
    log(make_coordinator(pair.county), pair, what_was_done="协调员的记录")
    services.concern_raise(actor=mother, pair=pair, kind="family_change", note="父母离异")
    client.force_login(mother)

    data = json.loads(client.get(reverse("account_data_export")).content)

    assert [visit["what_was_done"] for visit in data["visits"]] == ["一起读绘本"]
    assert [concern["note"] for concern in data["concerns"]] == ["父母离异"]
