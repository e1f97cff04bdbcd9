"""Every list of the people back office runs the same number of queries for 5 rows as for 30."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from people.audit import audit_record
from people.models import AuditEntry, Skill
from tests.makers import make_applicant, make_child, make_mother, make_pair
from tests.support import assert_same_queries


def add_children(county, start, count):
    for n in range(start, start + count):
        make_child(county_obj=county, name=f"王孩{n:03d}")


def add_volunteers(county, start, count):
    skills = list(Skill.objects.all()[:3])
    for _n in range(start, start + count):
        make_applicant(county).volunteer.skills.set(skills)


def add_pairs(county, start, count):
    for n in range(start, start + count):
        make_pair(make_mother(county), make_child(county_obj=county, name=f"李孩{n:03d}"))


def add_audit_entries(county, start, count):
    child = make_child(county_obj=county, name=f"赵孩{start:03d}")
    for _n in range(count):
        audit_record(actor=None, action=AuditEntry.Action.VIEW, obj=child)


LISTS = {
    "/admin/people/children/": add_children,
    "/admin/people/volunteers/": add_volunteers,
    "/admin/people/pairs/": add_pairs,
    "/admin/people/audit/": add_audit_entries,
}


def queries(client, url) -> tuple[list[str], int]:
    """The queries of one request of ``url`` (its audit entry included), and its rows."""
    client.get(url)  # warm caches (content types, site) out of the count
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries], len(
        response.context["object_list"]
    )


@pytest.mark.parametrize("url", list(LISTS))
def test_list_query_count_does_not_grow_with_rows(city_client, county_a, url):
    add = LISTS[url]
    add(county_a, 0, 5)
    few, few_rows = queries(city_client, url)
    add(county_a, 5, 25)
    many, many_rows = queries(city_client, url)

    assert few_rows < many_rows, f"{url}: {few_rows} rows, then {many_rows}: nothing was compared"
    assert_same_queries(few, many, url)
    assert len(many) <= 20, f"{url}: {len(many)} queries"
