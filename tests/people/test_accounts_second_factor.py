"""Staff pages ask that *this session* passed the second factor, not only that she has an
authenticator: staff signed in some other way (``django.contrib.auth.login()``, which any
login form that is not allauth's calls) are asked for the code from their app before any
page of either admin or the check-in, and get there once they give it. Superusers too."""

import time
from urllib.parse import quote

from django.contrib.auth import login
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)

from people.mfa import must_use_mfa
from tests.enrollment.attendance_support import at, book, training
from tests.makers import (
    county,
    make_child,
    make_city_staff,
    make_coordinator,
    make_editor,
    make_mother,
    make_user,
    sign_in_with_second_factor,
)

pytestmark = pytest.mark.django_db

CODE_MESSAGE = (
    "To protect children's information, enter the code your authenticator app shows to continue."
)


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def make_superuser():
    return make_user(is_superuser=True, is_staff=True)


STAFF = {
    "coordinator": lambda: make_coordinator(county()),
    "city staff": make_city_staff,
    "superuser": make_superuser,
}


@pytest.fixture
def records(db):
    """A child of the coordinator's county and a booking of a session there (check-in)."""
    lishi = county()
    child = make_child(county_obj=lishi, name="张小雨")
    booking = book(training([at(3)], lishi).sessions.get(), make_mother(lishi))
    return child, booking


def staff_pages(child, booking) -> list[str]:
    children = reverse("people_children:index")
    return [
        children,
        reverse("people_children:inspect", args=[child.pk]),
        children + "?export=csv",
        reverse("wagtailusers_users:index"),
        reverse("admin:index"),
        reverse("enrollment:check_in", args=[booking.check_in_token]),
    ]


def signed_in_with_login(client, user) -> None:
    """What a login form that is not allauth's does: ``django.contrib.auth.login()`` after the
    password, then the session cookie."""
    request = RequestFactory().get("/")
    request.session = client.session
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session.save()
    client.cookies["sessionid"] = request.session.session_key


@pytest.mark.parametrize("role", list(STAFF))
def test_staff_signed_in_without_the_second_factor_are_refused_every_staff_page(
    client, home, records, role
):
    user = STAFF[role]()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    signed_in_with_login(client, user)

    for url in staff_pages(*records):
        response = client.get(url)
        assert response.status_code == 302, f"{role} opened {url} with a password alone"
        assert response.url == f"{reverse('mfa_reauthenticate')}?next={quote(url, safe='')}"

    with translation.override("zh-hans"):
        expected = translation.gettext(CODE_MESSAGE)
    assert expected in [str(m) for m in get_messages(response.wsgi_request)]
    page = client.get(response.url)
    assert page.status_code == 200 and 'name="code"' in page.text, "no box for the code"
    assert expected in page.text, "the page does not say why she is asked for the code"
    assert "签到码" not in page.text, "the code box is labelled as a booking's check-in code"


@pytest.mark.parametrize("role", list(STAFF))
def test_staff_who_give_the_code_then_open_every_staff_page(client, home, records, role):
    user = STAFF[role]()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client.force_login(user)
    children = reverse("people_children:index")
    asked = client.get(children)

    response = client.post(asked.url, {"code": totp_code(secret)})

    assert response.status_code == 302 and response.url == children
    for url in staff_pages(*records):
        response = client.get(url)
        assert response.status_code != 302 or not response.url.startswith(
            (reverse("mfa_reauthenticate"), reverse("mfa_activate_totp"))
        ), f"{role}: {url} still asks for the second factor"
    assert client.get(children).status_code == 200


def test_a_wrong_code_does_not_let_her_in(client, home):
    user = make_city_staff()
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    children = reverse("people_children:index")

    client.post(client.get(children).url, {"code": "000000"})

    assert client.get(children).url.startswith(reverse("mfa_reauthenticate"))


def test_a_session_that_passed_the_second_factor_opens_the_superuser_s_pages(client, home):
    user = make_superuser()
    TOTP.activate(user, generate_totp_secret())
    sign_in_with_second_factor(client, user)

    assert client.get(reverse("wagtailusers_users:index")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_password_again_is_not_the_second_factor(client, home):
    """allauth's reauthentication by password records a password, not the code."""
    user = make_city_staff()
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)

    client.post(reverse("account_reauthenticate"), {"password": "ai-xin-ma-ma-2026"})

    assert client.get(reverse("people_children:index")).url.startswith(
        reverse("mfa_reauthenticate")
    )


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (make_superuser, True),
        (lambda: make_user(is_staff=True), True),
        (make_editor, True),
        (make_city_staff, True),
        (lambda: make_coordinator(county()), True),
        (make_user, False),
        (lambda: make_mother(county()), False),
    ],
    ids=["superuser", "is_staff", "editor", "city staff", "coordinator", "member", "mother"],
)
def test_everyone_who_may_use_an_admin_must_use_two_step_verification(make, expected):
    assert must_use_mfa(make()) is expected
