"""The back office's visits: the ledger (county scope, filters, audited, fixed queries), the
overdue page per mother and per township (fixed queries, county filter for city staff), and
the coordinator's follow-up calls."""

import datetime as dt
import itertools
import uuid

from django.utils import timezone

import pytest

from pairs import services
from pairs.models import FollowUpCall, Pair, VisitKind
from people.models import AuditEntry
from tests.makers import make_child, make_mother, make_pair
from tests.support import assert_same_queries, queries_to_render

pytestmark = pytest.mark.usefixtures("in_english")

LEDGER = "/admin/people/visits/"
OVERDUE = "/admin/people/overdue/"
CALLS = "/admin/people/follow-ups/"
_n = itertools.count(1)


def paired(county, coordinator, *, township="城北街道", mother=None):
    mother = mother or make_mother(county, name=f"妈妈{next(_n)}")
    child = make_child(
        county_obj=county,
        name=f"王{next(_n)}明",
        township=township,
        date_of_birth=timezone.localdate() - dt.timedelta(days=3650 + 100),
    )
    pair = make_pair(mother, child, actor=coordinator)
    started_long_ago(pair)
    pair.refresh_from_db()
    return pair


def visit(pair, *, kind=VisitKind.HOME, days_ago=1, text="一起读绘本"):
    return services.visit_log(
        actor=pair.mother.user,
        pair=pair,
        visited_on=timezone.localdate() - dt.timedelta(days=days_ago),
        kind=kind,
        client_token=uuid.uuid4(),
        what_was_done=text,
    )


def started_long_ago(pair):
    Pair.objects.filter(pk=pair.pk).update(started_on=timezone.localdate() - dt.timedelta(days=90))


# Ledger -------------------------------------------------------------------------------------


def test_the_ledger_lists_her_countys_visits_only(client_a, county_a, county_b, coordinator_a):
    mine = visit(paired(county_a, coordinator_a))
    other = paired(county_b, None)
    visit(other, text="别县的记录")

    response = client_a.get(LEDGER)

    assert list(response.context["object_list"]) == [mine]
    assert AuditEntry.objects.filter(
        object_type="pairs.visit", action=AuditEntry.Action.VIEW, children_shown=1
    ).exists()


def test_the_ledger_filters_by_kind_and_month(client_a, county_a, coordinator_a):
    pair = paired(county_a, coordinator_a)
    started_long_ago(pair)
    home = visit(pair, days_ago=1)
    call = visit(pair, kind=VisitKind.CALL, days_ago=1)
    old = visit(pair, days_ago=45)

    by_kind = client_a.get(LEDGER, {"kind": "call"}).context["object_list"]
    month = old.visited_on.strftime("%Y-%m")
    by_month = client_a.get(LEDGER, {"month": month}).context["object_list"]

    assert list(by_kind) == [call]
    assert old in by_month and home not in by_month


def test_a_visit_of_another_county_is_not_found_and_the_attempt_audited(client_a, county_b):
    other = visit(paired(county_b, None))

    assert client_a.get(f"{LEDGER}inspect/{other.pk}/").status_code == 404
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DENIED).exists()


def test_opening_a_visit_shows_its_texts_and_is_audited(client_a, county_a, coordinator_a):
    mine = visit(paired(county_a, coordinator_a), text="一起读绘本")

    response = client_a.get(f"{LEDGER}inspect/{mine.pk}/")

    assert "一起读绘本" in response.text
    assert AuditEntry.objects.filter(
        object_type="pairs.visit", object_id=str(mine.pk), action=AuditEntry.Action.VIEW
    ).exists()


def test_the_ledger_takes_the_same_queries_for_few_and_many_visits(
    client_a, county_a, coordinator_a
):
    visit(paired(county_a, coordinator_a))
    small = queries_to_render(client_a, LEDGER)
    for kind in (VisitKind.CALL, VisitKind.SCHOOL, VisitKind.BIRTHDAY):
        visit(paired(county_a, coordinator_a, township=f"{kind}镇"), kind=kind)

    large = queries_to_render(client_a, LEDGER)

    assert_same_queries(small, large, "visits ledger")


# Overdue ------------------------------------------------------------------------------------


def test_the_overdue_page_groups_per_mother_and_per_township(client_a, county_a, coordinator_a):
    mother = make_mother(county_a, name="李秀兰")
    late_1 = paired(county_a, coordinator_a, mother=mother, township="城北街道")
    late_2 = paired(county_a, coordinator_a, mother=mother, township="信义镇")
    on_time = paired(county_a, coordinator_a, township="城北街道")
    for pair in (late_1, late_2, on_time):
        started_long_ago(pair)
    visit(on_time, days_ago=3)

    response = client_a.get(OVERDUE)

    by_mother = response.context["by_mother"]
    assert [(g.label, g.pairs) for g in by_mother] == [("李秀兰", 2)]
    assert sorted((g.label, g.pairs) for g in response.context["by_township"]) == [
        ("信义镇", 1),
        ("城北街道", 1),
    ]
    assert f"{CALLS}new/?mother={mother.volunteer.pk}" in response.text


def test_the_overdue_page_shows_only_her_county(client_a, county_a, county_b, coordinator_a):
    started_long_ago(paired(county_b, None))

    assert client_a.get(OVERDUE).context["by_mother"] == []


def test_city_staff_filter_the_overdue_page_by_county(city_client, county_a, county_b):
    started_long_ago(paired(county_a, None, mother=make_mother(county_a, name="甲")))
    started_long_ago(paired(county_b, None, mother=make_mother(county_b, name="乙")))

    everyone = city_client.get(OVERDUE).context["by_mother"]
    county_b_only = city_client.get(OVERDUE, {"county": county_b.pk}).context["by_mother"]

    assert sorted(g.label for g in everyone) == ["乙", "甲"]
    assert [g.label for g in county_b_only] == ["乙"]


def test_the_overdue_page_takes_the_same_queries_for_few_and_many_pairs(
    client_a, county_a, coordinator_a
):
    started_long_ago(paired(county_a, coordinator_a))
    small = queries_to_render(client_a, OVERDUE)
    for n in range(4):
        pair = paired(county_a, coordinator_a, township=f"镇{n}")
        started_long_ago(pair)
        services.concern_raise(actor=coordinator_a, pair=pair, kind="hardship")
        services.follow_up_call_record(
            actor=coordinator_a, mother=pair.mother, called_on=timezone.localdate()
        )

    large = queries_to_render(client_a, OVERDUE)

    assert_same_queries(small, large, "overdue visits page")


# Follow-up calls ----------------------------------------------------------------------------


def test_the_coordinator_records_a_follow_up_call(client_a, county_a, coordinator_a):
    mother = make_mother(county_a, name="李秀兰").volunteer
    form = client_a.get(f"{CALLS}new/?mother={mother.pk}").context["form"]
    assert form.initial["mother"] == str(mother.pk)

    response = client_a.post(
        f"{CALLS}new/",
        {"mother": mother.pk, "called_on": timezone.localdate().isoformat(), "note": "一切正常"},
    )

    assert response.status_code == 302
    call = FollowUpCall.objects.get()
    assert (call.mother, call.county_id, call.recorded_by) == (
        mother,
        county_a.pk,
        coordinator_a,
    )
    assert [c.note for c in client_a.get(CALLS).context["object_list"]] == ["一切正常"]


def test_a_call_to_another_countys_mother_cannot_be_posted(client_a, county_b):
    other = make_mother(county_b).volunteer

    response = client_a.post(
        f"{CALLS}new/", {"mother": other.pk, "called_on": timezone.localdate().isoformat()}
    )

    assert response.status_code == 200
    assert not FollowUpCall.objects.exists()


# Concerns -----------------------------------------------------------------------------------


def test_the_coordinator_raises_a_concern_and_sees_the_open_ones(
    client_a, county_a, county_b, coordinator_a
):
    pair = paired(county_a, coordinator_a)
    other = paired(county_b, None)
    form = client_a.get("/admin/people/concerns/new/").context["form"]
    assert list(form.fields["pair"].queryset) == [pair]

    client_a.post(
        "/admin/people/concerns/new/",
        {"pair": pair.pk, "kind": "family_change", "note": "父母离异"},
    )
    refused = client_a.post("/admin/people/concerns/new/", {"pair": other.pk, "kind": "hardship"})

    assert refused.status_code == 200
    listed = client_a.get("/admin/people/concerns/").context["object_list"]
    assert [(c.pair, c.kind, c.raised_by) for c in listed] == [
        (pair, "family_change", coordinator_a)
    ]
    visit(pair, days_ago=0)
    assert list(client_a.get("/admin/people/concerns/").context["object_list"]) == []


def test_the_concerns_and_calls_lists_take_the_same_queries_for_few_and_many(
    client_a, county_a, coordinator_a
):
    def one_more(kind):
        pair = paired(county_a, coordinator_a, township=f"{kind}镇")
        services.concern_raise(actor=coordinator_a, pair=pair, kind=kind)
        services.follow_up_call_record(
            actor=coordinator_a, mother=pair.mother, called_on=timezone.localdate(), note=kind
        )

    one_more("hardship")
    small = {url: queries_to_render(client_a, url) for url in ("/admin/people/concerns/", CALLS)}
    for kind in ("family_change", "hardship", "family_change"):
        one_more(kind)

    for url, queries in small.items():
        assert_same_queries(queries, queries_to_render(client_a, url), url)
