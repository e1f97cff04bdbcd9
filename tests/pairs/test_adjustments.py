"""动态管理: the daily check flags pairs (over the age limit, category changed, child in
another county), changes nothing else and adds nothing when run again; the coordinator keeps
the pair or ends it with the flag's reason."""

import datetime as dt
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

import pytest

from pairs import services
from pairs.models import AdjustmentFlag, Pair
from pairs.tasks import check_adjustments
from people.errors import DomainError
from people.models import Child
from tests.makers import make_child, make_mother, make_pair

pytestmark = pytest.mark.usefixtures("in_english")

FLAGS = "/admin/people/adjustments/"


def today():
    return timezone.localdate()


@pytest.fixture
def pair(county_a, coordinator_a):
    return make_pair(
        make_mother(county_a), make_child(county_obj=county_a, name="王小明"), actor=coordinator_a
    )


def turn_age(pair, years: int, days_after: int = 0):
    """Make the pair's child ``years`` old, her birthday ``days_after`` days ago."""
    t = today()
    born = t.replace(year=t.year - years) - dt.timedelta(days=days_after)
    child = pair.child
    child.date_of_birth = born
    child.birth_year = born.year
    child.save()


def flags():
    return sorted(AdjustmentFlag.objects.values_list("pair_id", "reason", "status"))


def test_a_child_who_reached_the_age_limit_is_flagged_once(pair):
    turn_age(pair, settings.PROGRAM_MAX_CHILD_AGE)

    check_adjustments()
    check_adjustments()

    assert flags() == [(pair.pk, "over_age", "open")]
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ACTIVE, "the check changes nothing itself"


def test_a_child_a_day_short_of_the_age_limit_is_not_flagged(pair):
    turn_age(pair, settings.PROGRAM_MAX_CHILD_AGE, days_after=-1)  # her birthday is tomorrow

    services.adjustments_check()

    assert flags() == []


def test_a_category_change_since_pairing_is_flagged(pair):
    assert pair.child_category == Child.Category.LEFT_BEHIND
    Child.objects.filter(pk=pair.child_id).update(category=Child.Category.IN_DIFFICULTY)

    services.adjustments_check()

    assert flags() == [(pair.pk, "category_changed", "open")]


def test_a_child_now_in_another_county_is_flagged(pair, county_b):
    Child.objects.filter(pk=pair.child_id).update(county=county_b)

    out = StringIO()
    call_command("check_pair_adjustments", stdout=out)

    assert flags() == [(pair.pk, "moved", "open")]
    assert "1" in out.getvalue()


def test_a_decided_flag_lets_a_later_check_flag_again(pair, coordinator_a):
    Child.objects.filter(pk=pair.child_id).update(category=Child.Category.IN_DIFFICULTY)
    (flag,) = services.adjustments_check()
    services.adjustment_keep(actor=coordinator_a, flag=flag)

    services.adjustments_check()

    assert flags() == [
        (pair.pk, "category_changed", "kept"),
        (pair.pk, "category_changed", "open"),
    ]


def test_the_coordinator_keeps_the_pair_with_one_post(client_a, pair):
    Child.objects.filter(pk=pair.child_id).update(category=Child.Category.IN_DIFFICULTY)
    (flag,) = services.adjustments_check()
    listing = client_a.get(FLAGS)
    assert f'action="{FLAGS}keep/{flag.pk}/"' in listing.text

    client_a.post(f"{FLAGS}keep/{flag.pk}/")

    flag.refresh_from_db()
    pair.refresh_from_db()
    assert flag.status == "kept" and pair.status == Pair.Status.ACTIVE
    assert list(client_a.get(FLAGS).context["object_list"]) == []


def test_the_coordinator_ends_the_pair_with_the_flags_reason_after_confirming(client_a, pair):
    turn_age(pair, settings.PROGRAM_MAX_CHILD_AGE)
    (flag,) = services.adjustments_check()

    confirm = client_a.get(f"{FLAGS}end/{flag.pk}/")
    pair.refresh_from_db()
    assert confirm.status_code == 200 and pair.status == Pair.Status.ACTIVE

    client_a.post(f"{FLAGS}end/{flag.pk}/", {"note": "满18岁"})

    pair.refresh_from_db()
    flag.refresh_from_db()
    assert (pair.status, pair.end_reason) == (Pair.Status.ENDED, Pair.EndReason.OVER_AGE)
    assert flag.status == "ended"


@pytest.mark.parametrize(
    ("reason", "end_reason"),
    [("category_changed", "no_longer_eligible"), ("moved", "moved"), ("over_age", "over_age")],
)
def test_each_flag_ends_the_pair_with_its_reason(pair, coordinator_a, reason, end_reason):
    flag = AdjustmentFlag.objects.create(
        pair=pair, county_id=pair.county_id, reason=reason, detected_on=today()
    )

    services.adjustment_end_pair(actor=coordinator_a, flag=flag)

    pair.refresh_from_db()
    assert pair.end_reason == end_reason


def test_another_countys_coordinator_can_neither_see_nor_decide(client, pair, coordinator_b):
    from tests.makers import signed_in

    Child.objects.filter(pk=pair.child_id).update(category=Child.Category.IN_DIFFICULTY)
    (flag,) = services.adjustments_check()
    signed_in(client, coordinator_b)

    assert list(client.get(FLAGS).context["object_list"]) == []
    assert client.post(f"{FLAGS}keep/{flag.pk}/").status_code == 404
    with pytest.raises(DomainError):
        services.adjustment_keep(actor=coordinator_b, flag=flag)
    flag.refresh_from_db()
    assert flag.status == "open"


def test_the_flags_list_takes_the_same_queries_for_few_and_many(client_a, county_a, coordinator_a):
    from tests.support import assert_same_queries, queries_to_render

    def flagged(name, reason):
        pair = make_pair(
            make_mother(county_a), make_child(county_obj=county_a, name=name), actor=coordinator_a
        )
        AdjustmentFlag.objects.create(
            pair=pair, county_id=county_a.pk, reason=reason, detected_on=today()
        )

    flagged("王一明", "over_age")
    small = queries_to_render(client_a, FLAGS)
    flagged("王二明", "moved")
    flagged("王三明", "category_changed")
    flagged("王四明", "over_age")

    assert_same_queries(small, queries_to_render(client_a, FLAGS), "pairs to review")
