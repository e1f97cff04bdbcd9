"""Sign-in, sign-up and password reset (django-allauth) in the site's own layout."""

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest


@pytest.mark.parametrize("url_name", ["account_login", "account_signup", "account_reset_password"])
def test_account_pages_use_the_site_layout(client, home, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    html = response.text
    assert '<main id="main"' in html, f"{url_name} is not inside the site's main landmark"
    assert 'class="site-header"' in html and "爱心妈妈" in html, (
        f"{url_name} lacks the site header and name"
    )
    assert "<label" in html, f"{url_name} has form fields without labels"


def test_signup_creates_a_user_and_sends_a_verification_email(client, home, mailoutbox):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "wang.mama@example.org",
            "password1": "ai-xin-ma-ma-2026",
            "password2": "ai-xin-ma-ma-2026",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    user = get_user_model().objects.get(email="wang.mama@example.org")
    assert not user.emailaddress_set.get().verified
    assert len(mailoutbox) == 1, "no verification email was sent"
    assert mailoutbox[0].to == ["wang.mama@example.org"]
    assert "/accounts/confirm-email/" in mailoutbox[0].body, "the email lacks the confirm link"


def test_an_unverified_user_cannot_sign_in_yet(client, home, mailoutbox):
    user = get_user_model().objects.create_user(
        username="wang", email="wang.mama@example.org", password="ai-xin-ma-ma-2026"
    )

    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "ai-xin-ma-ma-2026"}
    )

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session, "signed in without a verified email"
    assert len(mailoutbox) == 1, "no verification email was sent on sign-in"
