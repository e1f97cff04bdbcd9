"""Response headers that depend on where a page is: the Content-Security-Policy (a strict one
for the site, a looser one the Wagtail and Django admins work under)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from csp.middleware import CSPMiddleware, PolicyParts


def is_admin_path(path: str) -> bool:
    return path.startswith(settings.ADMIN_PATH_PREFIXES)


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with ``ADMIN_CONTENT_SECURITY_POLICY`` for the admins (whose
    scripts and styles are partly inline) and ``CONTENT_SECURITY_POLICY`` everywhere else. A
    view's own policy (django-csp's decorators) still wins, and so does a header a view set
    itself (Wagtail's document view sends ``default-src 'none'``)."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts
