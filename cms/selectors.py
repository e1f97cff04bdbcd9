"""Reads for the home page and site search."""

from datetime import datetime

from wagtail.models import Page

from cms.search import query_terms


def home_page_context(*, now: datetime) -> dict:
    """The home page's listing: the one place the base content reaches into the rooms that
    build on it (courses, stories), through one narrow read each."""
    from courses.selectors import upcoming_session_cards
    from stories.selectors import latest_story_cards

    return {
        "upcoming_sessions": upcoming_session_cards(now=now, limit=6),
        "latest_stories": latest_story_cards(limit=3),
    }


def search_pages(query: str):
    """Live pages without a view restriction (Wagtail's privacy setting) matching ``query``;
    Chinese words are found inside Chinese text. Private pages are left out for everyone,
    so a result page is the same whoever asks."""
    terms = query_terms(query)
    if not terms:
        return Page.objects.none()
    return Page.objects.live().public().specific().search(terms, operator="and")
