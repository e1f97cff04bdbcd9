"""Pages made private with Wagtail's privacy setting (a ``PageViewRestriction``) show up in
no listing, search result or prev/next link; the page itself answers as Wagtail decides
(a "login" restriction lets any signed-in person in)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page, PageViewRestriction

import pytest

from tests.factories import (
    StoryPageFactory,
    StorySeriesFactory,
    TrainingCoursePageFactory,
    session_in,
)
from tests.makers import make_user

SECRET_TITLE = "不公开的家访故事"
SECRET_SUMMARY = "这段摘要只给登录的人看"


@pytest.fixture
def series(db):
    return StorySeriesFactory(slug="meet")


@pytest.fixture
def private_story(home, story_index, series):
    story = StoryPageFactory(
        title=SECRET_TITLE, summary=SECRET_SUMMARY, series=series, episode=2, parent=story_index
    )
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    return story


@pytest.fixture
def public_story(home, story_index, series):
    return StoryPageFactory(
        title="公开的故事", summary="大家都能看", series=series, episode=1, parent=story_index
    )


def _listing_urls(story_index) -> dict[str, str]:
    return {
        "home": "/",
        "story index": story_index.url,
        "series page": f"{story_index.url}series/meet/",
        "search": reverse("search") + "?q=家访",
    }


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_a_private_story_is_listed_nowhere(
    client, story_index, public_story, private_story, signed_in
):
    if signed_in:
        client.force_login(make_user())
    for what, url in _listing_urls(story_index).items():
        response = client.get(url)
        assert response.status_code == 200, f"{what} answered {response.status_code}"
        text = response.content.decode()
        assert SECRET_TITLE not in text, f"the private story's title shows on the {what}"
        assert SECRET_SUMMARY not in text, f"the private story's summary shows on the {what}"


def test_the_public_story_is_still_listed(client, story_index, public_story, private_story):
    for what, url in _listing_urls(story_index).items():
        if what == "search":
            continue
        assert public_story.title in client.get(url).content.decode(), f"missing on the {what}"


def test_prev_next_links_skip_a_private_episode(client, public_story, private_story):
    response = client.get(public_story.url)

    assert response.context["next_episode"] is None, "the next link points to a private story"
    assert SECRET_TITLE not in response.content.decode()


def test_the_private_story_itself_follows_wagtails_rule(client, private_story):
    anonymous = client.get(private_story.url)
    assert anonymous.status_code == 302, "an anonymous visitor was not sent to sign in"
    assert SECRET_SUMMARY not in anonymous.content.decode()

    client.force_login(make_user())
    assert client.get(private_story.url).status_code == 200, "a signed-in person was refused"


def test_a_private_course_is_not_on_the_home_page_nor_its_index(client, home, training_index):
    course = TrainingCoursePageFactory(
        title="不公开的培训", parent=training_index, sessions=[session_in(3)]
    )
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)

    for url in ("/", training_index.url):
        assert client.get(url).status_code == 200
        assert "不公开的培训" not in client.get(url).content.decode(), f"listed on {url}"


def test_our_pages_read_the_same_view_restrictions_as_wagtail_in_one_query(home, story_index):
    open_story = StoryPageFactory(parent=story_index)
    private_story = StoryPageFactory(parent=story_index)
    on_section = PageViewRestriction.objects.create(
        page=story_index, restriction_type=PageViewRestriction.LOGIN
    )
    own = PageViewRestriction.objects.create(
        page=private_story, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    home.refresh_from_db()
    alias = private_story.create_alias(parent=home, update_slug="alias-of-private").specific
    under_alias = StoryPageFactory(parent=alias)

    for page in (home, story_index, open_story, private_story, alias, under_alias):
        with CaptureQueriesContext(connection) as queries:
            ours = set(page.get_view_restrictions())
        assert ours == set(Page.get_view_restrictions(page)), page.title
        assert len(queries) == 1, f"{page.title}: {len(queries)} queries"
    assert set(private_story.get_view_restrictions()) == {on_section, own}
    # An alias has its source's own restrictions, not its source's section's (as Wagtail),
    # and so has a page under it.
    assert set(alias.get_view_restrictions()) == {own}
    assert set(under_alias.get_view_restrictions()) == {own}
    assert list(alias.get_view_restrictions().order_by("-page__depth")) == [own]
