"""The account pages fit a 360 px phone in Chinese: a real Chromium signs up by phone, enters
the texted code, signs in with a code, changes her number, and a staff member sets up and
uses an authenticator app. Every page must not scroll sideways and must show its heading.

Screenshots go to tests/output/e2e/accounts-*.png for a person to look at.
"""

import re
import time

from django.core.management import call_command

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from people import sms
from tests.e2e.browser_support import BROWSER_TEST, SCREENSHOTS, layout_problems
from tests.makers import PASSWORD, make_city_staff, make_user

pytestmark = BROWSER_TEST


@pytest.fixture
def site(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", verbosity=0)
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def last_code() -> str:
    return re.search(r"(?<!\d)(\d{6})(?!\d)", sms.outbox[-1].message).group(1)


class Checker:
    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.problems: list[str] = []

    def look(self, name: str) -> None:
        self.page.wait_for_load_state("networkidle")
        self.problems += layout_problems(self.page, f"accounts-{name}")

    def open(self, name: str, path: str) -> None:
        response = self.page.goto(self.base_url + path)
        if response is None or response.status != 200:
            self.problems.append(f"{name} ({path}): HTTP {response and response.status}")
        self.look(name)


def test_account_pages_fit_a_phone_screen(live_server, site, phone, settings):
    settings.MFA_TOTP_TOLERANCE = 1  # the next 30-second code is accepted too
    make_user(email="wang.li@example.org", phone="+8613900139000", phone_verified=True)
    staff = make_city_staff(email="staff@example.org")
    page = phone(360, 780)
    check = Checker(page, live_server.url)

    check.open("login", "/accounts/login/")
    check.open("signup", "/accounts/signup/")
    page.fill("#id_name", "王丽")
    page.fill("#id_phone", "12345")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("main button[type=submit]")
    check.look("signup-bad-phone")
    page.fill("#id_phone", "138 0013 8000")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("main button[type=submit]")
    check.look("verify-phone")
    page.fill("#id_code", last_code())
    page.click("main form button[type=submit]")
    check.look("signed-up")

    check.open("change-phone", "/accounts/phone/change/")
    check.open("email", "/accounts/email/")
    check.open("password-change", "/accounts/password/change/")
    check.open("mfa-index", "/accounts/2fa/")
    check.open("delete", "/me/delete/")
    page.context.clear_cookies()

    check.open("request-code", "/accounts/login/code/")
    page.fill("#id_login", "13900139000")
    page.click("main form button[type=submit]")
    check.look("confirm-code")
    page.fill("#id_code", last_code())
    page.click("main form button[type=submit]")
    check.open("password-after-code", "/accounts/password/change/")
    page.context.clear_cookies()
    check.open("password-reset", "/accounts/password/reset/")
    page.context.clear_cookies()

    page.goto(live_server.url + "/admin/")
    page.fill("#id_login", staff.email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.goto(live_server.url + "/admin/people/children/")
    check.look("mfa-required")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    check.look("totp-activate")
    secret = page.locator("#authenticator_secret").input_value()
    page.fill("#id_code", format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    page.click("main form button[type=submit]")
    check.look("recovery-codes")

    # Signing in again: the password alone opens no staff page; the code does.
    page.context.clear_cookies()
    page.goto(live_server.url + "/admin/people/children/")
    page.fill("#id_login", staff.email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    check.look("mfa-authenticate")
    assert "/accounts/2fa/authenticate/" in page.url, f"no code asked, at {page.url}"
    next_window = int(time.time()) // 30 + 1  # the code just used may not be used again
    page.fill("#id_code", format_hotp_value(hotp_value(secret, next_window)))
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=SCREENSHOTS / "accounts-staff-children-list.png", full_page=True)
    assert page.url.endswith("/admin/people/children/"), f"after the code: {page.url}"

    assert not check.problems, "Account pages that do not fit a phone:\n" + "\n".join(
        check.problems
    )
