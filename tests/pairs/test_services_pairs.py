"""Pairs: only approved mothers, no more children than she offered, one active mother per
child, created and ended by the child's county, and never deleted."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

import pytest

from pairs import services as pair_services
from pairs.models import Pair
from people import services as people_services
from people.models import Volunteer
from tests.makers import (
    make_applicant,
    make_child,
    make_city_staff,
    make_coordinator,
    make_guardian,
    make_mother,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(lishi):
    return make_coordinator(lishi)


@pytest.fixture
def child(lishi):
    return make_child(county_obj=lishi, name="刘小宇")


def pair(mother, child, actor, **kwargs) -> Pair:
    return pair_services.pair_create(actor=actor, mother=mother.volunteer, child=child, **kwargs)


def test_the_county_coordinator_pairs_an_approved_mother_with_a_child(lishi, coordinator, child):
    mother = make_mother(lishi)

    created = pair(mother, child, coordinator, started_on=timezone.localdate() - dt.timedelta(7))

    created.refresh_from_db()
    assert created.status == Pair.Status.ACTIVE and created.ended_on is None
    assert created.county == lishi and created.created_by == coordinator
    assert created.started_on == timezone.localdate() - dt.timedelta(7)


def test_a_pair_starts_today_unless_told_otherwise(lishi, coordinator, child):
    assert pair(make_mother(lishi), child, coordinator).started_on == timezone.localdate()


@pytest.mark.parametrize(
    "status",
    [
        Volunteer.Status.SUBMITTED,
        Volunteer.Status.NEEDS_INFO,
        Volunteer.Status.DECLINED,
        Volunteer.Status.WITHDRAWN,
    ],
)
def test_only_an_approved_mother_can_be_paired(lishi, coordinator, child, status):
    applicant = make_applicant(lishi, status=status)

    with pytest.raises(people_services.DomainError) as error:
        pair(applicant, child, coordinator)

    assert error.value.field == "mother"
    assert not Pair.objects.exists()


def test_a_mother_cares_for_no_more_children_than_she_offered(lishi, coordinator):
    mother = make_mother(lishi)
    assert mother.volunteer.max_children == 2
    pair(mother, make_child(county_obj=lishi, name="刘小宇"), coordinator)
    pair(mother, make_child(county_obj=lishi, name="刘小雨"), coordinator)

    with pytest.raises(people_services.DomainError) as error:
        pair(mother, make_child(county_obj=lishi, name="刘小雪"), coordinator)

    assert error.value.field == "mother"
    assert Pair.objects.filter(mother=mother.volunteer).count() == 2


def test_an_ended_pair_frees_a_place_for_another_child(lishi, coordinator):
    mother = make_mother(lishi)
    first = pair(mother, make_child(county_obj=lishi, name="刘小宇"), coordinator)
    pair(mother, make_child(county_obj=lishi, name="刘小雨"), coordinator)
    pair_services.pair_end(actor=coordinator, pair=first, reason=Pair.EndReason.MOVED)

    third = pair(mother, make_child(county_obj=lishi, name="刘小雪"), coordinator)

    assert third.status == Pair.Status.ACTIVE


def test_a_child_has_one_active_mother_at_a_time(lishi, coordinator, child):
    pair(make_mother(lishi), child, coordinator)

    with pytest.raises(people_services.DomainError) as error:
        pair(make_mother(lishi), child, coordinator)

    assert error.value.field == "child"
    assert Pair.objects.filter(child=child).count() == 1


def test_the_database_refuses_a_second_active_pair_for_a_child(lishi, coordinator, child):
    first = pair(make_mother(lishi), child, coordinator)
    other = make_mother(lishi).volunteer

    with pytest.raises(IntegrityError), transaction.atomic():
        Pair.objects.create(
            mother=other, child=child, county=first.county, started_on=timezone.localdate()
        )


def test_the_database_refuses_an_ended_pair_without_an_end_date(lishi, coordinator, child):
    created = pair(make_mother(lishi), child, coordinator)
    created.status = Pair.Status.ENDED

    with pytest.raises(IntegrityError), transaction.atomic():
        created.save()


def test_a_child_can_be_paired_again_once_the_pair_has_ended(lishi, coordinator, child):
    first = pair(make_mother(lishi), child, coordinator)
    pair_services.pair_end(actor=coordinator, pair=first, reason=Pair.EndReason.REMATCHED)

    second = pair(make_mother(lishi), child, coordinator)

    assert {p.status for p in Pair.objects.filter(child=child)} == {"active", "ended"}
    assert second.pk != first.pk


def test_a_pair_cannot_start_in_the_future(lishi, coordinator, child):
    with pytest.raises(people_services.DomainError) as error:
        pair(
            make_mother(lishi),
            child,
            coordinator,
            started_on=timezone.localdate() + dt.timedelta(days=1),
        )
    assert error.value.field == "started_on"


def test_an_anonymised_child_cannot_be_paired(lishi, coordinator):
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=lishi)
    people_services.child_delete_by_guardian(child=child, guardian=guardian)

    with pytest.raises(people_services.DomainError) as error:
        pair(make_mother(lishi), child, coordinator)
    assert error.value.field == "child"


@pytest.mark.parametrize("who", ["other county's coordinator", "mother", "guardian", "member"])
def test_only_the_childs_county_or_city_staff_may_pair(lishi, wenshui, child, who):
    mother = make_mother(lishi)
    actor = {
        "other county's coordinator": lambda: make_coordinator(wenshui),
        "mother": lambda: mother,
        "guardian": make_guardian,
        "member": make_user,
    }[who]()

    with pytest.raises(people_services.DomainError):
        pair(mother, child, actor)
    assert not Pair.objects.exists()


def test_city_staff_may_pair_in_any_county(wenshui):
    child = make_child(county_obj=wenshui, name="赵小宇")
    assert pair(make_mother(wenshui), child, make_city_staff()).county == wenshui


def test_ending_a_pair_records_when_why_and_who(lishi, coordinator, child):
    created = pair(
        make_mother(lishi), child, coordinator, started_on=timezone.localdate() - dt.timedelta(30)
    )
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    pair_services.pair_end(
        actor=coordinator,
        pair=created,
        reason=Pair.EndReason.OVER_AGE,
        note="已满十八岁。",
        ended_on=yesterday,
    )

    created.refresh_from_db()
    assert created.status == Pair.Status.ENDED and created.ended_on == yesterday
    assert created.end_reason == Pair.EndReason.OVER_AGE and created.end_note == "已满十八岁。"
    assert created.ended_by == coordinator


def test_ending_needs_a_known_reason_and_happens_once(lishi, coordinator, child):
    created = pair(make_mother(lishi), child, coordinator)

    with pytest.raises(people_services.DomainError) as error:
        pair_services.pair_end(actor=coordinator, pair=created, reason="bored")
    assert error.value.field == "end_reason"

    pair_services.pair_end(actor=coordinator, pair=created, reason=Pair.EndReason.MOVED)
    with pytest.raises(people_services.DomainError):
        pair_services.pair_end(actor=coordinator, pair=created, reason=Pair.EndReason.MOVED)


def test_a_pair_cannot_end_before_it_started(lishi, coordinator, child):
    created = pair(make_mother(lishi), child, coordinator)

    with pytest.raises(people_services.DomainError) as error:
        pair_services.pair_end(
            actor=coordinator,
            pair=created,
            reason=Pair.EndReason.MOVED,
            ended_on=timezone.localdate() - dt.timedelta(days=1),
        )

    assert error.value.field == "ended_on"
    assert Pair.objects.get(pk=created.pk).status == Pair.Status.ACTIVE


def test_a_pair_cannot_end_in_the_future(lishi, coordinator, child):
    created = pair(make_mother(lishi), child, coordinator)

    with pytest.raises(people_services.DomainError) as error:
        pair_services.pair_end(
            actor=coordinator,
            pair=created,
            reason=Pair.EndReason.OVER_AGE,
            ended_on=timezone.localdate() + dt.timedelta(days=30),
        )

    assert error.value.field == "ended_on"
    assert Pair.objects.get(pk=created.pk).status == Pair.Status.ACTIVE


def test_a_coordinator_of_another_county_cannot_end_a_pair(lishi, wenshui, coordinator, child):
    created = pair(make_mother(lishi), child, coordinator)

    with pytest.raises(people_services.DomainError):
        pair_services.pair_end(
            actor=make_coordinator(wenshui), pair=created, reason=Pair.EndReason.MOVED
        )
    assert Pair.objects.get(pk=created.pk).status == Pair.Status.ACTIVE


def test_pairs_are_history_deleting_their_mother_or_child_is_refused(lishi, coordinator, child):
    mother = make_mother(lishi)
    created = pair(mother, child, coordinator)
    pair_services.pair_end(actor=coordinator, pair=created, reason=Pair.EndReason.MOVED)

    with pytest.raises(ProtectedError):
        child.delete()
    with pytest.raises(ProtectedError):
        mother.volunteer.delete()
    assert Pair.objects.filter(pk=created.pk).exists()


def test_a_coordinator_pairs_only_mothers_of_the_childs_county(lishi, wenshui, coordinator, child):
    """Matching is by place (就近就便): another county's mother is a city-level decision."""
    with pytest.raises(people_services.DomainError) as refused:
        pair(make_mother(wenshui), child, coordinator)
    assert refused.value.field == "mother"
    assert not Pair.objects.exists()
    assert pair(make_mother(wenshui), child, make_city_staff()).county == lishi
