"""Recruitment services: applying, resubmitting, and the county coordinator's review."""

import pytest

from people import services, sms
from people.models import Skill, Volunteer
from people.roles import MOTHER_GROUP
from tests.makers import make_city_staff, make_coordinator, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def skills():
    """The skills a migration seeds (心理咨询, 家庭教育 …); two of them."""
    return list(Skill.objects.all()[:2])


def apply(user, county_obj, **overrides) -> Volunteer:
    fields = {
        "user": user,
        "name": "李秀兰",
        "phone": "+8613912345678",
        "county": county_obj,
        "township": "凤山街道",
        "sector": "education",
        "skills": [],
        "max_children": 2,
        "availability": "周末下午",
    }
    return services.volunteer_apply(**(fields | overrides))


def test_applying_stores_a_submitted_application_with_skills(lishi, skills):
    user = make_user()
    user.name = ""
    user.save()

    volunteer = apply(user, lishi, skills=skills, workplace="离石区第二小学")

    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.SUBMITTED
    assert volunteer.user == user and volunteer.county == lishi
    assert str(volunteer.phone) == "+8613912345678"
    assert set(volunteer.skills.all()) == set(skills)
    user.refresh_from_db()
    assert user.name == "李秀兰", "an account without a name takes the applicant's"


@pytest.mark.parametrize("max_children", [0, 6])
def test_a_mother_offers_between_one_and_five_children(lishi, max_children):
    with pytest.raises(services.DomainError) as error:
        apply(make_user(), lishi, max_children=max_children)
    assert error.value.field == "max_children"
    assert not Volunteer.objects.exists()


def test_a_second_application_while_one_is_under_review_is_refused(lishi):
    user = make_user()
    apply(user, lishi)

    with pytest.raises(services.DomainError):
        apply(user, lishi, name="李秀英")

    assert Volunteer.objects.get().name == "李秀兰"


def test_resubmitting_after_a_request_for_information_reopens_the_same_application(lishi, wenshui):
    user = make_user()
    volunteer = apply(user, lishi)
    services.volunteer_request_info(
        volunteer=volunteer, reviewer=make_coordinator(lishi), message="请补充工作单位。"
    )
    assert Volunteer.objects.get().status == Volunteer.Status.NEEDS_INFO

    again = apply(user, wenshui, workplace="文水县妇幼保健院", sector="health")

    assert again.pk == volunteer.pk and Volunteer.objects.count() == 1
    again.refresh_from_db()
    assert again.status == Volunteer.Status.SUBMITTED
    assert again.status_message == ""
    assert again.workplace == "文水县妇幼保健院" and again.county == wenshui


def test_the_county_coordinator_approves_and_the_mother_joins_the_group_and_is_emailed(
    lishi, mailoutbox, django_capture_on_commit_callbacks
):
    user = make_user(email="xiulan@example.com")
    volunteer = apply(user, lishi)
    coordinator = make_coordinator(lishi)

    with django_capture_on_commit_callbacks(execute=True):
        services.volunteer_approve(volunteer=volunteer, reviewer=coordinator)

    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.APPROVED
    assert volunteer.reviewed_by == coordinator and volunteer.reviewed_at is not None
    assert user.groups.filter(name=MOTHER_GROUP).exists()
    assert [mail.to for mail in mailoutbox] == [["xiulan@example.com"]]


def test_an_applicant_without_email_is_told_by_text_message(
    lishi, mailoutbox, django_capture_on_commit_callbacks
):
    user = make_user(email="", phone="+8613712345678")
    volunteer = apply(user, lishi)

    with django_capture_on_commit_callbacks(execute=True):
        services.volunteer_request_info(
            volunteer=volunteer, reviewer=make_coordinator(lishi), message="请补充可服务时间。"
        )

    assert mailoutbox == []
    assert [message.phone for message in sms.outbox] == ["+8613712345678"]
    assert "请补充可服务时间。" in sms.outbox[0].message


def test_declining_needs_a_reason_and_tells_the_applicant(
    lishi, mailoutbox, django_capture_on_commit_callbacks
):
    volunteer = apply(make_user(), lishi)
    coordinator = make_coordinator(lishi)

    with pytest.raises(services.DomainError) as error:
        services.volunteer_decline(volunteer=volunteer, reviewer=coordinator, reason="  ")
    assert error.value.field == "reason"

    with django_capture_on_commit_callbacks(execute=True):
        services.volunteer_decline(
            volunteer=volunteer, reviewer=coordinator, reason="本县名额已满，欢迎明年报名。"
        )
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.DECLINED
    assert volunteer.status_message == "本县名额已满，欢迎明年报名。"
    assert len(mailoutbox) == 1 and "本县名额已满" in mailoutbox[0].body


def test_asking_for_information_needs_a_message(lishi):
    volunteer = apply(make_user(), lishi)
    with pytest.raises(services.DomainError) as error:
        services.volunteer_request_info(
            volunteer=volunteer, reviewer=make_coordinator(lishi), message=""
        )
    assert error.value.field == "message"


@pytest.mark.parametrize(
    "review",
    [
        lambda volunteer, reviewer: services.volunteer_approve(
            volunteer=volunteer, reviewer=reviewer
        ),
        lambda volunteer, reviewer: services.volunteer_request_info(
            volunteer=volunteer, reviewer=reviewer, message="请补充。"
        ),
        lambda volunteer, reviewer: services.volunteer_decline(
            volunteer=volunteer, reviewer=reviewer, reason="不符合条件。"
        ),
    ],
    ids=["approve", "request_info", "decline"],
)
def test_a_coordinator_of_another_county_cannot_review(lishi, wenshui, review, mailoutbox):
    user = make_user()
    volunteer = apply(user, lishi)

    with pytest.raises(services.DomainError):
        review(volunteer, make_coordinator(wenshui))

    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.SUBMITTED and volunteer.reviewed_by is None
    assert not user.groups.filter(name=MOTHER_GROUP).exists()
    assert mailoutbox == []


@pytest.mark.parametrize("reviewer", ["applicant", "member"])
def test_people_who_are_not_staff_cannot_review(lishi, reviewer):
    user = make_user()
    volunteer = apply(user, lishi)
    someone = user if reviewer == "applicant" else make_user()

    with pytest.raises(services.DomainError):
        services.volunteer_approve(volunteer=volunteer, reviewer=someone)
    assert Volunteer.objects.get().status == Volunteer.Status.SUBMITTED


def test_city_staff_may_review_any_county(wenshui):
    volunteer = apply(make_user(), wenshui)
    services.volunteer_approve(volunteer=volunteer, reviewer=make_city_staff())
    assert Volunteer.objects.get().status == Volunteer.Status.APPROVED


def test_an_approved_application_cannot_be_approved_twice_or_sent_back(lishi):
    volunteer = apply(make_user(), lishi)
    coordinator = make_coordinator(lishi)
    services.volunteer_approve(volunteer=volunteer, reviewer=coordinator)

    with pytest.raises(services.DomainError):
        services.volunteer_approve(volunteer=volunteer, reviewer=coordinator)
    with pytest.raises(services.DomainError):
        services.volunteer_request_info(volunteer=volunteer, reviewer=coordinator, message="？")
    with pytest.raises(services.DomainError):
        apply(volunteer.user, lishi)


def test_declining_an_approved_mother_removes_her_from_the_mothers_group(lishi):
    user = make_user()
    volunteer = apply(user, lishi)
    coordinator = make_coordinator(lishi)
    services.volunteer_approve(volunteer=volunteer, reviewer=coordinator)

    services.volunteer_decline(volunteer=volunteer, reviewer=coordinator, reason="本人申请退出。")

    assert not user.groups.filter(name=MOTHER_GROUP).exists()
