"""Two-step verification for staff before they see people's records.

Every Wagtail admin view about people (children, volunteers, pairs, the audit log) lives under
``/admin/people/``. Staff who may open children's records (county coordinators, city staff)
and editors are sent from there to allauth's authenticator-app setup until they have an active
TOTP authenticator; allauth then asks for a code at every sign-in.

Signing in to the admins goes through allauth too (``WAGTAILADMIN_LOGIN_URL``), which is where
the code is asked for and failed passwords are rate limited. Wagtail's and Django's own login
forms (``/admin/login/``, ``/django-admin/login/``) would skip both, so the middleware sends
them to allauth's sign-in page as well.
"""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled

from enrollment.roles import EDITOR_GROUP, is_staff_with_children_access


def people_admin_prefix() -> str:
    return reverse("wagtailadmin_home") + "people/"


def other_login_paths() -> set[str]:
    """Login forms that are not allauth's and would skip its code and rate limits."""
    return {reverse("wagtailadmin_login"), reverse("admin:login")}


def must_use_mfa(user) -> bool:
    """Whether ``user`` needs two-step verification to open people's records."""
    if not user.is_authenticated:
        return False
    return is_staff_with_children_access(user) or user.groups.filter(name=EDITOR_GROUP).exists()


def has_totp(user) -> bool:
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


class StaffMfaMiddleware:
    """Redirect staff without an authenticator app away from ``/admin/people/``, and the
    admins' own login forms to allauth's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path in other_login_paths():
            query = request.META.get("QUERY_STRING")
            return HttpResponseRedirect(reverse("account_login") + (f"?{query}" if query else ""))
        if (
            request.path.startswith(people_admin_prefix())
            and must_use_mfa(request.user)
            and not has_totp(request.user)
        ):
            messages.warning(
                request,
                _(
                    "To protect children's information, please turn on two-step verification "
                    "first: scan the QR code with an authenticator app and enter the code it "
                    "shows."
                ),
            )
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
