"""Staff two-step verification: coordinators, city staff, editors (and superusers, see
test_accounts_second_factor.py) are sent to set up an authenticator app before any admin
page, and staff with one are asked for its code when they sign in, including to the Wagtail
admin; the session that set the app up has passed it."""

import time

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)

from tests.makers import (
    PASSWORD,
    county,
    make_city_staff,
    make_coordinator,
    make_editor,
    make_guardian,
    make_mother,
    make_user,
    sign_in_with_second_factor,
)

pytestmark = pytest.mark.django_db

PEOPLE_PAGE = "/admin/people/anything/"
MFA_MESSAGE = (
    "To protect children's information, please turn on two-step verification first: scan the "
    "QR code with an authenticator app and enter the code it shows."
)


def totp_code(secret: str, offset: int = 0) -> str:
    """The code an authenticator app shows now for ``secret``."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD + offset
    return format_hotp_value(hotp_value(secret, counter))


def with_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


STAFF = {
    "coordinator": lambda: make_coordinator(county()),
    "city staff": make_city_staff,
    "editor": make_editor,
}


@pytest.mark.parametrize("role", list(STAFF))
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, home, role):
    client.force_login(STAFF[role]())

    response = client.get(PEOPLE_PAGE)

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    with translation.override("zh-hans"):
        expected = translation.gettext(MFA_MESSAGE)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [expected]


@pytest.mark.parametrize("role", list(STAFF))
def test_staff_with_an_authenticator_who_passed_it_go_through(client, home, role):
    user = STAFF[role]()
    with_totp(user)
    sign_in_with_second_factor(client, user)

    response = client.get(PEOPLE_PAGE)

    assert response.status_code != 302, f"sent to {response.get('Location')}"


@pytest.mark.parametrize(
    "make",
    [make_user, make_guardian, lambda: make_mother(county())],
    ids=["member", "guardian", "mother"],
)
def test_people_who_are_not_staff_are_left_to_the_admin_s_own_checks(client, home, make):
    client.force_login(make())

    response = client.get(PEOPLE_PAGE)

    assert not (response.status_code == 302 and response.url == reverse("mfa_activate_totp"))


def test_other_admin_pages_ask_for_an_authenticator_too(client, home):
    client.force_login(make_editor())

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")


def test_the_anonymous_visitor_is_sent_to_sign_in_not_to_mfa(client, home):
    response = client.get(PEOPLE_PAGE, follow=True)

    final_url = response.redirect_chain[-1][0]
    assert final_url.startswith(reverse("account_login") + "?next=%2Fadmin%2Fpeople%2Fanything%2F")
    assert response.status_code == 200


# Real transactions: allauth tells of the new authenticator when the activation commits,
# inside the request, as in production (a test transaction would hold it back until after).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_coordinator_sets_up_her_authenticator_and_then_opens_people_pages(client, home):
    coordinator = make_coordinator(county())
    client.post(reverse("account_login"), {"login": coordinator.email, "password": PASSWORD})
    assert client.get(PEOPLE_PAGE).url == reverse("mfa_activate_totp")

    # allauth asks for her password again before a change to two-step verification.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    assert secret in page.text, "the secret is not shown for people who cannot scan the QR code"
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert response.status_code == 302
    assert response.url == reverse("mfa_view_recovery_codes")
    types = set(Authenticator.objects.filter(user=coordinator).values_list("type", flat=True))
    assert types == {"totp", "recovery_codes"}
    assert client.get(PEOPLE_PAGE).status_code != 302, "asked for a code again right after"


def test_the_wagtail_admin_signs_in_through_allauth(client, home):
    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login") + "?next=/admin/")


@pytest.mark.parametrize("login_url", ["/admin/login/", "/django-admin/login/"])
def test_the_admins_own_login_forms_cannot_skip_the_code(client, home, login_url):
    staff = make_city_staff()
    with_totp(staff)

    form = client.get(login_url + "?next=/admin/")
    posted = client.post(login_url, {"username": staff.username, "password": PASSWORD})

    assert form.status_code == 302
    assert form.url == reverse("account_login") + "?next=/admin/"
    assert "_auth_user_id" not in client.session, f"{login_url} signed staff in without a code"
    assert posted.status_code == 302


def test_staff_with_an_authenticator_are_asked_for_its_code_at_sign_in(client, home):
    staff = make_city_staff()
    secret = with_totp(staff)

    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": staff.email, "password": PASSWORD, "next": "/admin/"},
    )

    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session, "signed in with the password alone"
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_when_the_phone_with_the_app_is_lost(client, home):
    staff = make_coordinator(county())
    with_totp(staff)
    recovery_code = RecoveryCodes(
        Authenticator.objects.get(user=staff, type=Authenticator.Type.RECOVERY_CODES)
    ).get_unused_codes()[0]

    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": recovery_code})

    assert client.session["_auth_user_id"] == str(staff.pk)
