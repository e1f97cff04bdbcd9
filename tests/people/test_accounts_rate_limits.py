"""Rate limits on sign-in and codes, and a failed-login lockout that cannot shut a person out
for good.

What allauth does (65.22), and what these tests pin:
- ``login_failed`` is "5/15m/key": five wrong passwords for one account block password sign-in
  for that account (even with the right password) until the oldest failure is 15 minutes
  old. The window slides, so someone who keeps guessing can keep password sign-in blocked;
  that is why sign-in by a one-time code (to her own phone or email) does not count failed
  passwords at all and stays open during the block.
- allauth counts failures per email address or username; for a phone number it counted every
  number under one empty key. Our adapter counts per number (``_get_login_attempts_cache_key``).
- ``request_login_code`` is "3/m/key": a fourth code request for one number within a minute is
  refused.
Time is moved by replacing the clock allauth's rate limiter reads (``time.time`` as seen by
``allauth.core.internal.ratelimit``); the cache keeps the timestamps.
"""

import re
import time
import types

from django.urls import reverse
from django.utils import translation

import pytest
from allauth.core.internal import ratelimit as allauth_ratelimit

from tests.makers import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """The rate limiter's clock, which a test can move forward."""
    fake = types.SimpleNamespace(now=time.time(), monotonic=time.monotonic, sleep=time.sleep)
    fake.time = lambda: fake.now
    monkeypatch.setattr(allauth_ratelimit, "time", fake)
    return fake


def zh(msgid: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(msgid)


TOO_MANY = "Too many failed login attempts. Try again later."


def login(client, login: str, password: str):
    return client.post(reverse("account_login"), {"login": login, "password": password})


def fail_five_times(client, login_value: str) -> None:
    for attempt in range(5):
        response = login(client, login_value, "wrong-password")
        assert response.status_code == 200
        assert zh(TOO_MANY) not in response.context["form"].non_field_errors(), (
            f"blocked already at attempt {attempt + 1}"
        )


@pytest.fixture
def member(db):
    return make_user(email="wang.li@example.org", phone="+8613800138000", phone_verified=True)


@pytest.mark.parametrize("login_value", ["wang.li@example.org", "13800138000"])
def test_five_wrong_passwords_block_the_sixth_attempt_even_with_the_right_one(
    client, home, member, clock, login_value
):
    fail_five_times(client, login_value)

    response = login(client, login_value, PASSWORD)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [zh(TOO_MANY)]
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("login_value", ["wang.li@example.org", "13800138000"])
def test_the_block_lifts_after_fifteen_minutes(client, home, member, clock, login_value):
    fail_five_times(client, login_value)

    clock.now += 15 * 60 + 1
    response = login(client, login_value, PASSWORD)

    assert response.status_code == 302, response.context["form"].errors
    assert client.session["_auth_user_id"] == str(member.pk)


def test_the_block_has_not_lifted_a_minute_before(client, home, member, clock):
    fail_five_times(client, "13800138000")

    clock.now += 14 * 60
    response = login(client, "13800138000", PASSWORD)

    assert response.status_code == 200


def test_spelling_the_number_differently_does_not_buy_more_guesses(client, home, member, clock):
    for spelling in [
        "13800138000",
        "138 0013 8000",
        "+8613800138000",
        "138-0013-8000",
        "+86 138 0013 8000",
    ]:
        login(client, spelling, "wrong-password")

    response = login(client, "13800138000", PASSWORD)

    assert response.context["form"].non_field_errors() == [zh(TOO_MANY)]


def test_failed_passwords_for_one_number_do_not_block_another(client, home, member, clock):
    other = make_user(email="", phone="+8613900139000", phone_verified=True)
    fail_five_times(client, "13800138000")

    response = login(client, "13900139000", PASSWORD)

    assert response.status_code == 302, "one number's failures locked out every phone user"
    assert client.session["_auth_user_id"] == str(other.pk)


def test_during_the_block_she_can_still_sign_in_with_a_texted_code(
    client, home, member, clock, sms_outbox
):
    fail_five_times(client, "13800138000")
    assert login(client, "13800138000", PASSWORD).status_code == 200  # blocked

    response = client.post(reverse("account_request_login_code"), {"login": "13800138000"})
    assert response.status_code == 302
    code = re.search(r"(?<!\d)(\d{6})(?!\d)", sms_outbox[-1].message).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_a_fourth_code_request_for_a_number_within_a_minute_is_refused(
    client, home, member, clock, sms_outbox
):
    for _attempt in range(3):
        response = client.post(reverse("account_request_login_code"), {"login": "13800138000"})
        assert response.status_code == 302
        client.cookies.clear()  # a fresh session, as a script would use

    response = client.post(reverse("account_request_login_code"), {"login": "138 0013 8000"})

    assert response.status_code == 200
    assert response.context["form"].errors["login"] == [zh(TOO_MANY)]
    assert len(sms_outbox) == 3

    clock.now += 61
    response = client.post(reverse("account_request_login_code"), {"login": "13800138000"})
    assert response.status_code == 302, "code requests stay blocked after the minute"


def test_wrong_codes_end_the_code_sign_in_after_three_tries(client, home, member, sms_outbox):
    client.post(reverse("account_request_login_code"), {"login": "13800138000"})
    good = re.search(r"(?<!\d)(\d{6})(?!\d)", sms_outbox[-1].message).group(1)
    wrong = "000000" if good != "000000" else "111111"

    for _attempt in range(2):
        response = client.post(reverse("account_confirm_login_code"), {"code": wrong})
        assert response.status_code == 200
    response = client.post(reverse("account_confirm_login_code"), {"code": wrong})
    assert response.status_code == 302
    response = client.post(reverse("account_confirm_login_code"), {"code": good})

    assert "_auth_user_id" not in client.session, "the right code worked after three wrong ones"
