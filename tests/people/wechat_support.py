"""Signing in with WeChat in tests, with WeChat's two answers (the access token, the profile)
made up here: no test ever calls WeChat."""

from contextlib import contextmanager
from unittest import mock
from urllib.parse import parse_qs, urlsplit

from django.urls import reverse

import requests

WECHAT_APP = {"weixin": {"APPS": [{"client_id": "wx-test-app", "secret": "wx-test-secret"}]}}
ACCESS_TOKEN_URL = "https://api.weixin.qq.com/sns/oauth2/access_token"
PROFILE_URL = "https://api.weixin.qq.com/sns/userinfo"


@contextmanager
def fake_wechat(openid: str):
    """WeChat's API answering for the person with ``openid``; the calls made are recorded."""
    calls = []

    def answer(session, method, url, **kwargs):
        calls.append((method, url, kwargs))
        response = mock.Mock(spec=requests.Response, status_code=200)
        if url == ACCESS_TOKEN_URL:
            response.json.return_value = {
                "access_token": "made-up-token",
                "expires_in": 7200,
                "refresh_token": "made-up-refresh",
                "openid": openid,
                "scope": "snsapi_login",
            }
        elif url == PROFILE_URL:
            response.json.return_value = {"openid": openid, "nickname": "Xiaolan", "sex": 2}
        else:
            raise AssertionError(f"a call to {url} that WeChat's sign-in does not make")
        return response

    with mock.patch.object(requests.Session, "request", autospec=True, side_effect=answer):
        yield calls


def wechat_sign_in(client, openid: str = "o-wechat-lixiulan"):
    """She taps 微信登录 and continues, confirms in WeChat, and WeChat sends her back: the
    response to that return (the callback)."""
    start = client.post(reverse("weixin_login"), {"process": "login"})
    assert start.status_code == 302, start
    to_wechat = urlsplit(start["Location"])
    assert to_wechat.netloc == "open.weixin.qq.com", start["Location"]
    state = parse_qs(to_wechat.query)["state"][0]
    with fake_wechat(openid):
        return client.get(reverse("weixin_callback"), {"code": "made-up-code", "state": state})
