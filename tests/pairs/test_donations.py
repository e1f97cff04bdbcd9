"""社会捐赠: the services (county scope, values, gifts only of goods and to the county's
pairs, audit), the sums for the dashboard (one query, by county and period), the back office
(county scope, filters and totals, add / edit / delete, inspect with the gifts by first
name, fixed queries) and the Excel export."""

import datetime as dt
import itertools
from decimal import Decimal
from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import openpyxl
import pytest

from pairs import services
from pairs.models import Donation, DonationGift
from pairs.selectors.donations import donations_by_month, donations_total
from people.errors import DomainError
from people.models import AuditEntry
from tests.enrollment.attendance_support import at, training
from tests.makers import make_child, make_mother, make_pair
from tests.support import assert_same_queries, queries_to_render

pytestmark = pytest.mark.usefixtures("in_english")

LIST = "/admin/people/donations/"
_n = itertools.count(1)
DAY = dt.date(2026, 6, 1)


def donation(actor, county, *, kind=Donation.Kind.MONEY, value="100", day=DAY, **kwargs):
    return services.donation_record(
        actor=actor,
        donor=kwargs.pop("donor", f"捐赠方{next(_n)}"),
        donor_kind=kwargs.pop("donor_kind", Donation.DonorKind.COMPANY),
        date=day,
        kind=kind,
        value=Decimal(value),
        county=county,
        **kwargs,
    )


def a_pair(county, coordinator, child_name="张小雨"):
    mother = make_mother(county, name=f"妈妈{next(_n)}")
    return make_pair(mother, make_child(county_obj=county, name=child_name), actor=coordinator)


# Services -----------------------------------------------------------------------------------


def test_recording_a_donation_of_goods_with_gifts_is_audited(coordinator_a, county_a):
    pair = a_pair(county_a, coordinator_a)
    gift = services.GiftLine(pair, "书包", Decimal("80"))
    recorded = donation(coordinator_a, county_a, kind=Donation.Kind.GOODS, gifts=[gift])
    assert recorded.recorded_by == coordinator_a
    assert [(g.pair, g.what, g.value) for g in recorded.gifts.all()] == [
        (pair, "书包", Decimal("80"))
    ]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CREATE, object_type="pairs.donation")
    assert entry.county_id == county_a.pk


def test_a_coordinator_records_only_her_countys_donations(coordinator_a, county_b):
    with pytest.raises(DomainError) as refused:
        donation(coordinator_a, county_b)
    assert refused.value.field == "county"
    assert not Donation.objects.exists()


def test_a_negative_value_is_refused(coordinator_a, county_a):
    with pytest.raises(DomainError) as refused:
        donation(coordinator_a, county_a, value="-1")
    assert refused.value.field == "value"


def test_gifts_only_of_goods_and_only_to_the_countys_pairs(
    coordinator_a, coordinator_b, county_a, county_b, city_staff
):
    pair_a = a_pair(county_a, coordinator_a)
    pair_b = a_pair(county_b, coordinator_b)
    with pytest.raises(DomainError):
        donation(coordinator_a, county_a, gifts=[services.GiftLine(pair_a, "钱")])
    with pytest.raises(DomainError):
        donation(
            city_staff, county_a, kind=Donation.Kind.GOODS, gifts=[services.GiftLine(pair_b, "书")]
        )
    assert not DonationGift.objects.exists()


def test_update_keeps_or_replaces_the_gifts_and_delete_is_scoped(
    coordinator_a, coordinator_b, county_a
):
    pair = a_pair(county_a, coordinator_a)
    goods = donation(
        coordinator_a, county_a, kind=Donation.Kind.GOODS, gifts=[services.GiftLine(pair, "书")]
    )
    fields = {
        "donor": "吕梁市久久爱心公益协会",
        "donor_kind": Donation.DonorKind.ORGANISATION,
        "date": DAY,
        "kind": Donation.Kind.GOODS,
        "value": Decimal("500"),
        "county": county_a,
    }
    services.donation_update(actor=coordinator_a, donation=goods, **fields)
    goods.refresh_from_db()
    assert goods.value == Decimal("500") and goods.gifts.count() == 1
    services.donation_update(actor=coordinator_a, donation=goods, gifts=[], **fields)
    assert goods.gifts.count() == 0
    with pytest.raises(DomainError):
        services.donation_update(actor=coordinator_b, donation=goods, **fields)
    with pytest.raises(DomainError):
        services.donation_delete(actor=coordinator_b, donation=goods)
    services.donation_delete(actor=coordinator_a, donation=goods)
    assert not Donation.objects.exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DELETE).count() == 1


# The sums -----------------------------------------------------------------------------------


def test_donations_total_sums_by_kind_county_and_period_in_one_query(
    coordinator_a, coordinator_b, county_a, county_b, city_staff, editor
):
    donation(coordinator_a, county_a, value="100", day=dt.date(2026, 1, 5))
    donation(coordinator_a, county_a, value="50.50", day=dt.date(2026, 3, 1))
    donation(coordinator_a, county_a, kind=Donation.Kind.GOODS, value="300", day=DAY)
    donation(coordinator_b, county_b, value="1000", day=DAY)

    donations_total(city_staff)  # her roles, read once and kept on the user
    with CaptureQueriesContext(connection) as captured:
        everything = donations_total(city_staff)
    assert len(captured) == 1
    assert everything["money"] == {"count": 3, "value": Decimal("1150.50")}
    assert everything["goods"] == {"count": 1, "value": Decimal("300")}
    assert (everything["count"], everything["value"]) == (4, Decimal("1450.50"))

    mine = donations_total(coordinator_a)
    assert mine["value"] == Decimal("450.50"), "a coordinator sums her county only"
    assert donations_total(coordinator_a, county_id=county_b.pk)["count"] == 0
    assert donations_total(city_staff, county_id=county_b.pk)["value"] == Decimal("1000")
    spring = donations_total(city_staff, start=dt.date(2026, 2, 1), end=dt.date(2026, 6, 1))
    assert spring["money"] == {"count": 2, "value": Decimal("1050.50")}
    assert spring["goods"]["count"] == 1
    assert donations_total(editor) == {
        "money": {"count": 0, "value": Decimal("0")},
        "goods": {"count": 0, "value": Decimal("0")},
        "count": 0,
        "value": Decimal("0"),
    }


def test_donations_by_month_in_one_query(coordinator_a, coordinator_b, county_a, county_b):
    donation(coordinator_a, county_a, value="100", day=dt.date(2026, 1, 5))
    donation(coordinator_a, county_a, value="20", day=dt.date(2026, 1, 25))
    donation(coordinator_a, county_a, kind=Donation.Kind.GOODS, value="300", day=DAY)
    donation(coordinator_b, county_b, value="1000", day=dt.date(2026, 2, 1))
    donations_by_month(coordinator_a)  # her roles, read once and kept on the user
    with CaptureQueriesContext(connection) as captured:
        months = donations_by_month(coordinator_a, start=dt.date(2026, 1, 1))
    assert len(captured) == 1
    assert months == [
        {"month": dt.date(2026, 1, 1), "money": Decimal("120"), "goods": 0, "count": 2},
        {"month": dt.date(2026, 6, 1), "money": 0, "goods": Decimal("300"), "count": 1},
    ]


# Back office --------------------------------------------------------------------------------


def test_the_list_shows_her_countys_donations_and_the_filtered_totals(
    client_a, coordinator_a, coordinator_b, county_a, county_b
):
    donation(coordinator_a, county_a, donor="吕梁市久久爱心公益协会", value="100")
    donation(
        coordinator_a,
        county_a,
        donor="临县青塘粽子食品有限公司",
        kind=Donation.Kind.GOODS,
        value="300",
    )
    donation(coordinator_b, county_b, donor="别县的公司", value="999")
    page = client_a.get(LIST).content.decode()
    assert "吕梁市久久爱心公益协会" in page and "临县青塘粽子食品有限公司" in page
    assert "别县的公司" not in page
    assert "2 donations, 400.00 yuan" in page
    goods = client_a.get(LIST, {"kind": "goods"}).content.decode()
    assert "1 donations, 300.00 yuan" in goods and "吕梁市久久爱心公益协会" not in goods
    period = {"date_from": "2026-07-01", "date_to": "2026-12-31"}
    assert "0 donations, 0.00 yuan" in client_a.get(LIST, period).content.decode()


def test_the_list_runs_the_same_queries_for_few_and_many_donations(
    city_client, coordinator_a, coordinator_b, county_a, county_b
):
    donation(coordinator_a, county_a)
    small = queries_to_render(city_client, LIST)
    for i in range(6):
        donation(
            coordinator_b if i % 2 else coordinator_a,
            county_b if i % 2 else county_a,
            kind=Donation.Kind.GOODS if i % 3 else Donation.Kind.MONEY,
            value=str(10 * i),
            day=DAY - dt.timedelta(days=i),
        )
    assert_same_queries(small, queries_to_render(city_client, LIST), "donations list")


def test_add_edit_and_delete_through_the_back_office(client_a, coordinator_a, county_a):
    response = client_a.post(
        LIST + "new/",
        {
            "donor": "离石区贝亲好家政",
            "donor_kind": "company",
            "date": "2026-06-01",
            "kind": "goods",
            "value": "1200",
            "county": county_a.pk,
            "description": "冬衣",
        },
    )
    assert response.status_code == 302
    recorded = Donation.objects.get()
    assert recorded.recorded_by == coordinator_a
    negative = client_a.post(
        reverse("people_donations:edit", args=[recorded.pk]),
        {
            "donor": "离石区贝亲好家政",
            "donor_kind": "company",
            "date": "2026-06-01",
            "kind": "goods",
            "value": "-5",
            "county": county_a.pk,
        },
    )
    assert negative.status_code == 200 and negative.context["form"].errors
    confirm = client_a.get(reverse("people_donations:delete", args=[recorded.pk]))
    assert confirm.status_code == 200
    assert Donation.objects.exists(), "asking to delete only asks for confirmation"
    client_a.post(reverse("people_donations:delete", args=[recorded.pk]))
    assert not Donation.objects.exists()


def test_another_countys_donation_is_not_found(client_a, coordinator_b, county_b):
    theirs = donation(coordinator_b, county_b)
    for name in ("inspect", "edit", "delete"):
        assert (
            client_a.get(reverse(f"people_donations:{name}", args=[theirs.pk])).status_code == 404
        )


def test_inspect_shows_the_gifts_with_the_childs_first_name_only(client_a, coordinator_a, county_a):
    pair = a_pair(county_a, coordinator_a, child_name="张小雨")
    goods = donation(
        coordinator_a,
        county_a,
        kind=Donation.Kind.GOODS,
        gifts=[services.GiftLine(pair, "冬季校服", Decimal("150"))],
    )
    page = client_a.get(reverse("people_donations:inspect", args=[goods.pk])).content.decode()
    assert "冬季校服" in page and "小雨" in page
    assert "张小雨" not in page
    read = AuditEntry.objects.get(action=AuditEntry.Action.VIEW, object_type="pairs.donation")
    assert read.children_shown == 1


def test_the_donations_export_is_her_countys_and_audited(
    client_a, coordinator_a, coordinator_b, county_a, county_b
):
    donation(coordinator_a, county_a, donor="=HYPERLINK(1)", value="123.4")
    donation(coordinator_b, county_b, donor="别县的公司")
    response = client_a.get(reverse("people_ledgers:export", args=["donations"]))
    book = openpyxl.load_workbook(BytesIO(response.content), read_only=True)
    rows = [list(row) for row in book.active.iter_rows(values_only=True)]
    header = rows[0]
    assert len(rows) == 2, "her county's donation only"
    assert rows[1][header.index("捐赠方")].startswith("'="), "a formula is exported as text"
    assert rows[1][header.index("价值（元）")] == "123.40"
    assert rows[1][header.index("捐赠类型")] == "资金"
    export = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert export.children_shown is None, "no child in the donations ledger"


def test_goods_are_given_to_the_countys_pairs_and_taken_off_again(
    client_a, coordinator_a, coordinator_b, county_a, county_b
):
    pair = a_pair(county_a, coordinator_a, child_name="李思琪")
    theirs = a_pair(county_b, coordinator_b, child_name="王可欣")
    goods = donation(coordinator_a, county_a, kind=Donation.Kind.GOODS, value="900")
    url = reverse("people_donations:gifts", args=[goods.pk])
    form_page = client_a.get(url)
    choices = dict(form_page.context["form"].fields["pair"].choices)
    assert "思琪 · " + pair.mother.name in choices.values(), "the child by first name only"
    assert theirs.pk not in {getattr(key, "value", key) for key in choices}
    assert "李思琪" not in form_page.content.decode()

    response = client_a.post(url, {"pair": pair.pk, "what": "过冬棉被", "value": "200"})
    assert response.status_code == 302
    gift = goods.gifts.get()
    assert (gift.pair, gift.what, gift.value) == (pair, "过冬棉被", Decimal("200"))

    refused = client_a.post(url, {"pair": theirs.pk, "what": "书"})
    assert refused.status_code == 200 and goods.gifts.count() == 1

    client_a.post(url, {"remove": [gift.pk]})
    assert not goods.gifts.exists()


def test_money_is_not_given_to_pairs(coordinator_a, county_a):
    pair = a_pair(county_a, coordinator_a)
    money = donation(coordinator_a, county_a)
    with pytest.raises(DomainError):
        services.donation_gifts_edit(
            actor=coordinator_a, donation=money, add=[services.GiftLine(pair, "书")]
        )


def test_the_form_offers_her_countys_activities(client_a, county_a, county_b):
    ours, theirs = training([at(3)], county_a), training([at(3)], county_b)
    form = client_a.get(LIST + "new/").context["form"]
    sessions = set(form.fields["session"].queryset)
    assert ours.sessions.get() in sessions and theirs.sessions.get() not in sessions
    courses = {page.pk for page in form.fields["course"].queryset}
    assert ours.pk in courses and theirs.pk not in courses
    assert list(form.fields["county"].queryset) == [county_a]
