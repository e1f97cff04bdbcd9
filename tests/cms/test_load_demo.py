"""`manage.py load_demo`: believable Chinese demo content, loaded once, never twice."""

import re
from datetime import timedelta
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

import pytest
from allauth.account.models import EmailAddress

from cms.demo import content_classes, content_snippets, content_stories, content_trainings
from cms.models import HomePage, SiteSettings
from courses.models import (
    ClassCategory,
    County,
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
from stories.models import StoryGalleryImage, StoryIndexPage, StoryPage, StorySeries, StoryTag

COUNTY_SLUGS = [
    "lishi", "xiaoyi", "fenyang", "wenshui", "jiaocheng", "xingxian", "linxian",
    "liulin", "shilou", "lanxian", "fangshan", "zhongyang", "jiaokou",
]  # fmt: skip

MODELS = [
    County, Venue, Lecturer, PartnerOrganisation, TrainingTopic, ClassCategory, Page,
    Revision, Session, StorySeries, StoryGalleryImage, StoryTag, Tag, SiteSettings,
    get_user_model(), EmailAddress,
]  # fmt: skip

loads_demo = pytest.mark.usefixtures("db")


def run_load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def var_dir(settings, tmp_path) -> Path:
    settings.VAR_DIR = tmp_path
    return tmp_path


def counts() -> dict[str, int]:
    result = {model.__name__: model.objects.count() for model in MODELS}
    result["images"] = get_image_model().objects.count()
    return result


@pytest.mark.slow
@loads_demo
def test_first_run_fills_the_site_with_courses_stories_and_counties(var_dir):
    output = run_load_demo()

    assert "Demo content loaded." in output
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
@loads_demo
def test_sessions_are_mostly_upcoming_with_a_cancelled_one_and_a_past_one(var_dir):
    run_load_demo()
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
@loads_demo
def test_second_run_changes_nothing_and_says_so(var_dir, settings):
    run_load_demo()
    before = counts()
    media_files = sorted(Path(settings.MEDIA_ROOT).rglob("*"))

    output = run_load_demo()

    assert "Demo content already loaded; nothing changed." in output
    assert str(var_dir / "demo-logins.txt") in output
    assert counts() == before
    assert sorted(Path(settings.MEDIA_ROOT).rglob("*")) == media_files, "no new image files"


@pytest.mark.slow
@loads_demo
def test_admin_can_sign_in_with_the_printed_and_saved_password(var_dir):
    output = run_load_demo()

    logins = (var_dir / "demo-logins.txt").read_text(encoding="utf-8")
    password = logins.strip().splitlines()[-1].split("\t")[1]
    assert password in output
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
