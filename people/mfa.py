"""Two-step verification for everyone who works in the back office.

Staff (county coordinators, city staff, editors, superusers, anyone with ``is_staff`` or
Wagtail admin access) open no page of the Wagtail admin (``/admin/``), of Django's admin
(``/django-admin/``) or the door check-in until *this session* has passed the second factor.
Having an authenticator is not enough: a session signed in another way (a login form that is
not allauth's, ``django.contrib.auth.login()``) has not used it. allauth records every step of
a sign-in in the session (``get_authentication_records``); a record with method "mfa" is the
second factor, passed at sign-in, when asked again here, or when setting the app up.

Staff without an authenticator are sent to set one up; staff with one whose session has not
passed it are asked for a code on allauth's page for that (rate limited like sign-in), then
sent back where they were going.

Every sign-in goes through allauth's (its rate limits, its second-factor stage):
``WAGTAILADMIN_LOGIN_URL`` and ``WAGTAIL_FRONTEND_LOGIN_URL`` point there, and the login forms
of Wagtail's admin, Wagtail's private pages (``/_util/login/``) and Django's admin redirect
there, keeping ``next``. (``/_util/authenticate_with_password/…`` is the password of a
password-protected page, not a sign-in: it is left alone.)
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled

from people.roles import is_staff_with_children_access

MFA_METHOD = "mfa"


def staff_area_prefixes() -> tuple[str, ...]:
    """The Wagtail admin and Django's admin."""
    return (reverse("wagtailadmin_home"), reverse("admin:index"))


def other_login_paths() -> set[str]:
    """Login forms that are not allauth's and would skip its code and rate limits."""
    return {reverse("wagtailadmin_login"), reverse("admin:login"), reverse("wagtailcore_login")}


def must_use_mfa(user) -> bool:
    """Whether ``user`` needs two-step verification: anyone who may use an admin or open
    children's records."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or user.is_staff
        or is_staff_with_children_access(user)
        or user.has_perm("wagtailadmin.access_admin")
    )


def has_totp(user) -> bool:
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


def passed_second_factor(request: HttpRequest) -> bool:
    """Whether this session passed allauth's second factor for the signed-in user."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == MFA_METHOD for record in records)


def second_factor_redirect(request: HttpRequest) -> HttpResponse | None:
    """Where staff go before a staff page if this session has not passed the second factor
    (None when it has): to the code, or to setting up the app if they have none."""
    if passed_second_factor(request):
        return None
    if has_totp(request.user):
        messages.warning(
            request,
            _(
                "To protect children's information, enter the code your authenticator app "
                "shows to continue."
            ),
        )
        query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
        return HttpResponseRedirect(f"{reverse('mfa_reauthenticate')}?{query}")
    messages.warning(
        request,
        _(
            "To protect children's information, please turn on two-step verification "
            "first: scan the QR code with an authenticator app and enter the code it "
            "shows."
        ),
    )
    return HttpResponseRedirect(reverse("mfa_activate_totp"))


def record_totp_activation(sender, request, user, authenticator, **kwargs) -> None:
    """Receiver of allauth's ``authenticator_added``: setting up the app takes a code from it
    (after the password again), so this session has passed the second factor; she is not
    asked for another code the moment she is done."""
    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        record_authentication(
            request, user, MFA_METHOD, id=authenticator.pk, type=authenticator.type
        )


class StaffMfaMiddleware:
    """Send the admins' own login forms to allauth's, and staff whose session has not passed
    the second factor away from the admins."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path in other_login_paths():
            query = request.META.get("QUERY_STRING")
            return HttpResponseRedirect(reverse("account_login") + (f"?{query}" if query else ""))
        if request.path.startswith(staff_area_prefixes()) and must_use_mfa(request.user):
            response = second_factor_redirect(request)
            if response is not None:
                return response
        return self.get_response(request)
