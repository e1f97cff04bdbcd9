"""The Wagtail page editor works under the admin's Content-Security-Policy: a superuser signs
in with her password and authenticator code, opens a story in the editor, and adds a block
to its body (the StreamField is drawn by the admin's scripts) with no policy violation."""

import time

from django.contrib.auth import get_user_model
from django.urls import reverse

from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)

from tests.e2e.browser_support import BROWSER_TEST
from tests.factories import StoryIndexPageFactory, StoryPageFactory, home_page
from tests.makers import PASSWORD

pytestmark = BROWSER_TEST


def test_the_page_editor_runs_under_the_admin_policy(live_server, phone):
    secret = generate_totp_secret()
    admin = get_user_model().objects.create_superuser(
        username="root", email="root@example.com", password=PASSWORD, name="管理员"
    )
    TOTP.activate(admin, secret)
    home_page()
    story = StoryPageFactory(parent=StoryIndexPageFactory())
    page = phone(1280, 900)
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    editor = reverse("wagtailadmin_pages:edit", args=[story.pk])

    page.goto(f"{live_server.url}{reverse('account_login')}?next={editor}")
    page.fill("#id_login", admin.email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.fill("#id_code", format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}{editor}")

    policy = page.evaluate(
        "() => fetch(location.href).then(r => r.headers.get('content-security-policy'))"
    )
    assert "'unsafe-inline'" in policy, f"the editor was not served the admin policy: {policy}"
    add_block = page.locator("button.c-sf-add-button").first
    add_block.wait_for(state="visible", timeout=15000)
    add_block.click()
    page.locator(".w-combobox").first.wait_for(state="visible", timeout=5000)

    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)
