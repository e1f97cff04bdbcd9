"""Importing the children's, mothers' and pairs' ledgers (pairs.services.ledgers): every row
checked first, errors by row and column in Chinese, nothing written before confirmation,
no duplicates on a second import, only into one's own county, audited."""

import os

from django.db import connection

import pytest

from pairs.models import ImportJob, Pair
from pairs.services.ledgers import (
    ledger_import_check,
    ledger_import_confirm,
    ledger_import_run,
)
from people.errors import DomainError
from people.fields import lookup_hash
from people.models import AuditEntry, Child, Volunteer
from tests.makers import county, make_child, make_city_staff, make_coordinator, make_mother
from tests.pairs.ledger_support import child_row, mother_row, pair_row, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def coordinator(lishi):
    return make_coordinator(lishi)


def check(actor, county_obj, kind, rows, **kwargs):
    return ledger_import_check(
        actor=actor, county=county_obj, kind=kind, upload=upload(kind, rows, **kwargs)
    )


def import_(actor, county_obj, kind, rows):
    job = check(actor, county_obj, kind, rows)
    assert job.errors == [], job.errors
    ledger_import_confirm(actor=actor, job=job)
    return ledger_import_run(job_id=job.pk)


def test_the_check_lists_errors_by_sheet_row_and_column_in_chinese_and_writes_nothing(
    coordinator, lishi
):
    rows = [
        child_row("王一"),
        child_row("王二", 出生日期="2015-13-45"),
        child_row("王三", 性别="未知"),
        child_row("王四", 学段=""),
        child_row("王五", age=20),
    ]
    job = check(coordinator, lishi, "children", rows)
    assert [(e["row"], e["column"]) for e in job.errors] == [
        (3, "出生日期"),
        (4, "性别"),
        (5, "学段"),
        (6, "出生日期"),
    ]
    assert job.errors[0]["message"] == "请填写日期，例如 2015-03-02。"
    assert job.errors[1]["message"].startswith("请填写以下之一：男、女")
    assert job.errors[2]["message"] == "此列必须填写。"
    assert "18" in job.errors[3]["message"]
    assert (job.status, job.total_rows, job.created_count) == ("validated", 5, 1)
    assert not Child.objects.exists()
    assert not job.file, "a file with errors is not kept: a corrected one will be uploaded"


def test_the_uploaded_file_is_kept_privately_until_it_is_imported(coordinator, lishi, settings):
    job = check(coordinator, lishi, "children", [child_row()])
    path = job.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT / "imports"))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    ledger_import_confirm(actor=coordinator, job=job)
    job = ledger_import_run(job_id=job.pk)
    assert not job.file
    assert not os.path.exists(path), "the imported workbook is deleted"


def test_running_an_import_twice_imports_once(coordinator, lishi):
    job = check(coordinator, lishi, "children", [child_row()])
    ledger_import_confirm(actor=coordinator, job=job)
    ledger_import_run(job_id=job.pk)
    again = ledger_import_run(job_id=job.pk)
    assert (again.status, again.created_count, Child.objects.count()) == ("done", 1, 1)


def test_a_file_with_errors_cannot_be_imported(coordinator, lishi):
    job = check(coordinator, lishi, "children", [child_row(性别="x")])
    with pytest.raises(DomainError):
        ledger_import_confirm(actor=coordinator, job=job)
    assert ImportJob.objects.get().status == "validated"


def test_children_are_created_encrypted_from_the_ledger_and_a_second_import_adds_none(
    coordinator, lishi
):
    rows = [child_row("王一"), child_row("王二", 身份证号="14110220150302002X")]
    job = import_(coordinator, lishi, "children", rows)
    assert (job.status, job.created_count, job.rows_done) == ("done", 2, 2)
    child = next(c for c in Child.objects.all() if c.name == "王二")
    assert child.source == Child.Source.LEDGER
    assert child.county == lishi
    assert child.category == Child.Category.LEFT_BEHIND
    assert child.gender == Child.Gender.GIRL
    assert child.guardian_phone == "+8613800138000"
    assert child.identity_hash == lookup_hash("王二", child.date_of_birth.isoformat())
    assert child.id_number_hash == lookup_hash("14110220150302002X")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, id_number FROM people_child WHERE id = %s", [child.pk])
        assert "王二" not in str(cursor.fetchone()), "the name is stored encrypted"

    again = import_(coordinator, lishi, "children", rows)
    assert (again.created_count, again.updated_count, again.skipped_count) == (0, 0, 2)
    assert Child.objects.count() == 2


def test_a_changed_row_updates_the_child_it_matches_by_name_and_birth_date(coordinator, lishi):
    existing = make_child(county_obj=lishi, name="王一", actor=coordinator)
    row = child_row("王一", 出生日期=existing.date_of_birth.isoformat(), 需求="心理陪伴")
    job = import_(coordinator, lishi, "children", [row])
    assert (job.created_count, job.updated_count) == (0, 1)
    existing.refresh_from_db()
    assert existing.needs == "心理陪伴"


def test_the_same_child_twice_in_a_file_is_an_error_on_the_later_row(coordinator, lishi):
    job = check(coordinator, lishi, "children", [child_row("王一"), child_row("王一")])
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "姓名")]
    assert "第 2 行" in job.errors[0]["message"] or "2" in job.errors[0]["message"]


def test_a_coordinator_imports_only_into_her_own_county(coordinator):
    other = county("wenshui", "文水县")
    with pytest.raises(DomainError):
        check(coordinator, other, "children", [child_row()])
    assert not ImportJob.objects.exists()


def test_a_row_of_another_county_is_refused(coordinator, lishi):
    job = check(coordinator, lishi, "children", [child_row(**{"县（市、区）": "文水县"})])
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "县（市、区）")]


def test_city_staff_import_into_the_county_they_choose(lishi):
    staff = make_city_staff()
    job = import_(staff, lishi, "children", [child_row()])
    assert Child.objects.get().county == lishi
    assert job.county == lishi


def test_a_file_without_the_required_columns_is_refused(coordinator, lishi):
    with pytest.raises(DomainError) as error:
        check(coordinator, lishi, "children", [{"姓名": "王一"}], columns=["姓名"])
    assert error.value.field == "file"
    assert "出生日期" in str(error.value.message)


def test_mothers_are_approved_without_an_account_and_matched_by_phone(coordinator, lishi):
    job = import_(coordinator, lishi, "mothers", [mother_row(), mother_row("赵敏", "13700137000")])
    assert job.created_count == 2
    mother = Volunteer.objects.get(phone="+8613900139000")
    assert (mother.user, mother.status, mother.county) == (None, "approved", lishi)
    assert (mother.sector, mother.max_children, mother.reviewed_by) == ("education", 2, coordinator)
    again = import_(coordinator, lishi, "mothers", [mother_row(可结对人数=3)])
    assert (again.created_count, again.updated_count) == (0, 1)
    assert Volunteer.objects.get(phone="+8613900139000").max_children == 3


def test_pairs_link_the_ledgers_mother_and_child_once(coordinator, lishi):
    child = child_row()
    import_(coordinator, lishi, "children", [child])
    import_(coordinator, lishi, "mothers", [mother_row()])
    job = import_(coordinator, lishi, "pairs", [pair_row(child)])
    pair = Pair.objects.get()
    assert (pair.mother.name, pair.child.name, str(pair.started_on)) == (
        "李红梅",
        "张小花",
        "2024-09-01",
    )
    assert (pair.county, pair.created_by, job.created_count) == (lishi, coordinator, 1)
    again = import_(coordinator, lishi, "pairs", [pair_row(child)])
    assert (again.created_count, again.skipped_count) == (0, 1)
    assert Pair.objects.count() == 1


def test_pair_rows_follow_the_pairing_rules(coordinator, lishi):
    children = [child_row("王一"), child_row("王二"), child_row("王三")]
    import_(coordinator, lishi, "children", children)
    mothers = [mother_row(可结对人数=1), mother_row("赵敏", "13700137000", 可结对人数=5)]
    import_(coordinator, lishi, "mothers", mothers)
    rows = [
        pair_row(children[0]),
        pair_row(children[1]),  # she offered one child
        pair_row(children[0], phone="13600136000"),  # no such mother; the child is taken
        pair_row(child_row("无此人"), phone="13700137000"),
        pair_row(children[2], phone="13700137000", 结对日期="2099-01-01"),
    ]
    job = check(coordinator, lishi, "pairs", rows)
    assert [(e["row"], e["column"]) for e in job.errors] == [
        (3, "爱心妈妈手机号"),
        (4, "爱心妈妈手机号"),
        (4, "儿童姓名"),
        (5, "儿童姓名"),
        (6, "结对日期"),
    ]


def test_every_check_and_import_is_audited_with_the_county_kind_and_rows(coordinator, lishi):
    import_(coordinator, lishi, "children", [child_row("王一"), child_row("王二")])
    entries = AuditEntry.objects.filter(object_type="pairs.importjob").order_by("at", "pk")
    assert [(e.action, e.county_id, e.children_shown, e.actor) for e in entries] == [
        ("view", lishi.pk, 2, coordinator),
        ("create", lishi.pk, 2, coordinator),
    ]
    assert entries[1].detail.startswith("imported children ledger: 2 rows, 2 created")


def test_a_mother_who_applied_on_the_site_keeps_what_she_wrote(coordinator, lishi):
    applied = make_mother(lishi, name="周妈妈").volunteer  # her phone: 13800138000
    job = import_(coordinator, lishi, "mothers", [mother_row("周某", "13800138000")])
    assert (job.created_count, job.updated_count, job.skipped_count) == (0, 0, 1)
    applied.refresh_from_db()
    assert applied.name == "周妈妈"


def test_the_import_task_is_known_to_celery():
    from cms.celery import app

    assert "pairs.run_ledger_import" in app.tasks


def test_a_chunk_the_database_refuses_is_rolled_back_and_not_counted(
    coordinator, lishi, monkeypatch
):
    from django.db import IntegrityError

    job = check(coordinator, lishi, "children", [child_row("王一"), child_row("王二")])
    ledger_import_confirm(actor=coordinator, job=job)

    def refuse(*args, **kwargs):
        raise IntegrityError("refused")

    monkeypatch.setattr(Child.objects, "bulk_create", refuse)
    job = ledger_import_run(job_id=job.pk)
    assert (job.status, job.rows_done, job.created_count) == ("done", 2, 0)
    assert job.errors and job.errors[0]["message"] == "文件无法导入。"
    assert not Child.objects.exists()
