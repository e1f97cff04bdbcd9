"""Accounts by mainland mobile number: numbers are validated and stored as E.164, sign-up
checks the number with a texted code, sign-in works with a password or a one-time code,
numbers can be changed, and duplicates are refused with a clear message."""

import re

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from people.adapters import normalise_mainland_mobile
from people.models import User
from tests.makers import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def texted_code(outbox, phone: str = "+8613800138000") -> str:
    messages = [m.message for m in outbox if m.phone == phone]
    assert messages, f"no text message was sent to {phone}; outbox: {outbox}"
    match = re.search(r"(?<!\d)(\d{6})(?!\d)", messages[-1])
    assert match, f"the text has no six-digit code: {messages[-1]!r}"
    return match.group(1)


def zh(msgid: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(msgid)


def signup_data(**overrides) -> dict:
    return {
        "name": "王丽",
        "phone": "138 0013 8000",
        "email": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
    } | overrides


@pytest.mark.parametrize(
    "typed", ["138 0013 8000", "+86 13800138000", "13800138000", "138-0013-8000"]
)
def test_a_mobile_number_typed_any_usual_way_is_stored_as_e164(client, home, typed):
    response = client.post(reverse("account_signup"), signup_data(phone=typed))

    assert response.status_code == 302, response.context["form"].errors
    assert str(User.objects.get(name="王丽").phone) == "+8613800138000"


@pytest.mark.parametrize(
    ("typed", "msgid"),
    [
        ("12345", "Enter a mainland mobile number, e.g. 138 0013 8000."),
        (
            "010 6552 9988",
            "This is a landline number; enter a mobile number that can receive text messages.",
        ),
        ("+1 202 555 0143", "Only mainland China (+86) mobile numbers can be used."),
        ("+44 7911 123456", "Only mainland China (+86) mobile numbers can be used."),
        ("not a number", "Enter a mainland mobile number, e.g. 138 0013 8000."),
    ],
)
def test_sign_up_refuses_what_is_not_a_mainland_mobile_with_a_message(client, home, typed, msgid):
    response = client.post(reverse("account_signup"), signup_data(phone=typed))

    assert response.status_code == 200
    errors = response.context["form"].errors["phone"]
    assert errors == [zh(msgid)], f"{typed!r}: {errors}"
    assert not User.objects.exists()


def test_normalising_keeps_the_library_s_verdict_not_a_regex():
    assert (
        normalise_mainland_mobile("+86 199 1234 5678") == "+8619912345678"
    )  # 199 is a mobile range
    with pytest.raises(ValidationError) as refused:
        normalise_mainland_mobile("0358 822 1234")  # 吕梁 landline
    assert refused.value.messages == [
        zh("This is a landline number; enter a mobile number that can receive text messages.")
    ]


def test_signing_up_by_phone_texts_a_code_and_signs_her_in_once_it_is_entered(
    client, home, sms_outbox
):
    response = client.post(reverse("account_signup"), signup_data())

    assert response.status_code == 302
    assert response.url == reverse("account_verify_phone")
    user = User.objects.get(phone="+8613800138000")
    assert user.name == "王丽"
    assert not user.phone_verified
    assert "_auth_user_id" not in client.session, "signed in before the number was checked"

    page = client.get(response.url)
    assert page.status_code == 200
    assert "+86 138 0013 8000" in page.text, "the number is not written with spaces"

    response = client.post(reverse("account_verify_phone"), {"code": texted_code(sms_outbox)})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    user.refresh_from_db()
    assert user.phone_verified


def test_a_wrong_phone_code_is_refused_in_chinese(client, home, sms_outbox):
    client.post(reverse("account_signup"), signup_data())
    good = texted_code(sms_outbox)
    wrong = "000000" if good != "000000" else "111111"

    response = client.post(reverse("account_verify_phone"), {"code": wrong})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [zh("Incorrect code.")]
    assert "_auth_user_id" not in client.session


def test_signing_up_with_both_texts_a_code_and_emails_a_link(client, home, sms_outbox, mailoutbox):
    client.post(reverse("account_signup"), signup_data(email="wang.li@example.org"))

    client.post(reverse("account_verify_phone"), {"code": texted_code(sms_outbox)})

    user = User.objects.get(phone="+8613800138000")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.email == "wang.li@example.org"
    assert [m.to for m in mailoutbox] == [["wang.li@example.org"]]
    assert "/accounts/confirm-email/" in mailoutbox[0].body


def test_sign_up_needs_a_phone_or_an_email(client, home):
    response = client.post(reverse("account_signup"), signup_data(phone=""))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        zh("Enter a mobile number or an email address.")
    ]


def test_a_number_already_registered_is_refused_with_allauth_s_chinese_message(client, home):
    make_user(phone="+8613800138000", phone_verified=True)

    response = client.post(reverse("account_signup"), signup_data(phone="13800138000"))

    assert response.status_code == 200
    message = zh("A user is already registered with this phone number.")
    assert re.search(r"[\u4e00-\u9fff]", message), "allauth's message has no Chinese translation"
    assert response.context["form"].errors["phone"] == [message]
    assert message in response.text
    assert User.objects.count() == 1


def test_an_email_already_registered_is_refused_with_allauth_s_chinese_message(client, home):
    make_user(email="wang.li@example.org")

    response = client.post(
        reverse("account_signup"), signup_data(phone="", email="Wang.Li@example.org")
    )

    assert response.status_code == 200
    message = zh("A user is already registered with this email address.")
    assert re.search(r"[\u4e00-\u9fff]", message)
    assert response.context["form"].errors["email"] == [message]


@pytest.mark.parametrize("typed", ["13800138000", "138 0013 8000", "+8613800138000"])
def test_she_signs_in_with_her_number_and_password(client, home, typed):
    user = make_user(email="", phone="+8613800138000", phone_verified=True)

    response = client.post(reverse("account_login"), {"login": typed, "password": PASSWORD})

    assert response.status_code == 302, response.context["form"].errors
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_wrong_password_for_a_number_gives_allauth_s_chinese_message(client, home):
    make_user(email="", phone="+8613800138000", phone_verified=True)

    response = client.post(reverse("account_login"), {"login": "13800138000", "password": "x"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        zh("The phone number and/or password you specified are not correct.")
    ]


def test_she_signs_in_with_a_code_texted_to_her_number(client, home, sms_outbox):
    user = make_user(email="", phone="+8613800138000", phone_verified=True)

    response = client.post(reverse("account_request_login_code"), {"login": "138 0013 8000"})

    assert response.status_code == 302, response.context["form"].errors
    assert response.url == reverse("account_confirm_login_code")
    response = client.post(response.url, {"code": texted_code(sms_outbox)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_she_signs_in_with_a_code_emailed_to_her(client, home, mailoutbox):
    user = make_user(email="wang.li@example.org")

    response = client.post(reverse("account_request_login_code"), {"login": "wang.li@example.org"})

    assert response.status_code == 302, response.context["form"].errors
    code = re.search(r"(?<!\d)(\d{6})(?!\d)", mailoutbox[-1].body).group(1)
    client.post(reverse("account_confirm_login_code"), {"code": code})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_code_asked_for_an_unknown_number_says_nothing_on_the_page_and_texts_nobody(
    client, home, sms_outbox
):
    response = client.post(reverse("account_request_login_code"), {"login": "13900139000"})

    assert response.status_code == 302, "the page must not reveal that the number is unknown"
    assert sms_outbox == [], "a number without an account was texted"


def test_the_code_request_refuses_a_landline_in_one_box(client, home):
    response = client.post(reverse("account_request_login_code"), {"login": "010 6552 9988"})

    assert response.status_code == 200
    assert response.context["form"].errors["login"] == [
        zh("This is a landline number; enter a mobile number that can receive text messages.")
    ]


def sign_in(client, user, login: str) -> None:
    response = client.post(reverse("account_login"), {"login": login, "password": PASSWORD})
    assert response.status_code == 302, response.context["form"].errors


def test_she_changes_her_number_after_confirming_a_code_sent_to_the_new_one(
    client, home, sms_outbox
):
    user = make_user(email="", phone="+8613800138000", phone_verified=True)
    sign_in(client, user, "13800138000")

    response = client.post(reverse("account_change_phone"), {"phone": "139 0013 9000"})

    assert response.status_code == 302, response.context["form"].errors
    assert response.url == reverse("account_verify_phone")
    code = texted_code(sms_outbox, "+8613900139000")
    response = client.post(reverse("account_verify_phone"), {"code": code})
    assert response.status_code == 302
    user.refresh_from_db()
    assert str(user.phone) == "+8613900139000"
    assert user.phone_verified


def test_changing_to_a_number_of_another_account_is_refused_with_a_message(
    client, home, sms_outbox
):
    make_user(phone="+8613900139000", phone_verified=True)
    user = make_user(email="", phone="+8613800138000", phone_verified=True)
    sign_in(client, user, "13800138000")

    response = client.post(reverse("account_change_phone"), {"phone": "13900139000"})

    assert response.status_code == 200
    assert response.context["form"].errors["phone"] == [
        zh("A user is already registered with this phone number.")
    ]
    assert not sms_outbox, "the other account's owner was texted"


def test_a_member_without_a_number_adds_one_on_the_change_phone_page(client, home, sms_outbox):
    user = make_user(email="wang.li@example.org")
    sign_in(client, user, "wang.li@example.org")

    client.post(reverse("account_change_phone"), {"phone": "13800138000"})
    client.post(reverse("account_verify_phone"), {"code": texted_code(sms_outbox)})

    user.refresh_from_db()
    assert (str(user.phone), user.phone_verified) == ("+8613800138000", True)


class RecordingBackend:
    sent: list = []

    def send(self, phone: str, message: str) -> None:
        self.sent.append((phone, message))


def test_a_real_gateway_is_a_settings_change(client, home, settings, sms_outbox):
    settings.SMS_BACKEND = f"{__name__}.RecordingBackend"
    RecordingBackend.sent.clear()

    client.post(reverse("account_signup"), signup_data())

    assert not sms_outbox
    assert [phone for phone, _message in RecordingBackend.sent] == ["+8613800138000"]


def test_the_sign_in_box_says_mobile_number_or_email(client, home):
    response = client.get(reverse("account_login"))

    assert response.context["form"].fields["login"].label == zh("Mobile number or email address")


def test_after_a_code_sign_in_she_sets_a_new_password_without_the_old_one(client, home, sms_outbox):
    user = make_user(email="", phone="+8613800138000", phone_verified=True)
    client.post(reverse("account_request_login_code"), {"login": "13800138000"})
    client.post(reverse("account_confirm_login_code"), {"code": texted_code(sms_outbox)})

    response = client.post(
        reverse("account_change_password"),
        {"password1": "xin-de-mi-ma-2026", "password2": "xin-de-mi-ma-2026"},
    )

    assert response.status_code == 302, response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password("xin-de-mi-ma-2026")


def test_after_a_password_sign_in_changing_the_password_needs_the_old_one(client, home):
    user = make_user(email="", phone="+8613800138000", phone_verified=True)
    sign_in(client, user, "13800138000")

    response = client.post(
        reverse("account_change_password"),
        {"password1": "xin-de-mi-ma-2026", "password2": "xin-de-mi-ma-2026"},
    )

    assert response.status_code == 200
    assert "oldpassword" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_password_reset_page_points_phone_users_to_a_code(client, home):
    response = client.get(reverse("account_reset_password"))

    assert reverse("account_request_login_code") in response.text


# The codes are 验证码 everywhere (never 签到码, the booking's check-in code, nor allauth's
# 代码, which reads as "program code"), and their box brings up a phone's keypad and takes the
# code from the text message (people.forms.codes).


def code_input(html: str):
    box = BeautifulSoup(html, "html.parser").find("input", attrs={"name": "code"})
    assert box is not None, "no code box on the page"
    return box


def assert_keypad(box) -> None:
    assert box.get("inputmode") == "numeric"
    assert box.get("autocomplete") == "one-time-code"


def test_the_phone_code_page_asks_for_a_验证码_with_the_keypad(client, home, sms_outbox):
    client.post(reverse("account_signup"), signup_data())

    html = client.get(reverse("account_verify_phone")).text

    assert "输入手机验证码" in html
    assert "代码" not in html.replace("验证码", "")
    assert "签到码" not in html
    assert_keypad(code_input(html))


def test_a_wrong_code_says_the_验证码_is_wrong(client, home, sms_outbox):
    client.post(reverse("account_signup"), signup_data())
    good = texted_code(sms_outbox)

    response = client.post(
        reverse("account_verify_phone"), {"code": "000000" if good != "000000" else "111111"}
    )

    assert "验证码不正确" in response.text
    assert "错误代码" not in response.text


def test_the_sign_in_code_page_has_the_keypad_too(client, home, sms_outbox):
    make_user(phone="+8613800138000")
    response = client.post(reverse("account_request_login_code"), {"login": "13800138000"})

    html = client.get(response.url).text

    assert "代码" not in html.replace("验证码", "")
    assert_keypad(code_input(html))
