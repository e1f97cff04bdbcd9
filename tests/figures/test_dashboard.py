"""The dashboard: who sees what, the filters, the links behind the figures, the charts with
their tables, and a fixed number of queries whatever the rows."""

from decimal import Decimal

from django.urls import reverse

import pytest

from pairs import services as pair_services
from tests import makers
from tests.figures.world import build_world
from tests.support import assert_same_queries, queries_to_render

pytestmark = pytest.mark.django_db
URL = "/admin/people/figures/"


@pytest.fixture
def world():
    return build_world()


def signed_in_as(client, user):
    return makers.signed_in(client, makers.with_totp(user))


def test_city_staff_see_every_county_the_comparison_and_the_charts(client, world):
    response = signed_in_as(client, world.staff).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "甲县" in html and "乙县" in html  # the comparison table and the bars by county
    assert html.count("pygal-chart") == 3 and "<script" not in html.split("figures-charts")[1]
    assert "figures-comparison" in html
    assert f"{reverse('people_pairs:index')}?status=active" in html


def test_a_coordinator_sees_her_county_only_and_links_keep_it(client, world):
    response = signed_in_as(client, world.coordinator_a).get(URL, {"county": world.b.pk})
    html = response.content.decode()
    assert "figures-comparison" not in html
    assert "乙县" not in html
    assert f"?county={world.a.pk}&amp;status=active" in html
    assert response.context["sections"][2].figures[2].value == 2  # her active pairs


def test_the_county_filter_and_a_month(client, world):
    month = f"{world.scope.end:%Y-%m}"
    response = signed_in_as(client, world.staff).get(
        URL, {"county": world.b.pk, "period": "month", "month": month}
    )
    pairs = response.context["sections"][2].figures
    assert pairs[2].value == 1  # county B's active pair
    assert response.context["comparison"] is None
    visits = response.context["sections"][4].figures[0]
    assert f"month={month}" in visits.url and f"county={world.b.pk}" in visits.url


def test_a_custom_range_counts_only_its_days(client, world):
    day = world.scope.end
    response = signed_in_as(client, world.staff).get(
        URL, {"period": "range", "start": day.isoformat(), "end": day.isoformat()}
    )
    started = response.context["sections"][2].figures[0]
    assert started.value == 0


def test_the_charts_are_tables_too(client, world):
    response = signed_in_as(client, world.staff).get(URL)
    by_county, _visits, funnel = response.context["charts"]
    assert dict(by_county.rows)["甲县"] == [5, 2]
    assert funnel.rows[0][1] == [2, 2, 1]  # basic: booked, attended, completed


def test_editors_see_nothing(client, world):
    response = signed_in_as(client, makers.make_editor()).get(URL)
    assert response.status_code == 302


def test_a_fixed_number_of_queries_whatever_the_rows(client, world):
    signed_in_as(client, world.staff)
    small = queries_to_render(client, URL)
    extra = makers.county("county-c", "丙县")
    for n in range(3):
        child = makers.make_child(county_obj=extra, name=f"丙{n}")
        makers.make_pair(makers.make_mother(extra), child, actor=world.staff)
    large = queries_to_render(client, URL)
    assert "丙县" in client.get(URL).content.decode()
    assert_same_queries(small, large, "the figures dashboard")


def test_the_charts_count_in_whole_numbers_and_draw_without_data(client, world):
    from figures.charts import bar_chart, whole_ticks

    assert whole_ticks({"a": [1, 2], "b": [0, 1]}, stacked=True) == [0, 1, 2, 3, 4]
    assert "x" in bar_chart("t", [], {}, stacked=True, no_data="x").svg


def test_the_donations_of_her_county_and_the_period_with_links_to_the_list(client, world):
    day = world.scope.end
    for county, value in ((world.a, "1200"), (world.b, "800")):
        pair_services.donation_record(
            actor=world.staff,
            donor="吕梁市久久爱心公益协会",
            donor_kind="organisation",
            date=day,
            kind="money",
            value=Decimal(value),
            county=county,
        )
    response = signed_in_as(client, world.coordinator_a).get(URL)
    donations = response.context["sections"][-1].figures
    assert donations[0].value == 1, "only her county's donation"
    assert "1,200" in donations[1].value
    assert f"county={world.a.pk}" in donations[1].url and "kind=money" in donations[1].url
    city = signed_in_as(client, world.staff).get(URL).context["sections"][-1].figures
    assert city[0].value == 2 and "2,000" in city[3].value
