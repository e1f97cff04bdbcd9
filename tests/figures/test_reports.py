"""Reports: the city's figures are the counties' summed, the workbook (sheets, Chinese
headers, no formula), the build runs once, and the scope of who may ask."""

import io
import re
from datetime import date

from django.utils import timezone, translation

import pytest
from openpyxl import load_workbook

from figures.models import ReportJob
from figures.reports.service import report_build, report_request
from figures.reports.tables import Table, report_tables
from figures.reports.workbook import report_workbook
from people.errors import DomainError
from tests import makers
from tests.figures.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def world():
    return build_world()


def numbers(tables):
    """Every count by (table, label), the label without the paired count it may carry."""
    return {
        (table.title, re.sub(r" \(paired: \d+\)", "", str(row[0]))): row[1]
        for table in tables
        for row in table.rows
        if isinstance(row[1], int)
    }


@translation.override("en")
def test_the_city_report_is_the_sum_of_the_counties_reports(world):
    start, end = world.scope.start, world.scope.end
    city = report_tables(world.staff, county_id=None, start=start, end=end)
    a = numbers(report_tables(world.staff, county_id=world.a.pk, start=start, end=end))
    b = numbers(report_tables(world.staff, county_id=world.b.pk, start=start, end=end))
    summed = numbers(city[:-1])
    assert summed[("Children", "Children on the register")] == 7
    assert summed[("Children", "Left-behind child")] == 5
    assert any(summed.values())
    for key, value in summed.items():
        assert value == a.get(key, 0) + b.get(key, 0), key
    comparison = city[-1]
    assert sorted(row[0] for row in comparison.rows[:-1]) == sorted([world.a.name, world.b.name])
    assert comparison.rows[-1][0] == "Total"
    for column in (1, 2, 4, 5, 6, 7, 8):
        assert comparison.rows[-1][column] == sum(row[column] for row in comparison.rows[:-1])


def test_a_county_report_has_no_comparison(world):
    tables = report_tables(
        world.staff, county_id=world.a.pk, start=date(2020, 1, 1), end=date(2030, 1, 1)
    )
    assert "Comparison between counties" not in [t.title for t in tables]


def test_the_workbook_has_a_sheet_per_table_and_no_formula():
    tables = [
        Table("Mothers", ["Figure", "Value"], [['=HYPERLINK("http://x")', 3]]),
        Table("Mothers", ["Figure", "Value"], [["Visits", 2]]),
    ]
    sheet_names = load_workbook(io.BytesIO(report_workbook("R", tables))).sheetnames
    assert sheet_names == ["Mothers", "Mothers 2"]
    sheet = load_workbook(io.BytesIO(report_workbook("R", tables)))["Mothers"]
    assert sheet["A3"].value == '\'=HYPERLINK("http://x")'
    assert sheet["B3"].value == 3


def test_the_workbook_headers_are_chinese(world, django_capture_on_commit_callbacks):
    with translation.override("zh-hans"), django_capture_on_commit_callbacks(execute=True):
        job = report_request(
            actor=world.staff, county_id=None, kind="month", start=timezone.localdate()
        )
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE
    with job.file.open("rb") as file:
        workbook = load_workbook(io.BytesIO(file.read()))
    assert len(workbook.sheetnames) == 7
    headers = [cell.value for cell in workbook.worksheets[0][2]]
    assert all(h and not h.isascii() for h in headers), headers


def test_the_task_run_twice_builds_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = report_request(
            actor=world.coordinator_a, county_id=None, kind="year", start=date(2026, 5, 3)
        )
    assert (job.county_id, job.start, job.end) == (world.a.pk, date(2026, 1, 1), date(2026, 12, 31))
    assert len(callbacks) == 1 and job.status == ReportJob.Status.QUEUED  # sent on commit
    from figures.tasks import build_report

    build_report.delay(job.pk)
    job.refresh_from_db()
    name = job.file.name
    assert job.status == ReportJob.Status.DONE and name.startswith("reports/")
    build_report.delay(job.pk)
    job.refresh_from_db()
    assert job.file.name == name
    assert report_build(job_id=job.pk).file.name == name


def test_a_coordinator_cannot_ask_for_another_county(world):
    with pytest.raises(DomainError):
        report_request(
            actor=world.coordinator_a, county_id=world.b.pk, kind="month", start=date(2026, 5, 1)
        )
    with pytest.raises(DomainError):
        report_request(
            actor=makers.make_editor(), county_id=None, kind="month", start=date(2026, 5, 1)
        )
    assert not ReportJob.objects.exists()
