"""Sign in with WeChat (django-allauth's weixin provider), tied to a mobile number.

A WeChat account on its own says nothing about who she is here, and her bookings and
children hang on her account, found by her mobile number. So the first time she comes with
WeChat she gives her name and mobile number (``people.forms.wechat.WeChatSignupForm``):

- a number without an account: a new account with that number, which she confirms with the
  texted code before she is signed in (allauth's phone verification stage);
- a number that has an account: no second account. She is texted a sign-in code for that
  account (allauth's sign-in by code, with its limits and, for staff, the second factor); once
  she has signed in to it, WeChat is connected to it (``connect_pending_wechat``, called by
  ``people.adapters.AccountAdapter.post_login``).

After that, WeChat signs her straight in to her account.
"""

import time

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.account import app_settings as account_settings
from allauth.account.internal.flows.login import get_authentication_records
from allauth.account.internal.flows.login_by_code import LoginCodeVerificationProcess
from allauth.socialaccount.models import SocialAccount, SocialLogin

from people.models import User

PROVIDER_ID = "weixin"
PENDING_SESSION_KEY = "people_wechat_pending"


def join_existing_account(
    request: HttpRequest, *, sociallogin: SocialLogin, user: User, phone: str
) -> HttpResponse:
    """Text ``user`` a sign-in code for ``phone`` and keep the WeChat login aside until she
    has signed in to that account with it."""
    request.session[PENDING_SESSION_KEY] = {
        "phone": phone,
        "at": time.time(),
        "sociallogin": sociallogin.serialize(),
    }
    LoginCodeVerificationProcess.initiate(request=request, user=user, phone=phone)
    messages.info(
        request,
        _(
            "This mobile number already has an account. Enter the code we texted to it: "
            "WeChat will then be connected to that account."
        ),
    )
    return HttpResponseRedirect(reverse("account_confirm_login_code"))


def connect_pending_wechat(request: HttpRequest, user: User) -> None:
    """After a sign-in: connect the WeChat account kept aside by ``join_existing_account``
    if this sign-in is to that account, by a code texted to that number within the life of a
    code. Any sign-in forgets it: another account, a password instead of the code, a code
    asked for later, connect nothing."""
    pending = request.session.pop(PENDING_SESSION_KEY, None)
    if not isinstance(pending, dict):
        return
    at = pending.get("at", 0)
    if not any(
        record.get("method") == "code"
        and record.get("phone") == pending.get("phone")
        and at <= record.get("at", 0) <= at + account_settings.LOGIN_BY_CODE_TIMEOUT
        for record in get_authentication_records(request, user)
    ):
        return
    try:
        sociallogin = SocialLogin.deserialize(pending["sociallogin"])
    except (KeyError, ValueError):
        return
    account = sociallogin.account
    if SocialAccount.objects.filter(provider=account.provider, uid=account.uid).exists():
        return
    sociallogin.connect(request, user)
    messages.success(
        request, _("WeChat is now connected to your account: next time, sign in with WeChat.")
    )
