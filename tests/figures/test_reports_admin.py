"""Reports in the back office: asking for one builds it (no broker: in the request), the job
page refreshes itself until done, the download is scoped and audited, the printable page,
who sees which reports, and the list's fixed number of queries."""

from datetime import date

import pytest

from figures.models import ReportJob
from people.models import AuditEntry
from tests import makers
from tests.figures.world import build_world
from tests.support import assert_same_queries, queries_to_render

pytestmark = pytest.mark.django_db
LIST = "/admin/people/reports/"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def world():
    return build_world()


def signed_in_as(client, user):
    return makers.signed_in(client, makers.with_totp(user))


def job(user, county, status=ReportJob.Status.QUEUED):
    return ReportJob.objects.create(
        user=user,
        county=county,
        kind="month",
        start=date(2026, 1, 1),
        end=date(2026, 1, 31),
        status=status,
    )


def test_a_coordinator_asks_for_her_report_and_downloads_it(
    client, world, django_capture_on_commit_callbacks
):
    client = signed_in_as(client, world.coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(LIST + "new/", {"kind": "month", "month": "2026-11"})
    report = ReportJob.objects.get()
    assert response.status_code == 302 and response.url == f"{LIST}{report.pk}/"
    assert (report.county, report.status) == (world.a, ReportJob.Status.DONE)
    page = client.get(response.url).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert f"{LIST}{report.pk}/download/" in page
    download = client.get(f"{LIST}{report.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.EXPORT, object_id=str(report.pk)
    ).exists()
    printable = client.get(f"{LIST}{report.pk}/print/").content.decode()
    assert "figures/report-print.css" in printable and "<table" in printable
    assert "style=" not in printable
    assert "指标" in printable and "爱心妈妈" in printable  # Chinese headers and titles
    assert "各县对比" not in printable  # a county's report has no comparison


def test_the_page_refreshes_itself_while_the_report_is_built(client, world):
    waiting = job(world.coordinator_a, world.a)
    page = signed_in_as(client, world.coordinator_a).get(f"{LIST}{waiting.pk}/").content.decode()
    assert 'http-equiv="refresh"' in page
    assert f"{LIST}{waiting.pk}/download/" not in page
    assert client.get(f"{LIST}{waiting.pk}/download/").status_code == 404


def test_a_coordinator_sees_only_her_countys_reports(client, world):
    own, other, city = job(world.staff, world.a), job(world.staff, world.b), job(world.staff, None)
    client = signed_in_as(client, world.coordinator_a)
    assert client.get(f"{LIST}{own.pk}/").status_code == 200
    assert client.get(f"{LIST}{other.pk}/").status_code == 404
    assert client.get(f"{LIST}{city.pk}/").status_code == 404
    page = client.get(LIST).content.decode()
    assert f"{LIST}{own.pk}/" in page
    assert f"{LIST}{other.pk}/" not in page and f"{LIST}{city.pk}/" not in page


def test_city_staff_ask_for_the_citys_report(client, world, django_capture_on_commit_callbacks):
    client = signed_in_as(client, world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(LIST + "new/", {"kind": "year", "year": "2026", "county": ""})
    report = ReportJob.objects.get()
    assert (report.county, report.start, report.end) == (None, date(2026, 1, 1), date(2026, 12, 31))
    assert report.status == ReportJob.Status.DONE
    printable = client.get(f"{LIST}{report.pk}/print/").content.decode()
    assert "各县对比" in printable and "合计" in printable


def test_the_list_has_a_fixed_number_of_queries(client, world):
    client = signed_in_as(client, world.staff)
    job(world.staff, world.a)
    small = queries_to_render(client, LIST)
    for n in range(6):
        job(
            world.coordinator_a if n % 2 else world.staff,
            world.b if n % 2 else None,
            status=ReportJob.Status.DONE if n % 3 else ReportJob.Status.FAILED,
        )
    large = queries_to_render(client, LIST)
    assert_same_queries(small, large, "reports list")


def test_a_monthly_report_needs_a_month(client, world):
    client = signed_in_as(client, world.coordinator_a)
    response = client.post(LIST + "new/", {"kind": "month", "month": "soon"})
    assert response.status_code == 200
    assert not ReportJob.objects.exists()


def test_a_coordinator_cannot_ask_for_another_countys_report(
    client, world, django_capture_on_commit_callbacks
):
    client = signed_in_as(client, world.coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(LIST + "new/", {"kind": "year", "year": "2026", "county": world.b.pk})
    assert ReportJob.objects.get().county == world.a  # the county field is not hers to choose
