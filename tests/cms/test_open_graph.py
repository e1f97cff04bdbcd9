"""A link to a course, a story or the home page, shared in a WeChat group, shows a title, a
sentence and a picture: Open Graph tags with absolute addresses, the page's own cover image
cut to 1200×630, else the site's default picture, and never a private page's image."""

from django.contrib.staticfiles import finders

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from cms.templatetags.open_graph import DEFAULT_DESCRIPTION
from tests import factories
from tests.makers import make_user

pytestmark = pytest.mark.django_db

DEFAULT_IMAGE_URL = "http://testserver/static/img/og-default.png"


def open_graph(response) -> dict[str, str]:
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.text, "html.parser")
    return {
        tag["property"]: tag["content"]
        for tag in soup.find_all("meta", property=lambda value: value and value.startswith("og:"))
    }


def assert_cover_image(og: dict[str, str], image) -> None:
    assert og["og:image"].startswith("http://testserver/media/images/"), og["og:image"]
    assert ".fill-1200x630" in og["og:image"], f"not the 1200×630 cut: {og['og:image']}"
    rendition = image.get_rendition("fill-1200x630")
    assert og["og:image"] == f"http://testserver{rendition.url}"
    assert og["og:image:alt"] == image.description


@pytest.mark.parametrize(
    "factory", [factories.TrainingCoursePageFactory, factories.SummerClassPageFactory]
)
def test_a_course_shares_its_title_summary_cover_and_absolute_address(client, factory):
    course = factory(cover_image=factories.ImageFactory(), summary="每月一次，走进孩子的家。")

    og = open_graph(client.get(course.url))

    assert og["og:title"] == course.title
    assert og["og:description"] == "每月一次，走进孩子的家。"
    assert og["og:url"] == f"http://testserver{course.url}"
    assert og["og:type"] == "website"
    assert og["og:site_name"] == "爱心妈妈"
    assert_cover_image(og, course.cover_image)


def test_a_story_is_an_article_and_its_search_description_comes_first(client):
    story = factories.StoryPageFactory(search_description="她和孩子的第一个夏天")

    og = open_graph(client.get(story.url))

    assert og["og:type"] == "article"
    assert og["og:title"] == story.title
    assert og["og:description"] == "她和孩子的第一个夏天"
    assert og["og:url"] == f"http://testserver{story.url}"
    assert_cover_image(og, story.cover_image)


def test_a_long_summary_is_shortened(client):
    story = factories.StoryPageFactory(summary="爱" * 300)

    og = open_graph(client.get(story.url))

    assert len(og["og:description"]) == 150, "a 300-character summary, shortened to 150"


def test_the_home_page_shares_its_hero_image(client, home):
    home.hero_image = factories.ImageFactory()
    home.intro = "市妇联爱心妈妈结对关爱项目"
    home.save_revision().publish()

    og = open_graph(client.get("/"))

    assert og["og:url"] == "http://testserver/"
    assert og["og:description"] == "市妇联爱心妈妈结对关爱项目"
    assert_cover_image(og, home.hero_image)


def test_a_page_without_an_image_or_description_gets_the_site_s_default(client, home):
    home.hero_image = None
    home.intro = ""
    home.search_description = ""
    home.save_revision().publish()
    course = factories.TrainingCoursePageFactory(cover_image=None)

    home_og = open_graph(client.get("/"))
    course_og = open_graph(client.get(course.url))

    assert home_og["og:image"] == DEFAULT_IMAGE_URL
    assert home_og["og:description"] == str(DEFAULT_DESCRIPTION)
    assert "妇联" in home_og["og:description"], "the default sentence is in Chinese"
    assert course_og["og:image"] == DEFAULT_IMAGE_URL
    assert course_og["og:image:width"] == "1200" and course_og["og:image:height"] == "630"


def test_the_default_picture_is_a_1200_by_630_file_of_the_site():
    path = finders.find("img/og-default.png")

    assert path is not None
    assert Image.open(path).size == (1200, 630)


@pytest.mark.parametrize("restricted", ["the page", "its index page"])
def test_a_private_page_never_names_its_image(client, restricted):
    course = factories.TrainingCoursePageFactory(cover_image=factories.ImageFactory())
    target = course if restricted == "the page" else course.get_parent()
    PageViewRestriction.objects.create(page=target, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(make_user())

    response = client.get(course.url)
    og = open_graph(response)

    assert og["og:image"] == DEFAULT_IMAGE_URL
    assert "/media/images/" not in response.text.split("</head>")[0]


def test_a_story_series_shares_the_series(client):
    series = factories.StorySeriesFactory(slug="meet", name="不如见一面", description="系列简介")
    story = factories.StoryPageFactory(series=series, episode=1)
    url = f"{story.get_parent().url}series/meet/"

    og = open_graph(client.get(url))

    assert og["og:title"] == "不如见一面"
    assert og["og:description"] == "系列简介"
    assert og["og:url"] == f"http://testserver{url}"


def test_pages_that_are_not_content_have_no_open_graph_tags(client, home):
    assert open_graph(client.get("/accounts/login/")) == {}
