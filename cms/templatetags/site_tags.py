"""Read-only template helpers for the public site: navigation and page labels."""

from django import template
from django.http import HttpRequest
from django.utils.text import Truncator

from wagtail.models import Page, Site

from cms.navigation import site_sections

register = template.Library()


def _sections(request: HttpRequest | None) -> list[Page]:
    """The live, public children of the site's home page (kept in the cache)."""
    if request is None:
        return []
    site = Site.find_for_request(request)
    return site_sections(site) if site is not None else []


def _current(current_path: str, section_path: str) -> str:
    """The aria-current value for a nav link: "page" on the section, "true" inside it."""
    if current_path == section_path:
        return "page"
    return "true" if current_path.startswith(section_path) else ""


@register.inclusion_tag("includes/site_nav.html", takes_context=True)
def site_nav(context) -> dict:
    """The header navigation: home, the home page's sections, search, account links."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    current = context.get("page")
    current_path = getattr(current, "path", "")
    items = [
        {
            "title": section.title,
            "url": section.get_url(request),
            "current": _current(current_path, section.path),
        }
        for section in _sections(request)
    ]
    return {
        "request": request,
        "user": context.get("user"),
        "site_name": site.site_name if site is not None and site.site_name else "",
        "home_url": site.root_page.get_url(request) if site is not None else "/",
        "home_current": "page" if site is not None and current_path == site.root_page.path else "",
        "items": items,
    }


@register.simple_tag(takes_context=True)
def section_pages(context) -> list[Page]:
    """The site's sections (the home page's live children), for links on the home page."""
    return _sections(context.get("request"))


@register.simple_tag(takes_context=True)
def section_url(context, slug: str) -> str:
    """The URL of the site section with ``slug``, or an empty string."""
    request = context.get("request")
    for section in _sections(request):
        if section.slug == slug:
            return section.get_url(request) or ""
    return ""


@register.filter
def page_type_label(page: Page) -> str:
    """The human name of a page's type, e.g. "training course"."""
    return str(page.specific_class._meta.verbose_name) if page.specific_class else ""


@register.filter
def page_summary(page: Page, length: int = 80) -> str:
    """A page's summary, introduction or search description, shortened to ``length``."""
    text = (
        getattr(page, "summary", "")
        or getattr(page, "intro", "")
        or page.search_description
        or getattr(page, "headline", "")
    )
    return Truncator(text).chars(length)
