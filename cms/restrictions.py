"""Which parts of the site are private (Wagtail's page privacy), read once and kept.

Wagtail's ``PageQuerySet.public()`` reads every view restriction each time it is called:
a public page with a listing, the navigation and the sharing tags called it three times per
render, for a table that changes a few times a year. The paths of the restricted pages are
kept in the cache instead (``public_q``, ``is_public``), and forgotten when a restriction is
saved or deleted or a page moves (receivers connected in ``CmsConfig.ready``). Several app
server processes must share the cache (``CACHE_URL``) for a page made private in one to stop
being listed by the others at once; ``check --deploy`` says so (``cms.checks``).

Serving a page still checks its own restrictions through Wagtail (``check_view_restrictions``),
from the database: whether a page may be shown is never answered from the cache. Our pages
read them in one query instead of Wagtail's two (``ViewRestrictionsInOneQueryMixin``).
"""

from django.core.cache import caches
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from wagtail.models import Page, PageViewRestriction

KEY = "cms:restricted-paths"


def restricted_paths() -> tuple[str, ...]:
    """The tree paths of the pages that carry a view restriction (their descendants are
    private too)."""
    paths = caches["kept"].get(KEY)
    if paths is None:
        paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
        caches["kept"].set(KEY, paths, None)
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


class ViewRestrictionsInOneQueryMixin:
    """Wagtail's ``get_view_restrictions`` (checked before every page is served) in one query
    instead of two (the ancestors, then their restrictions), and about a third of the Python:
    the restrictions of the page and of each ancestor, or, for one that is an alias, of its
    source page (``COALESCE(alias_of_id, id)``, as Wagtail's ``add_page_to_check_list``).
    A QuerySet still, as Wagtail's admin orders and filters it."""

    def get_view_restrictions(self):
        paths = [self.path[: Page.steplen * depth] for depth in range(1, self.depth + 1)]
        table = connection.ops.quote_name(Page._meta.db_table)
        alias_of = connection.ops.quote_name(Page._meta.get_field("alias_of").column)
        # The paths are bound parameters; the names come from the model.
        pages = RawSQL(  # noqa: S611
            f"SELECT COALESCE({alias_of}, id) FROM {table} "  # noqa: S608
            f"WHERE path IN ({', '.join(['%s'] * len(paths))})",
            paths,
        )
        return PageViewRestriction.objects.filter(page_id__in=pages)


def forget(**kwargs) -> None:
    """Receiver: a restriction or the tree changed."""
    caches["kept"].delete(KEY)
