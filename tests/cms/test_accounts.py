"""Sign-in, sign-up and password reset (django-allauth) in the site's own layout."""

import re

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


def test_signup_by_email_signs_her_in_and_sends_a_verification_email(client, home, mailoutbox):
    response = client.post(
        reverse("account_signup"),
        {
            "name": "王丽",
            "email": "wang.mama@example.org",
            "password1": "ai-xin-ma-ma-2026",
            "password2": "ai-xin-ma-ma-2026",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    user = get_user_model().objects.get(email="wang.mama@example.org")
    assert user.name == "王丽"
    assert not user.emailaddress_set.get().verified
    assert client.session["_auth_user_id"] == str(user.pk), (
        "email verification is optional (sign-up is by phone or email): she is signed in"
    )
    assert len(mailoutbox) == 1, "no verification email was sent"
    assert mailoutbox[0].to == ["wang.mama@example.org"]
    assert "/accounts/confirm-email/" in mailoutbox[0].body, "the email lacks the confirm link"


def test_the_link_in_the_email_verifies_the_address(client, home, mailoutbox):
    client.post(
        reverse("account_signup"),
        {
            "name": "王丽",
            "email": "wang.mama@example.org",
            "password1": "ai-xin-ma-ma-2026",
            "password2": "ai-xin-ma-ma-2026",
        },
    )
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mailoutbox[0].body).group(1)

    page = client.get(link)
    response = client.post(link)

    assert page.status_code == 200 and '<main id="main"' in page.text
    assert response.status_code == 302
    user = get_user_model().objects.get(email="wang.mama@example.org")
    assert user.emailaddress_set.get().verified


def test_a_user_with_an_unverified_email_can_sign_in(client, home, mailoutbox):
    user = get_user_model().objects.create_user(
        username="wang", email="wang.mama@example.org", password="ai-xin-ma-ma-2026"
    )

    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "ai-xin-ma-ma-2026"}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
