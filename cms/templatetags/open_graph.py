"""Open Graph tags: what a link to a page shows when it is shared (in a WeChat group, say).

Title, description, a picture, the page's address and the site's name, all absolute. The
picture is the page's cover (or hero) image cut to 1200×630, or the site's default picture
when the page has none or is private: a page behind a view restriction never names one of
its images.
"""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from cms.restrictions import is_public

register = template.Library()

# The site's sentence about itself, also base.html's meta description when a page has none.
DEFAULT_DESCRIPTION = _(
    "The women's federation's Caring Mothers: trainings for the volunteer mothers, summer "
    "classes for the children, and the mothers' stories."
)
IMAGE_SPEC = "fill-1200x630"
DEFAULT_IMAGE = "img/og-default.png"
DEFAULT_IMAGE_SIZE = (1200, 630)
DESCRIPTION_LENGTH = 150
IMAGE_FIELDS = ("cover_image", "hero_image")


def page_image(page: Page):
    """The page's own picture to share, or None when it has none or is not public."""
    field = next((name for name in IMAGE_FIELDS if getattr(page, f"{name}_id", None)), None)
    if field is None or not is_public(page):
        return None
    return getattr(page, field)


def page_description(page: Page) -> str:
    return (
        page.search_description
        or getattr(page, "summary", "")
        or getattr(page, "intro", "")
        or str(DEFAULT_DESCRIPTION)
    )


@register.inclusion_tag("includes/open_graph.html", takes_context=True)
def open_graph(context, title: str = "", description: str = "") -> dict:
    """The tags for the Wagtail page being shown (nothing on other views); ``title`` and
    ``description`` replace the page's own (a route of a page that shows something else)."""
    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, Page):
        return {}
    image = page_image(page)
    if image is not None:
        rendition = image.get_rendition(IMAGE_SPEC)
        image_url, size, alt = rendition.url, (rendition.width, rendition.height), image.description
    else:
        image_url, size, alt = static(DEFAULT_IMAGE), DEFAULT_IMAGE_SIZE, settings.WAGTAIL_SITE_NAME
    return {
        "og": {
            "type": getattr(page, "open_graph_type", "website"),
            "site_name": settings.WAGTAIL_SITE_NAME,
            "title": title or page.seo_title or page.title,
            "description": Truncator(description or page_description(page)).chars(
                DESCRIPTION_LENGTH
            ),
            "url": request.build_absolute_uri(request.path),
            "image": request.build_absolute_uri(image_url),
            "image_width": size[0],
            "image_height": size[1],
            "image_alt": alt,
        }
    }
