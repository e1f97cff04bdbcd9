"""Every way of signing in is allauth's, with its rate limits and its second-factor stage.

The test walks every URL pattern of the site, picks out each one whose view is a login view
(a subclass of Django's LoginView, or a view named for login or authentication: Wagtail's
admin and private-page sign-in, Django's admin sign-in, allauth's own, WeChat's) and checks
what ``LOGIN_VIEWS`` says of it: that it redirects to allauth's sign-in, or that a staff
member's right password (or emailed code, or WeChat) there leads to the second factor and
not into the site. A login view an installed app adds later, not in the table, fails the
test by name.
"""

import re
from collections.abc import Callable

from django.contrib.auth.views import LoginView as DjangoLoginView
from django.test import override_settings
from django.urls import reverse

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.socialaccount.models import SocialAccount

from tests.makers import PASSWORD, make_city_staff
from tests.people.wechat_support import WECHAT_APP, wechat_sign_in
from tests.support import url_patterns

pytestmark = pytest.mark.django_db

NEXT = "/admin/people/children/"
LOOKS_LIKE_LOGIN = re.compile(r"login|authenticat", re.IGNORECASE)


def login_views() -> dict[str, str]:
    """{URL name: route} of every pattern whose view is a login view."""
    found = {}
    for name, route, view in url_patterns():
        is_django_login = isinstance(view, type) and issubclass(view, DjangoLoginView)
        named_login = LOOKS_LIKE_LOGIN.search(f"{name} {getattr(view, '__name__', '')}")
        if is_django_login or named_login:
            found[name] = route
    return found


@pytest.fixture
def staff():
    user = make_city_staff()
    TOTP.activate(user, generate_totp_secret())
    return user


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def redirects_to_allauth(client, name: str, staff, mailoutbox) -> None:
    """GET and POST (with her right password) both go to allauth's sign-in, keeping next."""
    url = reverse(name)
    shown = client.get(f"{url}?next={NEXT}")
    posted = client.post(url, {"username": staff.username, "password": PASSWORD, "next": NEXT})

    assert shown.status_code == 302, f"{url} answered {shown.status_code}"
    assert shown.url == f"{reverse('account_login')}?next={NEXT}", shown.url
    assert posted.status_code == 302 and posted.url == reverse("account_login"), posted
    assert not signed_in(client), f"{url} signed her in with a password alone"


def password_asks_second_factor(client, name: str, staff, mailoutbox) -> None:
    response = client.post(reverse(name), {"login": staff.email, "password": PASSWORD})

    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    assert not signed_in(client), "signed in with the password alone"


def code_asks_second_factor(client, name: str, staff, mailoutbox) -> None:
    """Sign-in by an emailed code (asking for it, then confirming it) asks the second factor
    too, whichever of its two pages the table names."""
    client.post(reverse("account_request_login_code"), {"login": staff.email})
    code = re.search(r"(?<!\d)(\d{6})(?!\d)", mailoutbox[-1].body).group(1)

    response = client.post(reverse("account_confirm_login_code"), {"code": code})

    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    assert not signed_in(client), "signed in with an emailed code alone"


def only_during_a_sign_in(client, name: str, staff, mailoutbox) -> None:
    """The second factor's own page: without a password or code first, back to sign-in."""
    response = client.post(reverse(name), {"code": "123456"})

    assert response.status_code == 302 and response.url == reverse("account_login")
    assert not signed_in(client)


def only_for_the_signed_in(client, name: str, staff, mailoutbox) -> None:
    """Reauthentication confirms who is signed in already; it signs nobody in."""
    response = client.post(reverse(name), {"password": PASSWORD, "code": "123456"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login") + "?next="), response.url
    assert not signed_in(client)


def not_a_sign_in(client, name: str, staff, mailoutbox) -> None:
    """The password of a password-protected page or document (Wagtail's view restriction):
    it lets the browser see that page, and signs nobody in."""
    route = login_views()[name]
    url = reverse(name, kwargs=dict.fromkeys(re.findall(r"<int:(\w+)>", route), 1))
    client.post(url, {"password": PASSWORD, "username": staff.username, "return_url": "/"})

    assert not signed_in(client)


def wechat_asks_second_factor(client, name: str, staff, mailoutbox) -> None:
    """Sign-in with WeChat (its start, and WeChat's return to the callback) is allauth's too: a
    staff member whose WeChat is connected is asked the second factor, not let in."""
    SocialAccount.objects.create(user=staff, provider="weixin", uid="o-wechat-staff")
    with override_settings(SOCIALACCOUNT_PROVIDERS=WECHAT_APP):
        response = wechat_sign_in(client, "o-wechat-staff")

    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    assert not signed_in(client), "signed in with WeChat alone"


def only_says_what_happened(client, name: str, staff, mailoutbox) -> None:
    """allauth's pages after a cancelled or failed third-party sign-in: a message, no sign-in."""
    response = client.get(reverse(name))

    assert response.status_code in (200, 401), response.status_code
    assert not signed_in(client)


Check = Callable[..., None]
LOGIN_VIEWS: dict[str, Check] = {
    "wagtailcore_login": redirects_to_allauth,  # Wagtail's private pages, /_util/login/
    "wagtailadmin_login": redirects_to_allauth,
    "admin:login": redirects_to_allauth,
    "account_login": password_asks_second_factor,
    "account_request_login_code": code_asks_second_factor,
    "account_confirm_login_code": code_asks_second_factor,
    "mfa_authenticate": only_during_a_sign_in,
    "account_reauthenticate": only_for_the_signed_in,
    "account_request_reauthentication_code": only_for_the_signed_in,
    "account_confirm_reauthentication_code": only_for_the_signed_in,
    "mfa_reauthenticate": only_for_the_signed_in,
    "weixin_login": wechat_asks_second_factor,
    "socialaccount_login_cancelled": only_says_what_happened,
    "socialaccount_login_error": only_says_what_happened,
    "wagtailcore_authenticate_with_password": not_a_sign_in,
    "wagtaildocs_authenticate_with_password": not_a_sign_in,
}


def test_every_login_view_of_the_site_is_in_the_table():
    found = login_views()

    assert set(found) == set(LOGIN_VIEWS), (
        f"login views not in LOGIN_VIEWS: {sorted(set(found) - set(LOGIN_VIEWS))}; "
        f"in LOGIN_VIEWS but not found: {sorted(set(LOGIN_VIEWS) - set(found))}"
    )


@pytest.mark.parametrize("name", list(LOGIN_VIEWS))
def test_each_login_view_goes_through_allauth_and_its_second_factor(
    client, home, staff, mailoutbox, name
):
    LOGIN_VIEWS[name](client, name, staff, mailoutbox)


def test_private_pages_send_visitors_to_allauth_s_sign_in():
    from wagtail.wagtail_hooks import require_wagtail_login

    response = require_wagtail_login(next="/private/")

    assert response.url == f"{reverse('account_login')}?next=/private/"
