"""Sign in with WeChat (allauth's weixin provider), offered when the site has a WeChat app.

The first time, she gives her name and mobile number. A new number becomes a new account,
confirmed with a texted code before she is in; a number that already has an account gets a
sign-in code, and WeChat is connected to that account once she has used it, so that her
bookings and children stay with one person. WeChat's API is made up (wechat_support): no
test calls WeChat.
"""

import time
from unittest import mock

import pytest
from allauth.account import app_settings as account_settings
from allauth.socialaccount.models import SocialAccount
from bs4 import BeautifulSoup

from people.models import User
from people.wechat import PENDING_SESSION_KEY
from tests.cms.test_chinese_ui import english_words
from tests.makers import PASSWORD, make_user
from tests.people.test_accounts_phone import texted_code
from tests.people.wechat_support import WECHAT_APP, wechat_sign_in

pytestmark = pytest.mark.django_db

OPENID = "o-wechat-lixiulan"
NUMBER = "+8613800138000"


@pytest.fixture
def wechat(settings):
    """The site with a WeChat app (what WECHAT_APP_ID and WECHAT_APP_SECRET configure)."""
    settings.SOCIALACCOUNT_PROVIDERS = WECHAT_APP


def signed_in_user(client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def form_action(response) -> list[str]:
    """The form-action sources of the response's Content-Security-Policy."""
    for directive in response["Content-Security-Policy"].split(";"):
        name, *sources = directive.split()
        if name == "form-action":
            return sources
    return []


def wechat_button(response):
    soup = BeautifulSoup(response.text, "html.parser")
    return soup.find("a", string=lambda text: text and "微信登录" in text)


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/"])
def test_without_a_wechat_app_there_is_no_wechat_button(client, home, path):
    response = client.get(path)

    assert response.status_code == 200
    assert wechat_button(response) is None
    assert "/accounts/weixin/" not in response.text


def test_without_a_wechat_app_its_pages_are_not_found(client, home):
    assert client.get("/accounts/weixin/login/").status_code == 404
    assert client.post("/accounts/weixin/login/").status_code == 404
    assert client.get("/accounts/weixin/login/callback/?code=x&state=y").status_code == 404


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/"])
def test_with_a_wechat_app_sign_in_and_sign_up_show_the_wechat_button(client, home, wechat, path):
    response = client.get(f"{path}?next=/me/")

    button = wechat_button(response)
    assert button is not None, f"{path} has no 微信登录 button"
    assert button["href"].startswith("/accounts/weixin/login/?")
    assert "next=%2Fme%2F" in button["href"], "where she was going is kept"


def test_the_page_that_sends_her_to_wechat_may_post_there_and_names_wechat(client, home, wechat):
    response = client.get("/accounts/weixin/login/")

    assert response.status_code == 200
    assert "微信" in response.text
    assert "Weixin" not in response.text
    assert form_action(response) == ["'self'", "https://open.weixin.qq.com"]
    assert form_action(client.get("/accounts/login/")) == ["'self'"]


def test_she_is_sent_to_wechat_with_the_app_id_and_never_the_secret(client, home, wechat):
    response = client.post("/accounts/weixin/login/")

    assert response.status_code == 302
    assert response["Location"].startswith("https://open.weixin.qq.com/connect/qrconnect?")
    assert "appid=wx-test-app" in response["Location"]
    assert "wx-test-secret" not in response["Location"]


def test_a_newcomer_gives_name_and_number_and_ends_with_a_verified_phone(
    client, home, wechat, sms_outbox
):
    response = wechat_sign_in(client, OPENID)
    assert response.status_code == 302 and response["Location"] == "/accounts/3rdparty/signup/"
    form = client.get(response["Location"])
    assert form.status_code == 200 and "手机号" in form.text
    assert signed_in_user(client) is None

    response = client.post(
        "/accounts/3rdparty/signup/", {"name": "李秀兰", "phone": "138 0013 8000"}
    )

    assert response.status_code == 302 and response["Location"] == "/accounts/phone/verify/"
    assert signed_in_user(client) is None, "signed in before confirming her number"
    user = User.objects.get(phone=NUMBER)
    assert not user.phone_verified

    response = client.post("/accounts/phone/verify/", {"code": texted_code(sms_outbox, NUMBER)})

    assert response.status_code == 302
    user.refresh_from_db()
    assert signed_in_user(client) == user
    assert user.phone_verified and user.name == "李秀兰"
    assert SocialAccount.objects.get(provider="weixin", uid=OPENID).user == user
    assert not user.has_usable_password()


def test_next_time_wechat_signs_her_straight_in(client, home, wechat, sms_outbox):
    wechat_sign_in(client, OPENID)
    client.post("/accounts/3rdparty/signup/", {"name": "李秀兰", "phone": "13800138000"})
    client.post("/accounts/phone/verify/", {"code": texted_code(sms_outbox, NUMBER)})
    user = signed_in_user(client)
    client.logout()
    sms_outbox.clear()

    response = wechat_sign_in(client, OPENID)

    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in_user(client) == user
    assert not sms_outbox, "no code needed once her number is confirmed"


def test_a_number_that_has_an_account_gets_wechat_connected_to_it_not_a_second_account(
    client, home, wechat, sms_outbox
):
    existing = make_user(name="王丽", phone=NUMBER)
    users_before = User.objects.count()
    wechat_sign_in(client, OPENID)

    response = client.post("/accounts/3rdparty/signup/", {"name": "王丽", "phone": "138 0013 8000"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/code/confirm/"
    assert signed_in_user(client) is None
    assert not SocialAccount.objects.exists(), "connected before she proved the number"

    response = client.post(
        "/accounts/login/code/confirm/", {"code": texted_code(sms_outbox, NUMBER)}, follow=True
    )

    assert signed_in_user(client) == existing
    assert SocialAccount.objects.get(provider="weixin", uid=OPENID).user == existing
    assert User.objects.count() == users_before, "a second account was made"
    assert "微信" in " ".join(str(m) for m in response.context["messages"])

    client.logout()
    wechat_sign_in(client, OPENID)
    assert signed_in_user(client) == existing, "WeChat now signs in to her existing account"


def test_a_wrong_code_connects_nothing(client, home, wechat, sms_outbox):
    make_user(phone=NUMBER)
    wechat_sign_in(client, OPENID)
    client.post("/accounts/3rdparty/signup/", {"name": "王丽", "phone": "13800138000"})
    right = texted_code(sms_outbox, NUMBER)

    client.post("/accounts/login/code/confirm/", {"code": "000000" if right != "000000" else "1"})

    assert signed_in_user(client) is None
    assert not SocialAccount.objects.exists()


def test_only_the_texted_code_connects_wechat_not_a_password(client, home, wechat, sms_outbox):
    """She may cancel the code and sign in with her password: that signs her in, and does
    not connect WeChat (only the code proves the number she typed)."""
    owner = make_user(phone=NUMBER)
    wechat_sign_in(client, OPENID)
    client.post("/accounts/3rdparty/signup/", {"name": "王丽", "phone": "13800138000"})

    client.post("/accounts/logout/", {"next": "/accounts/login/"})
    client.post("/accounts/login/", {"login": "13800138000", "password": PASSWORD})

    assert signed_in_user(client) == owner
    assert not SocialAccount.objects.exists()
    assert PENDING_SESSION_KEY not in client.session


def test_a_code_asked_for_later_connects_nothing(client, home, wechat, sms_outbox):
    """The code she was texted lapsed; she asks for a new one and signs in with it: she is
    in, and WeChat is not connected (that takes the code texted when she came from WeChat)."""
    owner = make_user(phone=NUMBER)
    wechat_sign_in(client, OPENID)
    client.post("/accounts/3rdparty/signup/", {"name": "王丽", "phone": "13800138000"})

    later = time.time() + account_settings.LOGIN_BY_CODE_TIMEOUT + 1
    with mock.patch("time.time", return_value=later):
        client.get("/accounts/login/code/confirm/")
        client.post("/accounts/login/code/", {"login": "13800138000"})
        client.post("/accounts/login/code/confirm/", {"code": texted_code(sms_outbox, NUMBER)})

    assert len(sms_outbox) == 2, sms_outbox
    assert signed_in_user(client) == owner
    assert not SocialAccount.objects.exists()


def test_the_first_sign_in_form_asks_for_a_mobile_number(client, home, wechat):
    wechat_sign_in(client, OPENID)

    response = client.post("/accounts/3rdparty/signup/", {"name": "李秀兰", "phone": ""})

    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert not User.objects.exists() or not SocialAccount.objects.exists()


def test_nothing_of_the_wechat_profile_is_kept(client, home, wechat, sms_outbox):
    """WeChat sends her nickname, sex and more: only the ids that find her again are kept,
    on the first sign-in and on every one after."""
    wechat_sign_in(client, OPENID)
    client.post("/accounts/3rdparty/signup/", {"name": "李秀兰", "phone": "13800138000"})
    client.post("/accounts/phone/verify/", {"code": texted_code(sms_outbox, NUMBER)})
    client.logout()
    wechat_sign_in(client, OPENID)

    user = User.objects.get(phone=NUMBER)
    assert "Xiaolan" not in (user.name, user.first_name, user.last_name, user.username)
    assert SocialAccount.objects.get(user=user).extra_data == {"openid": OPENID}


def test_the_wechat_pages_are_in_chinese(client, home, wechat, sms_outbox):
    make_user(phone=NUMBER)
    zh = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}
    pages = {
        "sign-in with the button": client.get("/accounts/login/", **zh),
        "on the way to WeChat": client.get("/accounts/weixin/login/", **zh),
    }
    wechat_sign_in(client, OPENID)
    pages["first sign-in form"] = client.get("/accounts/3rdparty/signup/", **zh)
    pages["its errors"] = client.post(
        "/accounts/3rdparty/signup/", {"name": "", "phone": "12345"}, **zh
    )
    pages["the code for her existing account"] = client.post(
        "/accounts/3rdparty/signup/", {"name": "王丽", "phone": "13800138000"}, follow=True, **zh
    )

    found = {}
    for what, response in pages.items():
        assert response.status_code == 200, f"{what}: {response.status_code}"
        if words := english_words(response.content.decode()):
            found[what] = words
    assert not found, f"WeChat's pages show English words to a Chinese reader: {found}"


def test_her_connected_accounts_page_names_wechat_in_chinese(client, home, wechat):
    user = make_user(phone=NUMBER)
    SocialAccount.objects.create(user=user, provider="weixin", uid=OPENID)
    client.force_login(user)

    response = client.get("/accounts/3rdparty/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")

    assert response.status_code == 200
    assert "微信" in response.text
    assert not english_words(response.content.decode()), english_words(response.content.decode())


def test_codes_for_a_number_with_an_account_are_limited_as_sign_in_codes(
    client, home, wechat, sms_outbox
):
    """Typing someone's number in the first-time form texts her a code: no more often than
    asking for a sign-in code does (three a minute for a number)."""
    make_user(phone=NUMBER)
    responses = []
    for _attempt in range(4):
        client.cookies.clear()
        wechat_sign_in(client, OPENID)
        responses.append(
            client.post("/accounts/3rdparty/signup/", {"name": "王丽", "phone": "13800138000"})
        )

    assert [r.status_code for r in responses] == [302, 302, 302, 200]
    assert "phone" in responses[-1].context["form"].errors
    assert len(sms_outbox) == 3
