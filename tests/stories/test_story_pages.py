"""Stories: created in the admin under the story index, listed newest first with filters,
grouped into series whose episodes are numbered once and linked in order."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from cms.models import HomePage
from stories.models import StoryGalleryImage, StoryIndexPage, StoryPage
from tests.factories import (
    CountyFactory,
    ImageFactory,
    StoryPageFactory,
    StorySeriesFactory,
    paragraph,
)
from tests.support import post_new_page

DUPLICATE_EPISODE = "This series already has an episode with this number."
MISSING_EPISODE = "A story in a series needs an episode number."


def _days_ago(days: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=days)


def _story_form(**overrides) -> dict:
    data = {
        "title": "不如见一面：王妈妈的周末",
        "slug": "wang-mama",
        "series": "",
        "episode": "",
        "date": "2026-06-01",
        "county": str(CountyFactory().pk),
        "tags": "家访, 陪伴",
        "summary": "每个周末，她都去看望结对的孩子。",
        "cover_image": str(ImageFactory().pk),
        "body": streamfield([("paragraph", rich_text("<p>孩子在门口等她。</p>"))]),
        "gallery_images": inline_formset([{"image": str(ImageFactory().pk), "caption": "合影"}]),
    }
    data.update(overrides)
    return nested_form_data(data)


# Where stories live and how they are created -------------------------------------------------


def test_stories_live_only_under_the_story_index():
    assert StoryPage.allowed_parent_page_models() == [StoryIndexPage]
    assert StoryIndexPage.allowed_parent_page_models() == [HomePage]
    assert StoryIndexPage.allowed_subpage_models() == [StoryPage]
    assert StoryPage.allowed_subpage_models() == []


def test_story_cannot_be_created_elsewhere(home, training_index, story_index):
    assert StoryPage.can_create_at(story_index)
    assert not StoryPage.can_create_at(home)
    assert not StoryPage.can_create_at(training_index)
    home.refresh_from_db()
    assert not StoryIndexPage.can_create_at(home), "a second story index was allowed"


def test_editor_creates_a_story_index(editor_client, home):
    data = nested_form_data({"title": "爱心故事", "slug": "stories", "intro": ""})

    response, errors = post_new_page(editor_client, home, StoryIndexPage, data)

    assert not errors, f"creating a story index failed:\n{errors}"
    index = StoryIndexPage.objects.child_of(home).get()
    assert index.live and index.title == "爱心故事", f"created {index!r}, live={index.live}"


def test_editor_creates_a_story_with_tags_and_gallery(editor_client, story_index):
    series = StorySeriesFactory()

    response, errors = post_new_page(
        editor_client, story_index, StoryPage, _story_form(series=str(series.pk), episode="1")
    )

    assert not errors, f"creating a story failed:\n{errors}"
    story = StoryPage.objects.get(slug="wang-mama")
    assert story.live and (story.series, story.episode) == (series, 1)
    assert sorted(tag.name for tag in story.tags.all()) == ["家访", "陪伴"]
    assert story.gallery_images.get().caption == "合影"


def test_admin_refuses_a_duplicate_episode_number(editor_client, story_index):
    series = StorySeriesFactory()
    StoryPageFactory(series=series, episode=1)

    response, errors = post_new_page(
        editor_client, story_index, StoryPage, _story_form(series=str(series.pk), episode="1")
    )

    assert f"episode: {gettext(DUPLICATE_EPISODE)}" in errors, f"duplicate accepted: {errors!r}"
    assert StoryPage.objects.count() == 1


def test_admin_refuses_a_series_story_without_episode_number(editor_client, story_index):
    series = StorySeriesFactory()

    response, errors = post_new_page(
        editor_client, story_index, StoryPage, _story_form(series=str(series.pk))
    )

    assert f"episode: {gettext(MISSING_EPISODE)}" in errors, f"accepted: {errors!r}"


# Episode numbers ------------------------------------------------------------------------


def test_episode_number_is_unique_within_a_series(db):
    series = StorySeriesFactory()
    StoryPageFactory(series=series, episode=2)
    duplicate = StoryPageFactory.build(series=series, episode=2)

    with pytest.raises(ValidationError) as excinfo:
        duplicate.clean()

    assert excinfo.value.message_dict == {"episode": [gettext(DUPLICATE_EPISODE)]}


def test_the_same_episode_number_is_fine_in_another_series(db):
    StoryPageFactory(series=StorySeriesFactory(), episode=1)
    story = StoryPageFactory.build(series=StorySeriesFactory(), episode=1)

    story.clean()


def test_saving_a_story_again_does_not_clash_with_itself(db):
    story = StoryPageFactory(series=StorySeriesFactory(), episode=1)

    story.clean()


def test_a_story_in_a_series_needs_an_episode_number(db):
    story = StoryPageFactory.build(series=StorySeriesFactory(), episode=None)

    with pytest.raises(ValidationError) as excinfo:
        story.clean()

    assert excinfo.value.message_dict == {"episode": [gettext(MISSING_EPISODE)]}


def test_database_refuses_a_duplicate_episode(db):
    series = StorySeriesFactory()
    StoryPageFactory(series=series, episode=3)
    duplicate = StoryPageFactory(series=series, episode=4)
    duplicate.episode = 3

    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save(clean=False)


# Listing ----------------------------------------------------------------------------------


def _listed(client, index, **params) -> list[str]:
    response = client.get(index.url, params)
    assert response.status_code == 200, f"{index.url} {params} answered {response.status_code}"
    return [story.title for story in response.context["stories"]]


def test_story_index_lists_newest_first(client, story_index):
    StoryPageFactory(title="上个月", date=_days_ago(30))
    StoryPageFactory(title="昨天", date=_days_ago(1))
    StoryPageFactory(title="草稿", date=_days_ago(0), live=False)
    StoryPageFactory(title="上周", date=_days_ago(7))

    assert _listed(client, story_index) == ["昨天", "上周", "上个月"]


def test_story_index_filters_by_county_series_and_tag(client, story_index):
    lishi = CountyFactory(slug="lishi")
    series = StorySeriesFactory(slug="meet")
    visit = StoryPageFactory(title="家访", county=lishi, date=_days_ago(1))
    visit.tags.add("家访")
    visit.save_revision().publish()
    StoryPageFactory(title="见面一", series=series, episode=1, date=_days_ago(2))
    StoryPageFactory(title="其他", date=_days_ago(3))

    assert _listed(client, story_index, county="lishi") == ["家访"]
    assert _listed(client, story_index, series="meet") == ["见面一"]
    assert _listed(client, story_index, tag="家访") == ["家访"]


def test_story_tags_link_to_the_filtered_listing(client, story_index):
    story = StoryPageFactory()
    story.tags.add("陪伴")
    story.save_revision().publish()

    response = client.get(story.url)

    assert "?tag=%E9%99%AA%E4%BC%B4" in response.text, "the tag does not link to its stories"


@pytest.mark.parametrize("params", [{"county": "atlantis"}, {"series": "nope"}, {"page": "x"}])
def test_invalid_story_filters_do_not_crash(client, story_index, params):
    StoryPageFactory(title="一篇")

    response = client.get(story_index.url, params)

    assert response.status_code == 200
    assert [s.title for s in response.context["stories"]] == ["一篇"], "a bad filter hid stories"


def test_story_index_shows_twelve_stories_a_page(client, story_index):
    for n in range(13):
        StoryPageFactory(title=f"故事{n:02d}", date=_days_ago(n), cover_image=None)

    assert _listed(client, story_index) == [f"故事{n:02d}" for n in range(12)]
    assert _listed(client, story_index, page="2") == ["故事12"]
    assert _listed(client, story_index, page="99") == ["故事12"]


# Series and episodes ----------------------------------------------------------------------


@pytest.fixture
def series_of_three(story_index):
    series = StorySeriesFactory(name="不如见一面", slug="meet")
    third = StoryPageFactory(title="第三集", series=series, episode=3, date=_days_ago(1))
    first = StoryPageFactory(title="第一集", series=series, episode=1, date=_days_ago(3))
    second = StoryPageFactory(title="第二集", series=series, episode=2, date=_days_ago(20))
    return series, [first, second, third]


def test_series_page_lists_episodes_in_episode_order(client, story_index, series_of_three):
    StoryPageFactory(title="番外草稿", series=series_of_three[0], episode=4, live=False)

    response = client.get(f"{story_index.url}series/meet/")

    assert response.status_code == 200
    assert [s.title for s in response.context["episodes"]] == ["第一集", "第二集", "第三集"]
    assert "不如见一面" in response.text


def test_unknown_series_is_not_found(client, story_index):
    assert client.get(f"{story_index.url}series/nope/").status_code == 404


def test_story_page_links_previous_and_next_episodes(client, series_of_three):
    first, second, third = series_of_three[1]

    response = client.get(second.url)

    assert response.status_code == 200
    assert f'rel="prev" href="{first.url}"' in response.text, "no link to the previous episode"
    assert f'rel="next" href="{third.url}"' in response.text, "no link to the next episode"


def test_first_and_last_episodes_link_one_way(client, series_of_three):
    first, _, third = series_of_three[1]

    first_html = client.get(first.url).text
    third_html = client.get(third.url).text

    assert 'rel="prev"' not in first_html and 'rel="next"' in first_html
    assert 'rel="next"' not in third_html and 'rel="prev"' in third_html


def test_unpublished_episode_is_skipped_by_the_links(client, series_of_three):
    first, second, third = series_of_three[1]
    second.unpublish()

    html = client.get(first.url).text

    assert f'rel="next" href="{third.url}"' in html, "the next link points at a draft"


def test_story_page_renders_its_content(client, story_index):
    story = StoryPageFactory(
        title="一次家访", summary="周末的见面。", body=paragraph("<p>她们一起剪纸。</p>")
    )
    story.gallery_images.add(StoryGalleryImage(image=ImageFactory(), caption="窗花"))
    story.save()

    response = client.get(story.url)

    assert response.status_code == 200
    for text in ["一次家访", "周末的见面。", "她们一起剪纸。", story.county.name, "窗花"]:
        assert text in response.text, f"{text!r} is missing from the story page"


def test_admin_preview_shows_the_unsaved_gallery(editor_client, story_index):
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["stories", "storypage", story_index.pk]
    )
    data = _story_form()
    data["gallery_images-0-caption"] = "预览中的图片"

    posted = editor_client.post(url, data)
    preview = editor_client.get(url)

    assert posted.json()["is_valid"], posted.json()
    assert preview.status_code == 200
    assert "预览中的图片" in preview.text, "the preview lost the gallery being edited"
