"""Which page a path leads to, kept in the cache with the page itself.

Wagtail finds the page for ``/trainings/a-course/`` a level at a time: a query for each
level's child with that slug, and another for its specific page (four queries here, about a
third of a page whose content is kept rendered, ``cms.fragments``). The home page's ``route``
keeps the answer per path: the specific page that took the last slug, and how many of the
path's parts it took (a routable page, such as the stories' index, routes the rest itself,
every time). A kept answer is used only while the page cache's site generation is the one it
was found under, so publishing, unpublishing, moving or deleting a page, or changing its
privacy, forgets every answer (``cms.signals``), and it is kept ``FRAGMENT_CACHE_SECONDS``
at most. Only the route is kept: the page is still checked to be live, and its view
restrictions are still checked by Wagtail before it is served. Drafts (previews) do not route.
"""

import hashlib
import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest

from wagtail.models import Page
from wagtail.url_routing import RouteResult

from cms import page_cache

logger = logging.getLogger(__name__)


def _key(root: Page, path_components: list[str]) -> str:
    path = "/".join(path_components)
    return f"kept-route:{root.pk}:{hashlib.sha256(path.encode()).hexdigest()[:32]}"


def kept_route(
    root: Page,
    request: HttpRequest,
    path_components: list[str],
    find: Callable[[HttpRequest, list[str]], RouteResult],
) -> RouteResult:
    """``root.route(request, path_components)``, with ``find`` Wagtail's own, the answer kept."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if not seconds or not path_components:
        return find(request, path_components)
    cache = page_cache.pages_cache()
    key = _key(root, path_components)
    try:
        generation, kept = page_cache.kept_under_site(cache, key)
    except Exception:
        logger.exception("Kept routes: could not read the route of %s", request.path_info)
        return find(request, path_components)
    if kept is not page_cache.MISSING:
        page, taken = kept
        return page.route(request, path_components[taken:])
    result = find(request, path_components)
    page = result.page if isinstance(result, RouteResult) else result[0]
    if page.depth > root.depth:
        try:
            cache.set(key, (generation, (page, page.depth - root.depth)), seconds)
        except Exception:
            logger.exception("Kept routes: could not keep the route of %s", request.path_info)
    return result
