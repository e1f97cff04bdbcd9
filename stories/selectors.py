"""Reads for the story pages."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model

from cms.cards import with_card_images
from cms.models import County
from cms.restrictions import public_q
from cms.vocabulary import use_cached_choices
from stories.models import StoryGalleryImage, StoryPage, StorySeries

GALLERY_RENDITIONS = ["width-360", "width-720"]

STORIES_PER_PAGE = 12


class StoryFilterForm(forms.Form):
    county = forms.ModelChoiceField(
        County.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All counties"),
        label=_("County"),
    )
    series = forms.ModelChoiceField(
        StorySeries.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All series"),
        label=_("Series"),
    )
    tag = forms.SlugField(required=False, widget=forms.HiddenInput, allow_unicode=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_cached_choices(self)


def _stories():
    """Stories anyone may read: live, and not under a view restriction (a private story or
    index is listed nowhere, even to the people allowed to open it)."""
    return with_card_images(
        StoryPage.objects.live().filter(public_q()).select_related("series", "county")
    )


def latest_story_cards(*, limit: int) -> list[StoryPage]:
    """The newest ``limit`` stories anyone may read (for the home page)."""
    return list(_stories().order_by("-date", "-pk")[:limit])


def story_listing(*, index_page, params) -> dict:
    form = StoryFilterForm(params or None)
    stories = _stories().prefetch_related("tags").child_of(index_page).order_by("-date", "-pk")
    if params and form.is_valid():
        data = form.cleaned_data
        if data["county"]:
            stories = stories.filter(county=data["county"])
        if data["series"]:
            stories = stories.filter(series=data["series"])
        if data["tag"]:
            stories = stories.filter(tags__slug=data["tag"])
    page_obj = Paginator(stories, STORIES_PER_PAGE).get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "page_obj": page_obj,
        "stories": page_obj.object_list,
        "filter_query": query.urlencode(),
        "is_filtered": any(v for k, v in params.items() if k != "page"),
        "all_series": list(StorySeries.objects.all()),
    }


def series_episodes(*, index_page, slug: str) -> dict:
    series = get_object_or_404(StorySeries, slug=slug)
    episodes = list(
        _stories()
        .prefetch_related("tags")
        .child_of(index_page)
        .filter(series=series)
        .order_by("episode")
    )
    return {"series": series, "episodes": episodes}


def episode_neighbours(story: StoryPage) -> dict:
    """The previous and next live, public episodes of the story's series, if any."""
    if not story.series_id or story.episode is None:
        return {"previous_episode": None, "next_episode": None}
    siblings = (
        StoryPage.objects.live()
        .filter(public_q(), series_id=story.series_id)
        .only("title", "url_path", "episode")
    )
    # One query for both: a series has a handful of episodes (《不如见一面》 had 7).
    episodes = list(siblings.exclude(episode=None).order_by("episode"))
    return {
        "previous_episode": next(
            (e for e in reversed(episodes) if e.episode < story.episode), None
        ),
        "next_episode": next((e for e in episodes if e.episode > story.episode), None),
    }


def story_gallery(story: StoryPage, *, is_preview: bool = False) -> list[StoryGalleryImage]:
    """The story's gallery pictures with their renditions, in one go (two queries however
    many pictures). A preview shows the pictures held in the unsaved page instead."""
    if is_preview:
        return list(story.gallery_images.all())
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec__in=GALLERY_RENDITIONS)
    )
    return list(
        StoryGalleryImage.objects.filter(page=story)
        .order_by("sort_order")
        .select_related("image")
        .prefetch_related(
            Prefetch("image__renditions", queryset=renditions, to_attr="prefetched_renditions")
        )
    )
