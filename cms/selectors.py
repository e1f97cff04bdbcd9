"""Reads for the home page and site search."""

from datetime import datetime

from django.db.models import Prefetch

from wagtail.images import get_image_model
from wagtail.models import Page

from cms.search import query_terms

CARD_RENDITIONS = ["fill-360x240", "fill-720x480"]


def card_image_prefetch(field: str = "cover_image") -> Prefetch:
    """Fetch a card's image with the renditions the card templates use, in one query."""
    return Prefetch(field, queryset=get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS))


def home_page_context(*, now: datetime) -> dict:
    from courses.models import CoursePage, Session
    from stories.models import StoryPage

    sessions = list(
        Session.objects.upcoming(now)
        .filter(course__in=CoursePage.objects.live().public().values("pk"))
        .select_related("course", "venue__county")
        .prefetch_related(
            Prefetch(
                "course__cover_image",
                queryset=get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS),
            )
        )[:6]
    )
    stories = list(
        StoryPage.objects.live()
        .public()
        .select_related("series", "county")
        .prefetch_related(card_image_prefetch())
        .order_by("-date", "-pk")[:3]
    )
    return {"upcoming_sessions": sessions, "latest_stories": stories}


def search_pages(query: str):
    """Live pages without a view restriction (Wagtail's privacy setting) matching ``query``;
    Chinese words are found inside Chinese text. Private pages are left out for everyone,
    so a result page is the same whoever asks."""
    terms = query_terms(query)
    if not terms:
        return Page.objects.none()
    return Page.objects.live().public().specific().search(terms, operator="and")
