"""Public pages for anonymous visitors, served from a cache (Redis in production through
``CACHE_URL``, local memory in the quick start), kept for ``PAGE_CACHE_SECONDS`` (0: off).

Why a middleware of ours and not wagtail-cache (or Django's cache middleware): a hit must
cost little more than a static file (the target is 0.7 of WhiteNoise's rate), so it has to
be answered before sessions, authentication, CSRF, messages, CSP and the rest of the stack
run. Both of those fetch from the cache in a middleware that must come LAST in the list, so
every hit still pays for the whole stack (measured here: a hit right after WhiteNoise costs
about what the static file does). wagtail-cache also sends its timeout to browsers as
``Cache-Control: max-age`` (a phone would keep a page a purge cannot reach, and anonymous
pages here carry no max-age), purges single URLs only through a key ring rewritten on every
store, and is not on our package mirror. This one is placed right after WhiteNoise; the
headers the middleware inside it add (CSP, X-Frame-Options, Vary, Content-Language) are
stored with the page and replayed, and SecurityMiddleware, outside it, adds its own to hits
and misses alike, so both carry the same headers.

What is cached: a GET of a Wagtail page (``mark_page`` marks the request) answered 200 that
sets no cookie (so no CSRF token or message was used: those set cookies; a private page's
password form is one), is not marked private / no-store and shows no message. Never served
from the cache: requests carrying the session cookie or the messages cookie, or an
Authorization header. The key holds scheme, host, language and the full path with its query
string, so every filter and page of a listing is kept apart.

Purging without listing keys: every entry records two generations it was rendered under, the
site's and its path's (a token each, kept in the cache). An entry is served only while both
are still current; purging is setting a new token, after the commit. The generations are
read before the page is rendered, so a render that started before a purge is stored under
the old tokens and never served. Content changes are rare and show up in many places (the
navigation, the home page, listings, a story's neighbours), so publishing, unpublishing,
moving or deleting a page, a change of its privacy, of the site settings or of a site purge
the site's generation (``purge_all``, ``cms.signals``). Bookings are frequent and change a
session's seats left, shown on its course page, that page's index and the home page: those
purge only these paths (``purge_page``, ``enrollment.signals``). What changes by itself (a
booking opens at its hour) is not purged: no page is kept past the next such moment
(``cache_seconds``).

Each process also keeps the pages it served for ``PAGE_CACHE_LOCAL_SECONDS`` (``recent``):
in a burst on one page Redis is not asked every time (its client costs more than the rest of
a hit). A purge empties this process's memory at once and reaches the others within those
seconds (the issue allows a full class to show as open for a second or two, no more).
"""

import hashlib
import logging
import math
import secrets
import time
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language_from_request

from wagtail import hooks
from wagtail.models import Page

CACHE_ALIAS = "pages"
logger = logging.getLogger(__name__)
SITE_GENERATION = "gen:site"
CHANGES_AT = "changes-at"
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage
NOT_SHARED = {"private", "no-store", "no-cache"}
MARK = "page_cache_allowed"


def pages_cache():
    return caches[CACHE_ALIAS]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def path_generation_key(path: str) -> str:
    return f"gen:path:{_digest(path)}"


def _response_key(request: HttpRequest) -> str:
    language = get_language_from_request(request)
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{language}:{_digest(where)}"


def _bypass(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or MESSAGES_COOKIE in cookies
        or "HTTP_AUTHORIZATION" in request.META
        or request.path_info.startswith(settings.ADMIN_PATH_PREFIXES)
    )


def _new_token() -> str:
    return secrets.token_hex(8)


def current_generations(cache, keys: tuple[str, str], found: dict) -> tuple[str, str]:
    """The current generations; missing ones (a new cache, an evicted key) are created
    first, before the page is rendered."""
    if all(found.get(key) is not None for key in keys):
        return found[keys[0]], found[keys[1]]
    for key in keys:
        if found.get(key) is None:
            cache.add(key, _new_token(), None)
    current = cache.get_many(keys)
    return current.get(keys[0], ""), current.get(keys[1], "")


MISSING = object()  # nothing kept under the current generation (``None`` may be kept)


def kept_under_site(cache, key: str) -> tuple[str, object]:
    """The site's generation (made first in a new cache) and the value kept at ``key`` under
    it, or ``MISSING`` if it was kept under an earlier generation or not at all. For what is
    kept until the next publish, move or privacy change (``cms.routes``, ``cms.kept_pages``);
    store it as ``(generation, value)``. Raises what the cache raises."""
    found = cache.get_many([SITE_GENERATION, key])
    generation, entry = found.get(SITE_GENERATION), found.get(key)
    if generation is not None and entry is not None and entry[0] == generation:
        return generation, entry[1]
    if generation is None:  # a new cache: the generation is made before the value is computed
        generation = current_generations(cache, (SITE_GENERATION, path_generation_key("/")), found)[
            0
        ]
    return generation, MISSING


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if not getattr(request, MARK, False) or response.status_code != 200:
        return False
    if response.streaming or response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    directives = {
        d.split("=")[0].strip().lower()
        for d in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if directives & NOT_SHARED:
        return False
    # The key holds the language, and the cookies a page may depend on bypass the cache.
    varies = {name.strip().lower() for name in cc_delim_re.split(response.get("Vary", ""))}
    if varies - {"", "cookie", "accept-language"}:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class _Recent:
    """The pages this process served lately, for ``PAGE_CACHE_LOCAL_SECONDS``: a burst of
    visitors to one page is answered without asking the shared cache each time. A purge in
    this process empties it; one in another process reaches it within those seconds."""

    def __init__(self, size: int = 500) -> None:
        self.size = size
        self.entries: dict[str, tuple[float, tuple]] = {}

    def get(self, key: str) -> tuple | None:
        found = self.entries.get(key)
        if found is not None and found[0] > time.monotonic():
            return found[1]
        return None

    def put(self, key: str, entry: tuple) -> None:
        seconds = settings.PAGE_CACHE_LOCAL_SECONDS
        if seconds > 0:
            if len(self.entries) >= self.size:
                self.entries.clear()
            self.entries[key] = (time.monotonic() + seconds, entry)

    def clear(self) -> None:
        self.entries.clear()


recent = _Recent()


def _answer(entry: tuple) -> HttpResponse:
    _, status, headers, content = entry
    return HttpResponse(content, status=status, headers=headers)


class PageCacheMiddleware:
    """Answer anonymous GETs of public pages from the cache; store what may be stored.
    Place it right after WhiteNoise (see the module's docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or request.method != "GET" or _bypass(request):
            return self.get_response(request)
        key = _response_key(request)
        if (entry := recent.get(key)) is not None:
            return _answer(entry)
        cache = pages_cache()
        try:
            entry, generations = _lookup(cache, key, request.path_info)
            if entry is None:
                seconds = cache_seconds(cache, seconds)
        except Exception:  # the cache is down: the page is rendered, as without it
            logger.exception("Page cache: could not read %s", request.path_info)
            return self.get_response(request)
        if entry is not None:
            recent.put(key, entry)
            return _answer(entry)
        response = self.get_response(request)
        if _storable(request, response):
            entry = (generations, response.status_code, dict(response.items()), response.content)
            try:
                cache.set(key, entry, seconds)
            except Exception:
                logger.exception("Page cache: could not store %s", request.path_info)
                return response
            recent.put(key, entry)
        return response


def cache_seconds(cache, seconds: int) -> int:
    """``seconds``, or fewer when what the pages show changes by itself sooner (a session's
    booking opens or closes, a session starts or ends): the earliest time the
    ``page_cache_changes_at`` hooks give (each takes ``now``, returns a time or None). Kept in
    the cache until it passes or a purge of every page; read before the page is rendered."""
    now = timezone.now()
    changes_at = cache.get(CHANGES_AT)
    if changes_at is None or changes_at <= now:
        found = [when for hook in hooks.get_hooks("page_cache_changes_at") if (when := hook(now))]
        changes_at = min([when for when in found if when > now], default=now + timedelta(days=1))
        cache.set(CHANGES_AT, changes_at, seconds)
    return max(1, min(seconds, math.ceil((changes_at - now).total_seconds())))


def _lookup(cache, key: str, path: str) -> tuple[tuple | None, tuple[str, str]]:
    """The entry under ``key`` if it is current, and the current generations (created if
    missing, before the page is rendered)."""
    generation_keys = (SITE_GENERATION, path_generation_key(path))
    found = cache.get_many([*generation_keys, key])
    generations = (found.get(generation_keys[0]), found.get(generation_keys[1]))
    entry = found.get(key)
    if entry is not None and None not in generations and entry[0] == generations:
        return entry, generations
    return None, current_generations(cache, generation_keys, found)


def mark_page(page: Page, request: HttpRequest, serve_args, serve_kwargs) -> None:
    """Wagtail's ``before_serve_page`` hook: this response may be stored. A private page
    never is, with no query of ours: to an anonymous visitor Wagtail answers with a redirect
    to sign in or a password form, which sets the CSRF cookie."""
    setattr(request, MARK, True)


def purge_all() -> None:
    """Every cached page is out of date (content changed): after the commit."""

    def purge() -> None:
        cache = pages_cache()
        cache.set(SITE_GENERATION, _new_token(), None)
        cache.delete(CHANGES_AT)  # sessions may have been added or moved
        recent.clear()

    transaction.on_commit(purge, robust=True)  # logged if the cache is down


def purge_paths(paths: Iterable[str], *, times_changed: bool = False) -> None:
    """These paths (with every query string) are out of date: after the commit.
    ``times_changed``: a session's times changed too (see ``cache_seconds``)."""
    keys = {path_generation_key(path) for path in paths}

    def purge() -> None:
        cache = pages_cache()
        cache.set_many(dict.fromkeys(keys, _new_token()), None)
        if times_changed:
            cache.delete(CHANGES_AT)
        recent.clear()

    if keys:
        transaction.on_commit(purge, robust=True)  # logged if the cache is down


def purge_page(page: Page, *, times_changed: bool = False) -> None:
    """``page`` and the pages above it (its index, the home page), whose paths are the
    beginnings of its own, are out of date."""
    parts = page.get_url_parts()
    path = parts[2] if parts else None
    if not path:
        return
    steps = path.strip("/").split("/") if path.strip("/") else []
    paths = ["/", *("/" + "/".join(steps[:n]) + "/" for n in range(1, len(steps) + 1))]
    purge_paths(paths, times_changed=times_changed)
