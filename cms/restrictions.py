"""Which parts of the site are private (Wagtail's page privacy), read once and kept.

Wagtail's ``PageQuerySet.public()`` reads every view restriction each time it is called:
a public page with a listing, the navigation and the sharing tags called it three times per
render, for a table that changes a few times a year. The paths of the restricted pages are
kept in the cache instead (``public_q``, ``is_public``), and forgotten when a restriction is
saved or deleted or a page moves (receivers connected in ``CmsConfig.ready``). Several app
server processes must share the cache (``CACHE_URL``) for a page made private in one to stop
being listed by the others at once; ``check --deploy`` says so (``cms.checks``).

Serving a page still checks its own restrictions through Wagtail (``check_view_restrictions``),
from the database: whether a page may be shown is never answered from the cache.
"""

from django.core.cache import cache
from django.db.models import Q

from wagtail.models import Page, PageViewRestriction

KEY = "cms:restricted-paths"


def restricted_paths() -> tuple[str, ...]:
    """The tree paths of the pages that carry a view restriction (their descendants are
    private too)."""
    paths = cache.get(KEY)
    if paths is None:
        paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(KEY, paths, None)
    return paths


def public_q(prefix: str = "") -> Q:
    """Pages outside every private section, as Wagtail's ``public()`` selects them;
    ``prefix`` reaches the page through a relation (``"course__"``)."""
    private = Q()
    for path in restricted_paths():
        private |= Q(**{f"{prefix}path__startswith": path})
    return ~private if private else Q()


def is_public(page: Page) -> bool:
    return not any(page.path.startswith(path) for path in restricted_paths())


def forget(**kwargs) -> None:
    """Receiver: a restriction or the tree changed."""
    cache.delete(KEY)
