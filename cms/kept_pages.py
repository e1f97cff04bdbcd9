"""A live page by id, as its own page type, kept in the cache with the site's generation.

For the writes that need a page but do not show it, such as a booking POST (the session's
course: its type, its format, its title for the notice). Reading a course page as its own
type joins three tables of Wagtail's page columns; that query and the building of the page
cost about a quarter of a booking. A kept page is used only while the page cache's site
generation is the one it was read under, so publishing, unpublishing, moving or deleting a
page, or changing its privacy, forgets it (``cms.signals``), and it is kept
``FRAGMENT_CACHE_SECONDS`` at most (0, as under pytest: never kept). Whether the page is
live is part of what is kept (``None`` for a page that is not). Its view restrictions are
not: the caller still checks them.
"""

import logging

from django.conf import settings

from wagtail.models import Page

from cms import page_cache

logger = logging.getLogger(__name__)


def _key(model: type[Page], pk: int) -> str:
    return f"live-page:{model._meta.label_lower}:{pk}"


def _load(model: type[Page], pk: int) -> Page | None:
    return model.objects.live().filter(pk=pk).specific().first()


def kept_live_page(model: type[Page], pk: int) -> Page | None:
    """The live page ``pk`` among ``model``'s pages, as its own type, or ``None``."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if not seconds:
        return _load(model, pk)
    cache = page_cache.pages_cache()
    key = _key(model, pk)
    try:
        generation, page = page_cache.kept_under_site(cache, key)
    except Exception:
        logger.exception("Kept pages: could not read page %s", key)
        return _load(model, pk)
    if page is not page_cache.MISSING:
        return page
    page = _load(model, pk)
    try:
        cache.set(key, (generation, page), seconds)
    except Exception:
        logger.exception("Kept pages: could not keep page %s", key)
    return page
