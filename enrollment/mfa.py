"""Two-step verification for staff before they see people's records.

Every Wagtail admin view about people (children, volunteers, pairs, the audit log) lives under
``/admin/people/``. Staff who may open children's records (county coordinators, city staff)
and editors are sent from there to allauth's authenticator-app setup until they have an active
TOTP authenticator; allauth then asks for a code at every sign-in.
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


def must_use_mfa(user) -> bool:
    """Whether ``user`` needs two-step verification to open people's records."""
    if not user.is_authenticated:
        return False
    return is_staff_with_children_access(user) or user.groups.filter(name=EDITOR_GROUP).exists()


def has_totp(user) -> bool:
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


class StaffMfaMiddleware:
    """Redirect staff without an authenticator app away from ``/admin/people/``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
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
