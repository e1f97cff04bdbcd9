"""Response headers that depend on where a page is and for whom: the Content-Security-Policy
(a strict one for the site, a looser one the Wagtail and Django admins work under), and
Cache-Control for pages built for a signed-in person."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers

from csp.middleware import CSPMiddleware, PolicyParts


def is_admin_path(path: str) -> bool:
    return path.startswith(settings.ADMIN_PATH_PREFIXES)


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with ``ADMIN_CONTENT_SECURITY_POLICY`` for the admins (whose
    scripts and styles are partly inline) and ``CONTENT_SECURITY_POLICY`` everywhere else, with
    ``CONTENT_SECURITY_POLICY_UPDATES`` added under their paths. A
    view's own policy (django-csp's decorators) still wins, and so does a header a view set
    itself (Wagtail's document view sends ``default-src 'none'``)."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        if not report_only:
            for prefix, update in settings.CONTENT_SECURITY_POLICY_UPDATES.items():
                if request.path_info.startswith(prefix):
                    parts.update = {**update, **(parts.update or {})}
        return parts


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` (and no-cache, max-age=0) on every response built
    for a signed-in person, so that no shared cache (a proxy, a CDN) keeps her pages, her
    children's records or the back office. Pages for anonymous visitors stay cacheable.

    The user is only looked at when the view read the session: a response that never did
    cannot depend on who is signed in, and looking would make every response vary on the
    cookie."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.accessed and request.user.is_authenticated:
            add_never_cache_headers(response)
        return response
