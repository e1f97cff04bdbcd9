"""Matching in the back office: "suggest a mother" for a child, "children who need a mother"
for an approved mother, the waiting list (应结尽结), the family court case rule, the pairing
form prefilled from a suggestion."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

import pytest

from pairs import services as pair_services
from pairs.models import Pair
from people.models import AuditEntry, Child, Volunteer
from tests.makers import make_child, make_mother, make_pair
from tests.support import assert_same_queries, queries_to_render

pytestmark = pytest.mark.usefixtures("in_english")

WAITING = "/admin/people/waiting/"


def suggest_url(child) -> str:
    return reverse("people_waiting:suggest", args=[child.pk])


def for_mother_url(mother) -> str:
    return reverse("people_waiting:for_mother", args=[mother.pk])


def mother_in(county_obj, name, *, township="城北街道", sector="education") -> Volunteer:
    volunteer = make_mother(county_obj, name=name).volunteer
    Volunteer.objects.filter(pk=volunteer.pk).update(township=township, sector=sector)
    volunteer.refresh_from_db()
    return volunteer


def test_suggest_a_mother_ranks_the_countys_mothers_with_their_reasons(
    client_a, county_a, county_b, child_a
):
    mother_in(county_a, "远的妈妈", township="吴城镇")
    mother_in(county_a, "近的妈妈")
    mother_in(county_b, "别县的妈妈")

    response = client_a.get(suggest_url(child_a))

    assert response.status_code == 200
    suggestions = response.context["suggestions"]
    assert [s["mother"].name for s in suggestions] == ["近的妈妈", "远的妈妈"]
    page = response.content.decode()
    assert "Lives in the same township (城北街道)" in page
    assert "Pair with her" in page
    assert suggestions[0]["free"] == 2


def test_pair_with_her_opens_the_pairing_form_prefilled(client_a, county_a, child_a):
    mother = mother_in(county_a, "周妈妈")

    response = client_a.get(suggest_url(child_a))
    link = response.context["suggestions"][0]["pair_url"]
    form = client_a.get(link).context["form"]

    assert link == f"/admin/people/pairs/new/?child={child_a.pk}&mother={mother.pk}"
    assert form.initial["child"] == child_a.pk
    assert form.initial["mother"] == mother.pk
    assert not Pair.objects.exists(), "the coordinator still confirms"


def test_a_child_already_paired_gets_no_suggestion_but_her_mothers_name(
    client_a, county_a, child_a, coordinator_a
):
    mother = mother_in(county_a, "周妈妈")
    mother_in(county_a, "李妈妈")
    make_pair(mother.user, child_a, actor=coordinator_a)

    response = client_a.get(suggest_url(child_a))

    assert response.context["suggestions"] == []
    assert "This child already has a caring mother: 周妈妈." in response.content.decode()


def test_suggest_a_mother_is_audited_and_another_countys_child_is_a_404(
    client_a, county_b, child_a
):
    other = make_child(county_obj=county_b, name="李小红")

    assert client_a.get(suggest_url(child_a)).status_code == 200
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.VIEW).latest("pk")
    assert entry.object_id == str(child_a.pk) and entry.children_shown == 1

    assert client_a.get(suggest_url(other)).status_code == 404
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.DENIED, object_id=str(other.pk)
    ).exists()


def test_a_family_court_child_is_suggested_a_legal_sector_mother_first(
    client_a, county_a, coordinator_a
):
    child = make_child(county_obj=county_a, name="王小案", family_court_case=True)
    mother_in(county_a, "教育妈妈", sector="education")
    mother_in(county_a, "法院妈妈", sector="court")

    suggestions = client_a.get(suggest_url(child)).context["suggestions"]

    assert [s["mother"].name for s in suggestions] == ["法院妈妈", "教育妈妈"]
    assert "Legal sector, for a child of a family court case" in [
        str(reason) for reason in suggestions[0]["score"].reasons
    ]


def test_the_family_court_case_is_kept_in_the_back_office_child_form(client_a, child_a):
    form = client_a.get(reverse("people_children:edit", args=[child_a.pk])).context["form"]
    assert "family_court_case" in form.fields

    page = client_a.get(reverse("people_children:inspect", args=[child_a.pk])).content.decode()
    assert "child of a marriage or family court case" in page.lower()


def test_children_who_need_a_mother_most_suitable_first(client_a, county_a, county_b):
    mother = mother_in(county_a, "周妈妈", township="吴城镇")
    make_child(county_obj=county_a, name="王远远", township="城北街道")
    make_child(county_obj=county_a, name="王近近", township="吴城镇")
    make_child(county_obj=county_b, name="李别县", township="吴城镇")
    paired = make_child(county_obj=county_a, name="王有妈", township="吴城镇")
    make_pair(make_mother(county_a), paired)

    response = client_a.get(for_mother_url(mother))

    assert response.status_code == 200
    names = [s["child"].name for s in response.context["suggestions"]]
    assert names == ["王近近", "王远远"]
    assert "?child=" in response.context["suggestions"][0]["pair_url"]
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.VIEW).latest("pk")
    assert entry.children_shown == 2


def test_a_mother_at_her_limit_gets_no_child_suggested(client_a, county_a):
    mother = mother_in(county_a, "周妈妈")
    for name in ("王一", "王二"):
        make_pair(mother.user, make_child(county_obj=county_a, name=name))
    make_child(county_obj=county_a, name="王三")

    assert client_a.get(for_mother_url(mother)).context["suggestions"] == []


def test_her_volunteer_page_links_to_the_children_who_need_a_mother(client_a, county_a):
    mother = mother_in(county_a, "周妈妈")

    page = client_a.get(reverse("people_volunteers:inspect", args=[mother.pk])).content.decode()

    assert for_mother_url(mother) in page


def test_an_applicant_not_yet_approved_has_no_such_link_nor_page(client_a, county_a):
    from tests.makers import make_applicant

    applicant = make_applicant(county_a).volunteer

    page = client_a.get(reverse("people_volunteers:inspect", args=[applicant.pk])).content
    assert for_mother_url(applicant) not in page.decode()
    assert client_a.get(for_mother_url(applicant)).status_code == 404


def test_the_waiting_list_shows_unpaired_children_longest_waiting_first(
    client_a, county_a, county_b, coordinator_a
):
    today = timezone.localdate()
    old = make_child(county_obj=county_a, name="王老等")
    Child.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=300))
    rematch = make_child(county_obj=county_a, name="王再等")
    Child.objects.filter(pk=rematch.pk).update(created_at=timezone.now() - dt.timedelta(days=400))
    ended = make_pair(make_mother(county_a), rematch, actor=coordinator_a)
    Pair.objects.filter(pk=ended.pk).update(started_on=today - dt.timedelta(days=390))
    pair_services.pair_end(
        actor=coordinator_a,
        pair=ended,
        reason=Pair.EndReason.MOVED,
        ended_on=today - dt.timedelta(days=10),
    )
    new = make_child(county_obj=county_a, name="王新等")
    paired = make_child(county_obj=county_a, name="王有妈")
    make_pair(make_mother(county_a), paired, actor=coordinator_a)
    make_child(county_obj=county_b, name="李别县")

    response = client_a.get(WAITING)

    assert response.status_code == 200
    rows = list(response.context["object_list"])
    assert [child.name for child in rows] == ["王老等", "王再等", "王新等"]
    assert rows[1].waiting_since == today - dt.timedelta(days=10)
    assert suggest_url(new) in response.content.decode()
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.VIEW).latest("pk")
    assert entry.children_shown == 3


def test_city_staff_see_every_countys_waiting_children_and_can_filter(
    city_client, county_a, county_b
):
    make_child(county_obj=county_a, name="王甲")
    make_child(county_obj=county_b, name="李乙")

    everyone = city_client.get(WAITING).context["object_list"]
    filtered = city_client.get(WAITING, {"county": county_b.pk}).context["object_list"]

    assert sorted(child.name for child in everyone) == ["李乙", "王甲"]
    assert [child.name for child in filtered] == ["李乙"]


def test_the_waiting_list_runs_the_same_queries_whatever_its_length(client_a, county_a):
    def add(names, township):
        for name in names:
            child = make_child(county_obj=county_a, name=name, township=township)
            pair = make_pair(make_mother(county_a), child)
            pair_services.pair_end(actor=None, pair=pair, reason=Pair.EndReason.MOVED)

    add(["王一"], "城北街道")
    small = queries_to_render(client_a, WAITING)
    add(["王二", "王三", "王四", "王五"], "吴城镇")
    make_child(county_obj=county_a, name="王六", category=Child.Category.DISABLED)
    large = queries_to_render(client_a, WAITING)

    assert_same_queries(small, large, "the waiting list")


def test_the_suggestion_pages_run_the_same_queries_whatever_the_numbers(
    client_a, county_a, child_a
):
    from people.models import Skill

    mother = mother_in(county_a, "周妈妈")
    for_child, for_her = suggest_url(child_a), for_mother_url(mother)
    small = [queries_to_render(client_a, url) for url in (for_child, for_her)]
    for index, township in enumerate(["吴城镇", "城北街道", "信义乡"]):
        other = mother_in(county_a, f"妈妈{index}", township=township, sector="court")
        other.skills.add(Skill.objects.get(slug="homework"))
        make_child(county_obj=county_a, name=f"王{index}", township=township, needs="作业辅导")
    large = [queries_to_render(client_a, url) for url in (for_child, for_her)]

    assert len(client_a.get(for_child).context["suggestions"]) == 4
    assert len(client_a.get(for_her).context["suggestions"]) == 4
    assert_same_queries(small[0], large[0], "suggest a mother")
    assert_same_queries(small[1], large[1], "children who need a mother")
