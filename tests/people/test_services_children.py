"""Children's records: consent first, the programme's age limit, duplicates, edits, and a
guardian's removal of a child (anonymisation that keeps the counts)."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from pairs import services as pair_services
from pairs.models import Pair
from people import services as people_services
from people.models import Child, PrivacyConsent
from tests.makers import (
    make_child,
    make_city_staff,
    make_coordinator,
    make_guardian,
    make_mother,
    make_pair,
    make_user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def years_ago(years: int, days: int = 0) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - dt.timedelta(days=days)


def guardian_adds(guardian, county_obj, **overrides) -> Child:
    fields = {
        "actor": guardian,
        "guardian": guardian,
        "county": county_obj,
        "name": "张小雨",
        "date_of_birth": years_ago(9, days=40),
        "gender": Child.Gender.GIRL,
        "township": "凤山街道",
        "school_stage": Child.SchoolStage.PRIMARY,
        "relationship": Child.Relationship.GRANDPARENT,
    }
    return people_services.child_create(**(fields | overrides))


def test_a_guardian_who_has_not_agreed_to_the_privacy_notice_stores_nothing(lishi):
    guardian = make_user()

    with pytest.raises(people_services.DomainError) as error:
        guardian_adds(guardian, lishi)

    assert "privacy notice" in str(error.value.message)
    assert not Child.objects.exists()


def test_consent_to_an_older_notice_is_not_enough(lishi, settings):
    guardian = make_user()
    people_services.privacy_consent_give(user=guardian, version="2020-01")

    with pytest.raises(people_services.DomainError):
        guardian_adds(guardian, lishi)
    assert not Child.objects.exists()


def test_consent_is_recorded_once_per_version_and_linked_to_the_child(lishi, settings):
    guardian = make_user()
    consent = people_services.privacy_consent_give(user=guardian)
    assert people_services.privacy_consent_give(user=guardian) == consent
    assert consent.notice_version == settings.PRIVACY_NOTICE_VERSION and consent.given_at

    child = guardian_adds(guardian, lishi)

    assert child.consent == consent
    assert PrivacyConsent.objects.filter(user=guardian).count() == 1


def test_a_guardians_child_keeps_plain_counts_next_to_its_encrypted_fields(lishi):
    guardian = make_guardian()

    child = guardian_adds(guardian, lishi, id_number="14110220150301002x", address="凤山路 9 号")

    child = Child.objects.get(pk=child.pk)
    assert child.name == "张小雨" and child.first_name == "小雨"
    assert child.birth_year == years_ago(9, days=40).year
    assert child.source == Child.Source.GUARDIAN and child.guardian == guardian
    assert child.id_number == "14110220150301002x" and child.id_number_hash
    assert len(child.identity_hash) == 64


def test_a_date_of_birth_in_the_future_is_refused(lishi):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(people_services.DomainError) as error:
        guardian_adds(make_guardian(), lishi, date_of_birth=tomorrow)
    assert error.value.field == "date_of_birth"
    assert "future" in str(error.value.message)


def test_a_child_of_eighteen_is_over_the_programmes_age_limit(lishi, settings):
    assert settings.PROGRAM_MAX_CHILD_AGE == 18
    guardian = make_guardian()

    with pytest.raises(people_services.DomainError) as error:
        guardian_adds(guardian, lishi, date_of_birth=years_ago(18))
    assert error.value.field == "date_of_birth"
    assert "18" in str(error.value.message)

    seventeen = guardian_adds(guardian, lishi, date_of_birth=years_ago(18) + dt.timedelta(days=1))
    assert seventeen.age_on(timezone.localdate()) == 17


def test_a_child_needs_a_name(lishi):
    with pytest.raises(people_services.DomainError) as error:
        guardian_adds(make_guardian(), lishi, name="  ")
    assert error.value.field == "name"


def test_the_same_name_and_birthday_twice_in_one_county_is_a_duplicate(lishi, wenshui):
    guardian_adds(make_guardian(), lishi)

    with pytest.raises(people_services.DomainError) as error:
        make_child(county_obj=lishi, name=" 张小雨 ", date_of_birth=years_ago(9, days=40))
    assert "already registered in this county" in str(error.value.message)

    guardian_adds(make_guardian(), wenshui)
    assert Child.objects.count() == 2, "another county may have a child of the same name"


def test_an_id_number_is_registered_once_in_the_whole_city(lishi, wenshui):
    guardian_adds(make_guardian(), lishi, id_number="14110220150301002X")

    with pytest.raises(people_services.DomainError) as error:
        make_child(county_obj=wenshui, name="李小宇", id_number="14110220150301002x")
    assert error.value.field == "id_number"
    assert Child.objects.count() == 1


def test_the_database_refuses_a_second_child_with_the_same_id_number_hash(lishi):
    child = guardian_adds(make_guardian(), lishi, id_number="14110220150301002X")
    other = make_child(county_obj=lishi, name="李小宇")

    other.id_number_hash = child.id_number_hash
    with pytest.raises(IntegrityError), transaction.atomic():
        other.save()


def test_updating_a_child_recomputes_hashes_and_keeps_the_duplicate_check(lishi):
    guardian = make_guardian()
    child = guardian_adds(guardian, lishi)
    sister = guardian_adds(guardian, lishi, name="张小雪", date_of_birth=years_ago(7))
    old_hash = child.identity_hash

    people_services.child_update(
        actor=guardian, child=child, name="张小语", special_needs="花生过敏"
    )

    child = Child.objects.get(pk=child.pk)
    assert child.name == "张小语" and child.special_needs == "花生过敏"
    assert child.identity_hash != old_hash

    people_services.child_update(
        actor=guardian, child=sister, name="张小语", date_of_birth=years_ago(9, days=40)
    )
    assert Child.objects.get(pk=sister.pk).possible_duplicate_of == child, (
        "a guardian's duplicate is kept and marked for review, not refused"
    )
    with pytest.raises(people_services.DomainError) as error:
        people_services.child_update(
            actor=guardian, child=sister, date_of_birth=timezone.localdate() + dt.timedelta(1)
        )
    assert error.value.field == "date_of_birth"
    assert Child.objects.get(pk=sister.pk).name == "张小语"


def test_updating_a_child_to_the_same_values_is_not_a_duplicate_of_itself(lishi):
    guardian = make_guardian()
    child = guardian_adds(guardian, lishi, id_number="14110220150301002X")
    people_services.child_update(
        actor=guardian, child=child, name="张小雨", id_number="14110220150301002X"
    )
    assert Child.objects.get(pk=child.pk).name == "张小雨"


def test_a_coordinator_adds_a_ledger_child_without_a_guardian_account(lishi):
    coordinator = make_coordinator(lishi)

    child = make_child(
        actor=coordinator,
        county_obj=lishi,
        name="王小宇",
        category=Child.Category.DE_FACTO_UNSUPPORTED,
        guardian_name="王奶奶",
        guardian_phone="+8613512345678",
        needs="作业辅导",
    )

    child = Child.objects.get(pk=child.pk)
    assert child.source == Child.Source.LEDGER and child.guardian is None
    assert child.consent is None
    assert child.guardian_phone == "+8613512345678"


def test_a_guardian_removing_her_child_keeps_only_the_anonymous_counts(lishi):
    guardian = make_guardian()
    child = guardian_adds(
        guardian,
        lishi,
        category=Child.Category.LEFT_BEHIND,
        id_number="14110220150301002X",
        address="凤山路 9 号",
        guardian_name="张奶奶",
        guardian_phone="+8613512345678",
        needs="作业辅导",
        special_needs="哮喘",
    )
    mother = make_mother(lishi)
    pair = make_pair(mother, child)

    people_services.child_delete_by_guardian(child=child, guardian=guardian)

    child = Child.objects.get(pk=child.pk)
    for field in people_services.children.PERSONAL_FIELDS:
        assert getattr(child, field) in (None, ""), f"{field} is still there"
    assert child.identity_hash == "" and child.id_number_hash == "" and child.name_hash == ""
    assert child.guardian is None and child.anonymised_at is not None
    assert (child.county, child.category, child.gender, child.birth_year) == (
        lishi,
        Child.Category.LEFT_BEHIND,
        Child.Gender.GIRL,
        years_ago(9, days=40).year,
    )
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ENDED and pair.ended_on == timezone.localdate()
    assert str(child) != "小雨"


def test_the_same_child_can_be_registered_again_after_removal(lishi):
    guardian = make_guardian()
    child = guardian_adds(guardian, lishi, id_number="14110220150301002X")
    people_services.child_delete_by_guardian(child=child, guardian=guardian)

    again = guardian_adds(guardian, lishi, id_number="14110220150301002X")

    assert again.pk != child.pk


def test_another_guardian_cannot_remove_a_child(lishi):
    child = guardian_adds(make_guardian(), lishi)

    with pytest.raises(people_services.DomainError):
        people_services.child_delete_by_guardian(child=child, guardian=make_guardian())

    assert Child.objects.get(pk=child.pk).name == "张小雨"


def test_an_anonymised_record_cannot_be_edited(lishi):
    guardian = make_guardian()
    child = guardian_adds(guardian, lishi)
    people_services.child_delete_by_guardian(child=child, guardian=guardian)

    with pytest.raises(people_services.DomainError):
        people_services.child_update(actor=guardian, child=child, name="张小雨")


def test_a_paired_child_cannot_move_county_until_the_pair_ends(lishi, wenshui):
    """The pair's county decides which coordinator sees it; moving the child would strand it."""
    child = make_child(county_obj=lishi)
    staff = make_city_staff()
    pair_services.pair_create(actor=staff, mother=make_mother(lishi).volunteer, child=child)

    with pytest.raises(people_services.DomainError) as refused:
        people_services.child_update(actor=staff, child=child, county=wenshui)

    assert refused.value.field == "county"
    child.refresh_from_db()
    assert child.county == lishi
