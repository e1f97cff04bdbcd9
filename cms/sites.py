"""Which Wagtail site a request is for, kept in the cache.

Wagtail finds it with one query per request (``wagtail.models.sites.get_site_for_hostname``),
whose building took about half the time of a page showing only the site's frame (header,
navigation, footer) here. ``CachedSiteMiddleware`` keeps the answer per host and port, once
Wagtail has looked it up for a request, and gives it to Wagtail the way Wagtail keeps it for
the rest of a request (``request._wagtail_site``, see ``Site.find_for_request``). Sites change when an administrator edits one, and their root
page's fields when it is published or moved: the receivers connected in ``CmsConfig.ready``
forget every answer then.
"""

from django.core.cache import caches
from django.http import HttpRequest
from django.http.request import split_domain_port

from wagtail.models import Site

KEY = "cms:sites"


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        host = (split_domain_port(request._get_raw_host())[0], request.get_port())
        sites: dict = caches["kept"].get(KEY) or {}
        if host in sites:
            request._wagtail_site = sites[host]
        response = self.get_response(request)
        # Kept once Wagtail has looked it up for a view that needed it; a request that needs
        # no site (a feed, the health check) never causes the lookup.
        site = getattr(request, "_wagtail_site", None)
        if host not in sites and isinstance(site, Site):
            caches["kept"].set(KEY, {**sites, host: site}, None)
        return response


def forget(**kwargs) -> None:
    """Receiver: a site was saved or deleted, or a page published or moved."""
    caches["kept"].delete(KEY)
