"""The site's sections (the home page's live, public children) for the header on every page
and the links on the home page, kept in the cache: they change when an editor publishes,
unpublishes, moves or deletes a page or changes its privacy, and the receivers connected in
``CmsConfig.ready`` forget them then."""

from django.core.cache import caches

from wagtail.models import Page, Site

from cms.restrictions import public_q

KEY = "cms:sections"


def site_sections(site: Site) -> list[Page]:
    by_site: dict[int, list[Page]] = caches["kept"].get(KEY) or {}
    if site.pk not in by_site:
        by_site[site.pk] = list(
            Page.objects.child_of(site.root_page).live().filter(public_q()).order_by("path")
        )
        caches["kept"].set(KEY, by_site, None)
    return by_site[site.pk]


def forget(**kwargs) -> None:
    """Receiver: a page was published, unpublished or moved, or a view restriction changed."""
    caches["kept"].delete(KEY)


def forget_deleted_page(sender, instance, **kwargs) -> None:
    """Receiver of every model's ``post_delete``: a page was deleted."""
    if isinstance(instance, Page):
        caches["kept"].delete(KEY)
