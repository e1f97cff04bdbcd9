"""The home page: one per site, showing what is coming up and the latest stories."""

import datetime as dt

from wagtail.models import Page

from cms.models import HomePage
from courses.models import SummerClassIndexPage, TrainingIndexPage
from stories.models import StoryIndexPage
from tests.factories import (
    StoryPageFactory,
    SummerClassPageFactory,
    TrainingCoursePageFactory,
    session_in,
)


def test_home_page_sits_at_the_root_and_holds_the_three_sections():
    assert HomePage.allowed_parent_page_models() == [Page]
    assert set(HomePage.allowed_subpage_models()) == {
        TrainingIndexPage,
        SummerClassIndexPage,
        StoryIndexPage,
    }


def test_there_is_only_one_home_page(home):
    assert not HomePage.can_create_at(Page.get_first_root_node()), "a second home page allowed"


def test_home_page_renders_when_nothing_is_published(client, home):
    response = client.get("/")

    assert response.status_code == 200
    assert home.headline in response.text
    assert response.context["upcoming_sessions"] == []
    assert response.context["latest_stories"] == []


def test_home_page_shows_upcoming_sessions_of_live_courses_soonest_first(client, home):
    TrainingCoursePageFactory(
        title="赋能培训", sessions=[session_in(5, title="第二讲"), session_in(-5, title="往期")]
    )
    SummerClassPageFactory(title="暑期陶艺", sessions=[session_in(2, title="陶艺课")])
    TrainingCoursePageFactory(title="草稿", live=False, sessions=[session_in(1, title="草稿课")])
    TrainingCoursePageFactory(sessions=[session_in(3, title="停课", is_cancelled=True)])

    response = client.get("/")

    assert [s.title for s in response.context["upcoming_sessions"]] == ["陶艺课", "第二讲"]
    assert "赋能培训" in response.text and "暑期陶艺" in response.text
    assert "草稿课" not in response.text, "a session of an unpublished course is shown"
    # Who each is for: the mothers' trainings and the children's classes are told apart.
    assert '<span class="tag tag--audience">爱心妈妈培训</span>' in response.text
    assert '<span class="tag tag--audience">孩子参加</span>' in response.text


def test_home_page_shows_the_three_latest_stories(client, home):
    today = dt.date.today()
    for days, title in [(9, "九天前"), (1, "昨天"), (3, "三天前"), (5, "五天前")]:
        StoryPageFactory(title=title, date=today - dt.timedelta(days=days))

    response = client.get("/")

    assert [s.title for s in response.context["latest_stories"]] == ["昨天", "三天前", "五天前"]


def test_every_page_has_the_site_navigation_and_a_main_landmark(client, home):
    story = StoryPageFactory()
    story_index = story.get_parent()

    response = client.get(story.url)

    assert '<main id="main"' in response.text
    assert f'href="{story_index.url}"' in response.text, "the nav does not link the sections"
    assert 'aria-current="true"' in response.text, "the nav does not mark the current section"
