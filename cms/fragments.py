"""The parts of a page that are the same for everyone, kept rendered in the cache.

The page cache (``cms.page_cache``) answers anonymous visitors. Everyone else (a mother
signed in to book, a coordinator, a family back from booking) has every page rendered, and
so has an anonymous visitor whose page was just purged or whose filters nobody asked for
yet. What is costly in a render is a page's own content: a listing's filter form and cards,
a story with its pictures and neighbours, a course's facts. That content is the same for
everyone, so it is kept rendered, per page and per query string, and a render that finds it
runs neither its queries nor its templates. What is a person's own (the header's account
link, her bookings of a course's sessions) is outside the kept parts and rendered each time.

How a page uses it: its ``get_context`` calls ``kept_context(request, names, compute)``, which
looks the named parts up (one round trip to the cache) and calls ``compute`` (the queries
that only those parts need) unless every one was found; the template wraps each part in
``{% keep "name" %}…{% endkeep %}`` (``cms.templatetags.fragment_tags``), which shows the
kept HTML or renders the part and keeps it.

Never stale where the page cache is not: a part is kept with the two generations of the page
cache it was rendered under (the site's and its path's, read before rendering), and shown
only while both are current, so every purge of the page cache (publishing, moving,
deleting, privacy, site settings; a booking for its course page, index and home) reaches
the parts too. Nor is it kept past the next moment a booking opens or closes or a session
starts or ends (``page_cache.cache_seconds``), and at most ``FRAGMENT_CACHE_SECONDS``.

Never kept: a preview (a draft, under an admin URL nothing purges), anything but a GET, a
part that holds a CSRF token (a person's own), parts of a page whose names it did not look
up. A cache that is down turns keeping off for the request: the page is rendered whole.
"""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from cms import page_cache

logger = logging.getLogger(__name__)
CONTEXT_NAME = "kept_fragments"
CSRF_FIELD = "csrfmiddlewaretoken"


@dataclass
class KeptFragments:
    """The parts looked up for one render: ``found`` the kept HTML of each part found current,
    ``keys`` where each part is kept; ``generations`` None: keeping is off for this render."""

    keys: dict[str, str] = field(default_factory=dict)
    found: dict[str, str] = field(default_factory=dict)
    generations: tuple[str, str] | None = None

    def has(self, *names: str) -> bool:
        return all(name in self.found for name in names)

    def get(self, name: str) -> str | None:
        return self.found.get(name)

    def keep(self, name: str, html: str) -> None:
        """Keep the rendered part ``name`` (if it was looked up and holds no one's own)."""
        key = self.keys.get(name)
        if key is None or self.generations is None or CSRF_FIELD in html:
            return
        cache = page_cache.pages_cache()
        try:
            seconds = page_cache.cache_seconds(cache, settings.FRAGMENT_CACHE_SECONDS)
            cache.set(key, (self.generations, html), seconds)
        except Exception:  # the cache is down: this render is shown, and kept next time
            logger.exception("Kept fragments: could not keep %s", name)


def _key(request: HttpRequest, name: str) -> str:
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:32]
    return f"fragment:{name}:{get_language()}:{digest}"


def kept_fragments(request: HttpRequest, *names: str) -> KeptFragments:
    """Look up the parts ``names`` of the page ``request`` asks for, in one round trip."""
    if (
        not settings.FRAGMENT_CACHE_SECONDS
        or request.method != "GET"
        or getattr(request, "is_preview", False)
    ):
        return KeptFragments()
    keys = {name: _key(request, name) for name in names}
    generation_keys = (
        page_cache.SITE_GENERATION,
        page_cache.path_generation_key(request.path_info),
    )
    cache = page_cache.pages_cache()
    try:
        found = cache.get_many([*generation_keys, *keys.values()])
        generations = page_cache.current_generations(cache, generation_keys, found)
    except Exception:
        logger.exception("Kept fragments: could not read %s", request.path_info)
        return KeptFragments()
    html = {}
    for name, key in keys.items():
        entry = found.get(key)
        if entry is not None and entry[0] == generations:
            html[name] = entry[1]
    return KeptFragments(keys=keys, found=html, generations=generations)


def kept_context(request: HttpRequest, names: tuple[str, ...], compute: Callable[[], dict]) -> dict:
    """The context for the parts ``names``: what ``compute`` gives (their queries), unless
    every part is kept, and the parts found, for ``{% keep %}``."""
    kept = kept_fragments(request, *names)
    context = {} if kept.has(*names) else compute()
    context[CONTEXT_NAME] = kept
    return context
