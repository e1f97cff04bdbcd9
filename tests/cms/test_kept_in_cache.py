"""What every public page shows and rarely changes is kept in the cache (the site's sections,
its settings, the filters' choices, which pages are private), and is never shown stale: the
change an editor makes is on the next page anyone opens."""

from django.core.cache import caches

from wagtail.models import PageViewRestriction

import pytest

from cms import navigation, restrictions
from cms.models import County, SiteSettings
from tests.factories import (
    StoryPageFactory,
    SummerClassIndexPageFactory,
    TrainingCoursePageFactory,
    TrainingIndexPageFactory,
    TrainingTopicFactory,
    session_in,
)

pytestmark = pytest.mark.django_db


def nav_html(client) -> str:
    html = client.get("/").content.decode()
    return html.split("<nav", 1)[1].split("</nav>", 1)[0]


def test_a_section_unpublished_or_published_leaves_or_joins_the_header(client, home):
    summer = SummerClassIndexPageFactory()
    assert summer.title in nav_html(client)
    summer.unpublish()
    assert summer.title not in nav_html(client), "an unpublished section is still in the header"
    summer.save_revision().publish()
    assert summer.title in nav_html(client), "a section published again is missing"


def test_a_section_made_private_leaves_the_header_and_its_courses_the_listings(client, home):
    index = TrainingIndexPageFactory()
    course = TrainingCoursePageFactory(sessions=[session_in(3)])
    assert index.title in nav_html(client)
    assert course.title in client.get("/").content.decode()
    restriction = PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.LOGIN
    )
    html = client.get("/").content.decode()
    assert index.title not in nav_html(client), "a private section is still in the header"
    assert course.title not in html, "a private course's session is still on the home page"
    restriction.delete()
    assert course.title in client.get("/").content.decode()


def test_a_private_story_loses_its_sharing_picture_at_once(client, home):
    story = StoryPageFactory()
    client.get("/stories/")  # the restricted paths kept
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    assert restrictions.is_public(story) is False


def test_moving_a_page_forgets_the_private_paths_and_the_sections(home):
    restrictions.restricted_paths()
    navigation.site_sections(home.get_site())
    story = StoryPageFactory()
    story.move(story.get_parent(), pos="last-child")
    kept = caches["kept"]
    assert kept.get(restrictions.KEY) is None and kept.get(navigation.KEY) is None


def test_the_footer_shows_the_settings_as_soon_as_they_are_saved(client, home):
    site_settings = SiteSettings.for_site(home.get_site())
    site_settings.hotline = "0358-1111111"
    site_settings.save()
    assert "0358-1111111" in client.get("/").content.decode()
    site_settings.hotline = "0358-2222222"
    site_settings.save()
    html = client.get("/").content.decode()
    assert "0358-2222222" in html and "0358-1111111" not in html


def test_a_new_county_or_topic_is_offered_by_the_filters_at_once(client, home):
    TrainingCoursePageFactory(sessions=[session_in(3)])
    client.get("/trainings/")
    County.objects.create(name="交口县", slug="jiaokou")
    TrainingTopicFactory(name="亲子沟通")
    html = client.get("/trainings/").content.decode()
    assert "交口县" in html and "亲子沟通" in html
    County.objects.filter(slug="jiaokou").get().delete()
    assert "交口县" not in client.get("/trainings/").content.decode()


def test_a_filter_value_is_still_checked_against_the_database(client, home):
    TrainingCoursePageFactory(sessions=[session_in(3)])
    client.get("/trainings/")
    response = client.get("/trainings/", {"county": "no-such-county"})
    assert response.status_code == 200
    assert response.context["filter_form"].errors.get("county")


def test_the_site_is_found_without_a_query_once_known(client, home):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/")
    with CaptureQueriesContext(connection) as second:
        client.get("/")
    assert not [q for q in second.captured_queries if "wagtailcore_site" in q["sql"]]


def test_a_site_renamed_shows_its_new_name_at_once(client, home):
    site = home.get_site()
    site.site_name = "吕梁爱心妈妈"
    site.save()
    assert "吕梁爱心妈妈" in client.get("/").content.decode()
    site.site_name = "文水爱心妈妈"
    site.save()
    html = client.get("/").content.decode()
    assert "文水爱心妈妈" in html and "吕梁爱心妈妈" not in html
