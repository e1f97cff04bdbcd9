"""`manage.py load_demo`: believable Chinese demo content, loaded once, never twice."""

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt

from cms.demo import content_classes, content_snippets, content_stories, content_trainings, people
from cms.models import County, HomePage, SiteSettings
from courses.models import (
    ClassCategory,
    Lecturer,
    PartnerOrganisation,
    Session,
    SummerClassIndexPage,
    SummerClassPage,
    TrainingCoursePage,
    TrainingIndexPage,
    TrainingTopic,
    Venue,
)
from pairs.models import (
    AdjustmentFlag,
    Donation,
    DonationGift,
    FollowUpCall,
    Pair,
    PairConcern,
    PairKnowledge,
    SafetyAgreement,
    Visit,
)
from pairs.selectors.due import due_by_pair
from people.models import Child, CountyAssignment, PrivacyConsent, Volunteer
from people.roles import (
    CITY_STAFF_GROUP,
    COORDINATOR_GROUP,
    EDITOR_GROUP,
    MOTHER_GROUP,
    Role,
    roles_of,
)
from stories.models import StoryGalleryImage, StoryIndexPage, StoryPage, StorySeries, StoryTag
from tests.support import rows_for_the_module

COUNTY_SLUGS = [
    "lishi", "xiaoyi", "fenyang", "wenshui", "jiaocheng", "xingxian", "linxian",
    "liulin", "shilou", "lanxian", "fangshan", "zhongyang", "jiaokou",
]  # fmt: skip

MODELS = [
    County, Venue, Lecturer, PartnerOrganisation, TrainingTopic, ClassCategory, Page,
    Revision, Session, StorySeries, StoryGalleryImage, StoryTag, Tag, SiteSettings,
    get_user_model(), EmailAddress, Authenticator, Volunteer, Child, Pair, PrivacyConsent,
    CountyAssignment, Visit, SafetyAgreement, PairKnowledge, PairConcern, FollowUpCall,
    AdjustmentFlag, Donation, DonationGift,
]  # fmt: skip


def run_load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@dataclass(frozen=True)
class Demo:
    output: str  # what the first run printed
    var_dir: Path  # where it wrote the logins file


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Demo]:
    """The demo is loaded once for the module (it takes seconds): the tests only read it, and
    what a test writes (a second run, a sign-in) is rolled back after it."""
    var_dir = tmp_path_factory.mktemp("var")
    with (
        rows_for_the_module(django_db_blocker, tmp_path_factory),
        override_settings(VAR_DIR=var_dir),
    ):
        yield Demo(output=run_load_demo(), var_dir=var_dir)


@pytest.fixture
def demo(db, loaded_demo) -> Demo:
    """The module's demo content, for a test in a transaction of its own (``db``)."""
    return loaded_demo


def counts() -> dict[str, int]:
    result = {model.__name__: model.objects.count() for model in MODELS}
    result["images"] = get_image_model().objects.count()
    return result


@pytest.mark.slow
def test_first_run_fills_the_site_with_courses_stories_and_counties(demo):
    assert "Demo content loaded." in demo.output
    assert list(County.objects.values_list("slug", flat=True)) == COUNTY_SLUGS

    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    assert home.hero_image is not None and home.headline
    children = {page.slug: page.specific for page in home.get_children()}
    assert isinstance(children["trainings"], TrainingIndexPage)
    assert isinstance(children["summer"], SummerClassIndexPage)
    assert isinstance(children["stories"], StoryIndexPage)
    assert children["trainings"].title == "赋能培训"
    assert not Page.objects.filter(depth__gt=1, live=False).exists(), "every page is published"

    trainings = TrainingCoursePage.objects.child_of(children["trainings"])
    assert trainings.count() >= 6
    assert set(trainings.values_list("stage", flat=True)) == {"basic", "advanced", "special"}
    assert trainings.filter(county__isnull=True).exists()
    assert trainings.filter(county__isnull=False).exists()
    now = timezone.now()
    for training in trainings:
        assert training.sessions.count() >= 2, training.title
        assert training.sessions.upcoming(now).exists(), f"{training.title} has nothing to come"
        assert training.topics.exists() and training.cover_image_id

    classes = SummerClassPage.objects.child_of(children["summer"])
    assert classes.count() >= 12
    assert classes.values("category").distinct().count() >= 8
    assert set(classes.values_list("format", flat=True)) == {"child", "pair"}
    assert all(1 <= page.sessions.count() <= 3 for page in classes)

    series = StorySeries.objects.get(slug="buru-jianyimian")
    episodes = StoryPage.objects.filter(series=series).order_by("episode")
    assert list(episodes.values_list("episode", flat=True)) == [1, 2, 3, 4, 5, 6, 7]
    assert StoryPage.objects.filter(series__isnull=True).exists()
    for story in StoryPage.objects.all():
        assert story.date < timezone.localdate(), story.title
        assert 2 <= story.gallery_images.count() <= 3, story.title
        assert story.tags.exists(), story.title

    images = get_image_model().objects.all()
    assert images.count() > 30
    assert not images.filter(description="").exists(), "every picture has alt text"
    assert all(image.width == 1200 and image.height == 800 for image in images)

    assert SiteSettings.for_site(home.get_site()).organisation == "吕梁市妇联"


@pytest.mark.slow
def test_sessions_are_mostly_upcoming_with_a_cancelled_one_and_a_past_one(demo):
    now = timezone.now()
    sessions = Session.objects.all()

    upcoming = sessions.upcoming(now)
    assert upcoming.count() > sessions.count() * 3 / 4
    assert all(s.start <= now + timedelta(weeks=10) for s in sessions)
    assert sessions.filter(end__lt=now).exists(), "a past session shows that they are hidden"
    assert sessions.filter(is_cancelled=True).count() == 1
    assert all(20 <= s.capacity <= 60 for s in sessions)
    assert all(timedelta(hours=1.5) <= s.end - s.start <= timedelta(hours=3) for s in sessions)
    assert all(8 <= timezone.localtime(s.start).hour <= 16 for s in sessions)
    assert all(s.booking_opens < s.booking_closes <= s.start for s in sessions)
    nearly_full = [s for s in upcoming if 0 < s.seats_left <= s.capacity // 5]
    assert len(nearly_full) >= 2, "some sessions have only a few seats left"


@pytest.mark.slow
def test_second_run_changes_nothing_and_says_so(demo, settings):
    before = counts()
    media_files = sorted(Path(settings.MEDIA_ROOT).rglob("*"))

    output = run_load_demo()

    assert "Demo content already loaded; nothing changed." in output
    assert str(demo.var_dir / "demo-logins.txt") in output
    assert counts() == before
    assert sorted(Path(settings.MEDIA_ROOT).rglob("*")) == media_files, "no new image files"


@pytest.mark.slow
def test_admin_can_sign_in_with_the_printed_and_saved_password(demo):
    logins = (demo.var_dir / "demo-logins.txt").read_text(encoding="utf-8")
    admin_line = next(line for line in logins.splitlines() if line.startswith("admin@"))
    password = admin_line.split("\t")[1]
    assert password in demo.output
    admin = get_user_model().objects.get(email="admin@example.com")
    assert admin.check_password(password)
    assert admin.is_superuser and admin.username == "admin" and admin.name == "管理员"
    address = EmailAddress.objects.get(user=admin)
    assert address.verified and address.primary


def _all_texts() -> str:
    """Every text of the demo content, flattened."""
    return repr(
        [
            content_snippets.VENUES,
            content_snippets.LECTURERS,
            content_snippets.PARTNERS,
            content_snippets.SITE_SETTINGS,
            content_snippets.HOME,
            content_snippets.INDEX_PAGES,
            content_trainings.TRAININGS,
            content_classes.CLASSES,
            content_stories.SERIES,
            content_stories.EPISODES,
            content_stories.OTHER_STORIES,
        ]
    )


def test_demo_texts_name_children_only_by_nickname_and_invent_every_adult():
    nicknames = content_stories.CHILD_NICKNAMES
    assert all(re.fullmatch(r"小[\u4e00-\u9fff]", name) for name in nicknames)
    story_text = repr(content_stories.EPISODES + content_stories.OTHER_STORIES)
    assert all(name in story_text for name in nicknames), "the list is the one the stories use"

    texts = _all_texts()
    for real_name in content_stories.REAL_PEOPLE_IN_ARTICLE:
        assert real_name not in texts, f"{real_name} is a real person named in the article"


# Demo people ----------------------------------------------------------------------------


def people_logins(var_dir: Path) -> dict[str, list[str]]:
    """The people section of the logins file: login -> its tab-separated columns."""
    lines = (var_dir / "demo-logins.txt").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return {row[0]: row for row in rows if not row[0].startswith("admin@")}


def current_totp_code(secret: str) -> str:
    """What an authenticator app shows now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


@pytest.mark.slow
def test_demo_people_cover_every_role_county_sector_and_child_category(demo):
    user_model = get_user_model()

    def by_login(login: str):
        field = "phone" if login.startswith("+") else "email"
        return user_model.objects.get(**{field: login})

    logins = people_logins(demo.var_dir)
    roles = {login: roles_of(by_login(login)) for login in logins}
    for role in [Role.EDITOR, Role.COORDINATOR, Role.CITY_STAFF, Role.MOTHER, Role.APPLICANT]:
        assert any(role in found for found in roles.values()), f"no demo {role}"
    assert any(Role.GUARDIAN in found for found in roles.values())
    assert any(login.startswith("+86") for login in logins), "someone signs in by phone"

    donors = set(Donation.objects.values_list("donor", flat=True))
    assert {"吕梁市久久爱心公益协会", "离石区贝亲好家政", "临县青塘粽子食品有限公司"} <= donors
    assert DonationGift.objects.exists(), "goods given to pairs"

    assignments = CountyAssignment.objects.filter(user__groups__name=COORDINATOR_GROUP)
    assert sorted(assignments.values_list("county__slug", flat=True)) == ["lishi", "wenshui"]
    for group in (EDITOR_GROUP, COORDINATOR_GROUP, CITY_STAFF_GROUP):
        assert user_model.objects.filter(groups__name=group).exists(), group

    approved = Volunteer.objects.filter(status=Volunteer.Status.APPROVED)
    assert approved.values("county").distinct().count() >= 3
    assert approved.values("sector").distinct().count() >= 5
    assert all(v.user.groups.filter(name=MOTHER_GROUP).exists() for v in approved)
    assert Volunteer.objects.filter(status=Volunteer.Status.SUBMITTED).count() == 1
    needs_info = Volunteer.objects.get(status=Volunteer.Status.NEEDS_INFO)
    assert needs_info.status_message and needs_info.reviewed_by is not None

    children = Child.objects.all()
    assert set(children.values_list("category", flat=True)) == set(Child.Category.values)
    by_guardian = children.filter(source=Child.Source.GUARDIAN)
    assert set(by_guardian.values_list("category", flat=True)) == set(Child.Category.values)
    assert all(child.consent and child.guardian for child in by_guardian)
    ledger = children.filter(source=Child.Source.LEDGER)
    assert set(ledger.values_list("county__slug", flat=True)) == {"lishi", "wenshui"}
    assert all(child.guardian_phone for child in ledger)
    today = timezone.localdate()
    for child in children:
        assert re.fullmatch(r"[\u4e00-\u9fff]小[\u4e00-\u9fff]", child.name), child.name
        assert 0 < child.age_on(today) < 18

    pairs = Pair.objects.all()
    assert pairs.filter(status=Pair.Status.ACTIVE).count() >= 5
    ended = pairs.get(status=Pair.Status.ENDED)
    assert ended.end_reason and ended.ended_on < today
    assert all(pair.mother.is_approved for pair in pairs)
    assert all(pair.created_by.county_assignment.county == pair.county for pair in pairs)
    assert pairs.values("county").distinct().count() == 2

    # Every list of the pairs back office has rows, and one of each warning shows.
    active = pairs.filter(status=Pair.Status.ACTIVE)
    without_agreement = active.exclude(agreements__isnull=False)
    assert without_agreement.count() == 1, "one pair shows “no safety agreement”"
    assert Visit.objects.values("kind").distinct().count() >= 3
    assert PairKnowledge.objects.count() >= 3 and PairConcern.objects.count() == 1
    assert FollowUpCall.objects.count() == 1
    due = due_by_pair(active, today)
    assert any(item.overdue for _pair, items in due.values() for item in items), "one overdue"


@pytest.mark.slow
def test_demo_logins_are_printed_and_saved_and_staff_have_two_step_verification(demo, client):
    output = demo.output
    user_model = get_user_model()
    logins = people_logins(demo.var_dir)
    assert len(logins) == len(people.STAFF) + len(people.MOTHERS) + len(people.GUARDIANS)

    password = {row[1] for row in logins.values()}.pop()
    assert f"password for each: {password}" in output
    for login in logins:
        assert login in output
        user = user_model.objects.get(**{"phone" if login.startswith("+") else "email": login})
        assert user.check_password(password), login

    staff_emails = [spec.email for spec in people.STAFF]
    for email in staff_emails:
        _login, _password, role, _name, secret, url, codes = logins[email]
        user = user_model.objects.get(email=email)
        totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        assert decrypt(totp.data["secret"]) == secret, f"{role}: the saved TOTP secret"
        assert f"secret={secret}" in url and url.startswith("otpauth://totp/")
        assert secret in output and url in output
        recovery = RecoveryCodes(
            Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
        )
        assert codes.split() == recovery.get_unused_codes()
    others = user_model.objects.exclude(email__in=staff_emails).exclude(username="admin")
    assert not Authenticator.objects.filter(user__in=others).exists()

    # A coordinator signs in on the site with her password, then her authenticator's code.
    email = "coordinator.lishi@example.com"
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    secret = logins[email][4]
    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(secret)})
    assert response.status_code == 302, "the TOTP code was refused"
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    # A mother signs in with her mobile number and the password.
    client.logout()
    phone = next(login for login in logins if login.startswith("+86"))
    response = client.post(reverse("account_login"), {"login": phone, "password": password})
    assert response.status_code == 302 and response.url != reverse("mfa_authenticate")
    assert int(client.session["_auth_user_id"]) == user_model.objects.get(phone=phone).pk


def test_demo_people_are_invented():
    names = [spec.name for spec in people.STAFF + people.MOTHERS + people.GUARDIANS]
    names += [child.name for spec in people.GUARDIANS for child in spec.children]
    names += [child.name for specs in people.LEDGER_CHILDREN.values() for child in specs]
    assert len(names) == len(set(names))
    for real_name in content_stories.REAL_PEOPLE_IN_ARTICLE:
        assert real_name not in repr(names), f"{real_name} is a real person named in the article"
    logins = [spec.email for spec in people.STAFF]
    logins += [spec.login for spec in people.MOTHERS + people.GUARDIANS]
    assert all(
        login.endswith("@example.com")
        or login.startswith("+86138001382")
        or login.startswith("+86138001381")
        for login in logins
    ), "demo logins use example.com and one block of numbers"
