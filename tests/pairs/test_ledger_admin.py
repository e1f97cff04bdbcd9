"""Ledgers in the back office (/admin/people/ledgers/): upload, preview, confirm, progress,
templates and exports, with the county scope, the audit and fixed query counts."""

import uuid
from io import BytesIO

from django.urls import reverse

import openpyxl
import pytest

from pairs import services as pair_services
from pairs.ledgers.kinds import IMPORTS
from pairs.models import Festival, ImportJob, VisitKind
from people.models import AuditEntry, Child
from tests.makers import make_child, make_coordinator, make_mother, make_pair
from tests.pairs.ledger_support import child_row, upload
from tests.support import assert_same_queries, queries_to_render

pytestmark = pytest.mark.usefixtures("in_english")

NEW = "/admin/people/ledgers/new/"
LIST = "/admin/people/ledgers/"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def sheet(response) -> list[list]:
    book = openpyxl.load_workbook(BytesIO(response.content), read_only=True)
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def test_upload_preview_confirm_and_import(client_a, county_a, django_capture_on_commit_callbacks):
    form = client_a.get(NEW).context["form"]
    assert "county" not in form.fields, "a coordinator imports into her own county"

    broken = [child_row("王一"), child_row("王二", 性别="?"), child_row("王三")]
    response = client_a.post(NEW, {"kind": "children", "file": upload("children", broken)})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("people_ledgers:confirm", args=[job.pk])
    page = client_a.get(response.url)
    assert [(e["row"], e["column"]) for e in page.context["job"].errors] == [(3, "性别")]
    assert b'type="submit"' not in page.content, "a file with errors offers no import"
    refused = client_a.post(response.url)
    assert refused.status_code == 200
    assert ImportJob.objects.get().status == "validated"
    assert not Child.objects.exists()

    fixed = [child_row("王一"), child_row("王二"), child_row("王三")]
    response = client_a.post(NEW, {"kind": "children", "file": upload("children", fixed)})
    job = ImportJob.objects.latest("pk")
    page = client_a.get(response.url)
    assert page.context["job"].created_count == 3
    assert not Child.objects.exists(), "nothing is imported before the confirmation"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(response.url)
    assert response.url == reverse("people_ledgers:inspect", args=[job.pk])
    job.refresh_from_db()
    assert (job.status, job.created_count, job.rows_done) == ("done", 3, 3)
    assert Child.objects.filter(county=county_a, source="ledger").count() == 3
    done = client_a.get(response.url)
    assert b'http-equiv="refresh"' not in done.content


def test_the_job_page_refreshes_itself_while_the_import_runs(client_a, county_a):
    job = ImportJob.objects.create(
        county=county_a, kind="children", file="imports/x.xlsx", total_rows=4000
    )
    job.status, job.rows_done = ImportJob.Status.RUNNING, 1000
    job.save()
    page = client_a.get(reverse("people_ledgers:inspect", args=[job.pk]))
    assert b'<meta http-equiv="refresh" content="2">' in page.content
    assert page.context["percent"] == 25


def test_a_confirmed_import_goes_to_the_celery_task(
    client_a, monkeypatch, django_capture_on_commit_callbacks
):
    from pairs import ledger_tasks

    sent = []
    monkeypatch.setattr(ledger_tasks.run_ledger_import, "delay", sent.append)
    client_a.post(NEW, {"kind": "children", "file": upload("children", [child_row()])})
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client_a.post(reverse("people_ledgers:confirm", args=[job.pk]))
    assert sent == [job.pk]
    assert ImportJob.objects.get().status == "queued"


def test_city_staff_choose_the_county(city_client, county_a, county_b):
    form = city_client.get(NEW).context["form"]
    assert set(form.fields["county"].queryset) == {county_a, county_b}
    city_client.post(
        NEW, {"kind": "children", "county": county_b.pk, "file": upload("children", [child_row()])}
    )
    assert ImportJob.objects.get().county == county_b


def test_a_file_that_is_not_a_workbook_is_an_error_on_the_form(client_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("children.xlsx", b"not a workbook")
    response = client_a.post(NEW, {"kind": "children", "file": bad})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("kind", list(IMPORTS))
def test_each_template_has_the_headers_and_an_example_row_that_passes_the_check(client_a, kind):
    response = client_a.get(reverse("people_ledgers:template", args=[kind]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = sheet(response)
    assert rows[0] == IMPORTS[kind].columns()
    assert len(rows) == 2
    if kind == "children":
        client_a.post(NEW, {"kind": kind, "file": response_upload(response, kind)})
        assert ImportJob.objects.get().errors == []


def response_upload(response, kind):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(f"{kind}.xlsx", response.content)


def test_the_childrens_export_is_her_countys_neutralised_and_audited(client_a, county_a, county_b):
    make_child(county_obj=county_a, name="王小明", needs="=1+2")
    make_child(county_obj=county_b, name="李小红")
    response = client_a.get(reverse("people_ledgers:export", args=["children"]))
    rows = sheet(response)
    assert rows[0][:3] == ["县（市、区）", "姓名", "性别"]
    assert [row[1] for row in rows[1:]] == ["王小明"]
    needs = rows[1][rows[0].index("需求")]
    assert needs.startswith("'="), "a formula is exported as text"
    assert rows[1][rows[0].index("是否结对")] == "否"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert (entry.object_type, entry.children_shown, entry.county_id) == (
        "people.child",
        1,
        county_a.pk,
    )


def test_city_staff_export_every_countys_pairs_with_the_county(city_client, county_a, county_b):
    for county_obj, name in ((county_a, "王小明"), (county_b, "李小红")):
        make_pair(make_mother(county_obj), make_child(county_obj=county_obj, name=name))
    rows = sheet(city_client.get(reverse("people_ledgers:export", args=["pairs"])))
    assert sorted((row[0], row[3]) for row in rows[1:]) == [
        ("兴县", "李小红"),
        ("离石区", "王小明"),
    ]
    assert rows[1][rows[0].index("状态")] == "结对中"
    assert AuditEntry.objects.get(action="export").children_shown == 2


def test_the_pairs_ledger_says_which_pairs_lack_a_safety_agreement_and_why_pairs_ended(
    client_a, county_a
):
    signed = make_pair(make_mother(county_a), make_child(county_obj=county_a, name="王小明"))
    pair_services.agreement_record(
        actor=make_coordinator(county_a),
        pair=signed,
        signed_on=signed.started_on,
        signed_by="王奶奶",
    )
    ended = make_pair(make_mother(county_a), make_child(county_obj=county_a, name="王小红"))
    pair_services.pair_end(
        actor=make_coordinator(county_a), pair=ended, reason="other", note="随父母外出务工"
    )
    rows = sheet(client_a.get(reverse("people_ledgers:export", args=["pairs"])))
    by_child = {row[rows[0].index("儿童姓名")]: row for row in rows[1:]}
    agreement, reason = rows[0].index("安全责任书"), rows[0].index("结束原因")
    assert (by_child["王小明"][agreement], by_child["王小明"][reason]) == ("已签", None)
    assert (by_child["王小红"][agreement], by_child["王小红"][reason]) == (
        "未签",
        "其他：随父母外出务工",
    )


def _visit(pair, kind=VisitKind.HOME, **fields):
    return pair_services.visit_log(
        actor=pair.mother.user,
        pair=pair,
        visited_on=pair.started_on,
        kind=kind,
        client_token=uuid.uuid4(),
        **fields,
    )


def _festival(day):
    return Festival.objects.get_or_create(date=day, defaults={"name": "六一"})[0]


def test_the_visits_ledger_is_her_countys_visits_with_what_the_mother_wrote_and_audited(
    client_a, county_a, county_b
):
    _visit(
        make_pair(make_mother(county_a), make_child(county_obj=county_a, name="王小明")),
        what_was_done="辅导作业",
        needs_noticed="=HYPERLINK(1)",
    )
    _visit(make_pair(make_mother(county_b), make_child(county_obj=county_b, name="李小红")))
    rows = sheet(client_a.get(reverse("people_ledgers:export", args=["visits"])))
    header = rows[0]
    assert [row[header.index("儿童姓名")] for row in rows[1:]] == ["王小明"]
    assert rows[1][header.index("走访方式")] == "入户走访"
    assert rows[1][header.index("走访内容")] == "辅导作业"
    assert rows[1][header.index("发现的需求")].startswith("'="), "a formula is exported as text"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert (entry.object_type, entry.children_shown) == ("pairs.visit", 1)


def test_the_needs_ledger_leaves_out_identity_and_guardian(client_a, county_a):
    make_child(county_obj=county_a, needs="作业辅导", id_number="14110220150302002X")
    rows = sheet(client_a.get(reverse("people_ledgers:export", args=["needs"])))
    assert "身份证号" not in rows[0] and "监护人电话" not in rows[0]
    assert rows[1][rows[0].index("需求")] == "作业辅导"


def _children(county_obj, count: int, start: int = 0) -> None:
    categories = [c for c, _label in Child.Category.choices]
    for n in range(start, start + count):
        child = make_child(
            county_obj=county_obj, name=f"王{n}号", category=categories[n % len(categories)]
        )
        if n % 2:
            pair = make_pair(make_mother(county_obj), child)
            _visit(pair, kind=VisitKind.FESTIVAL, festival=_festival(pair.started_on))


@pytest.mark.parametrize("kind", ["children", "pairs", "needs", "visits"])
def test_an_export_runs_the_same_queries_whatever_the_number_of_rows(
    city_client, county_a, county_b, kind
):
    url = reverse("people_ledgers:export", args=[kind])
    _children(county_a, 2)
    small = queries_to_render(city_client, url)
    _children(county_b, 6, start=2)
    large = queries_to_render(city_client, url)
    assert len(sheet(city_client.get(url))) > 4
    assert_same_queries(small, large, f"the {kind} export")


def test_the_imports_list_runs_the_same_queries_whatever_the_number_of_imports(
    city_client, county_a, county_b, coordinator_a, city_staff
):
    def jobs(county_obj, user, count):
        for n in range(count):
            ImportJob.objects.create(
                county=county_obj,
                user=user,
                kind=["children", "mothers", "pairs"][n % 3],
                file=f"imports/{n}.xlsx",
                original_name=f"{n}.xlsx",
                total_rows=n,
            )

    jobs(county_a, coordinator_a, 1)
    small = queries_to_render(city_client, LIST)
    jobs(county_b, city_staff, 6)
    large = queries_to_render(city_client, LIST)
    assert_same_queries(small, large, "the ledger imports list")


def test_a_coordinator_sees_only_her_countys_imports(client_a, county_a, county_b):
    mine = ImportJob.objects.create(county=county_a, kind="children", file="imports/a.xlsx")
    ImportJob.objects.create(county=county_b, kind="children", file="imports/b.xlsx")
    assert list(client_a.get(LIST).context["object_list"]) == [mine]
