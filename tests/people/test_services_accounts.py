"""Deleting one's account: children anonymised (counts stay), pairs ended, the volunteer's
record stripped (kept only when pairs point at it), the account gone."""

import pytest

from pairs.models import Pair
from people import services
from people.models import Child, PrivacyConsent, User, Volunteer
from people.roles import MOTHER_GROUP
from tests.makers import (
    make_applicant,
    make_child,
    make_coordinator,
    make_guardian,
    make_mother,
    make_pair,
)

pytestmark = pytest.mark.django_db


def test_a_guardian_deleting_her_account_anonymises_her_children_and_ends_their_pairs(lishi):
    guardian = make_guardian(name="张桂花")
    child = make_child(guardian=guardian, county_obj=lishi, name="张小雨", address="凤山路 9 号")
    sister = make_child(guardian=guardian, county_obj=lishi, name="张小雪", age=6)
    pair = make_pair(make_mother(lishi), child, actor=make_coordinator(lishi))

    services.account_delete(user=guardian)

    assert not User.objects.filter(pk=guardian.pk).exists()
    assert not PrivacyConsent.objects.filter(user_id=guardian.pk).exists()
    for record in Child.objects.filter(pk__in=[child.pk, sister.pk]):
        assert record.anonymised_at is not None and record.guardian is None
        assert record.name is None and record.address is None and record.date_of_birth is None
        assert record.county == lishi and record.birth_year
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ENDED


def test_a_mother_with_pairs_keeps_a_stripped_withdrawn_record_for_the_history(lishi):
    mother = make_mother(lishi, name="李秀兰")
    volunteer = mother.volunteer
    volunteer.workplace = "离石区第二小学"
    volunteer.availability = "周末"
    volunteer.save()
    pair = make_pair(mother, make_child(county_obj=lishi), actor=make_coordinator(lishi))

    services.account_delete(user=mother)

    assert not User.objects.filter(pk=mother.pk).exists()
    volunteer.refresh_from_db()
    assert volunteer.user is None
    assert volunteer.status == Volunteer.Status.WITHDRAWN
    assert "李秀兰" not in volunteer.name
    assert volunteer.workplace == "" and volunteer.availability == ""
    assert str(volunteer.phone) != "+8613800138000"
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ENDED
    assert pair.end_reason == Pair.EndReason.MOTHER_WITHDREW
    assert pair.mother_id == volunteer.pk, "the pair stays, pointing at the stripped record"


def test_an_applicant_without_pairs_leaves_no_volunteer_record(lishi):
    applicant = make_applicant(lishi)

    services.account_delete(user=applicant)

    assert not Volunteer.objects.exists()
    assert not User.objects.filter(pk=applicant.pk).exists()


def test_a_mother_who_is_also_a_guardian_loses_both_records(lishi):
    mother = make_mother(lishi)
    services.privacy_consent_give(user=mother)
    own_child = make_child(guardian=mother, county_obj=lishi, name="陈小宇")

    services.account_delete(user=mother)

    assert Child.objects.get(pk=own_child.pk).anonymised_at is not None
    assert not Volunteer.objects.exists()
    assert not User.objects.filter(groups__name=MOTHER_GROUP).exists()


def test_the_stripped_record_of_a_deleted_account_cannot_be_reviewed(lishi):
    mother = make_mother(lishi)
    coordinator = make_coordinator(lishi)
    make_pair(mother, make_child(county_obj=lishi), actor=coordinator)
    volunteer = mother.volunteer
    services.account_delete(user=mother)
    volunteer.refresh_from_db()

    with pytest.raises(services.DomainError):
        services.volunteer_approve(volunteer=volunteer, reviewer=coordinator)
    with pytest.raises(services.DomainError):
        services.volunteer_decline(volunteer=volunteer, reviewer=coordinator, reason="无")
    with pytest.raises(services.DomainError):
        services.volunteer_request_info(volunteer=volunteer, reviewer=coordinator, message="？")
    assert Volunteer.objects.get(pk=volunteer.pk).status == Volunteer.Status.WITHDRAWN


def test_signing_in_greets_her_by_name_not_by_the_internal_username(client):
    from django.contrib.messages import get_messages
    from django.urls import reverse

    from tests.makers import PASSWORD, make_user

    user = make_user(name="李秀兰", email="li.xiulan@example.org")
    response = client.post(
        reverse("account_login"), {"login": "li.xiulan@example.org", "password": PASSWORD}
    )

    said = " ".join(str(message) for message in get_messages(response.wsgi_request))
    assert "李秀兰" in said and user.username not in said
