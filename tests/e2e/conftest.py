"""Fixtures of the real-browser tests: Debian's Chromium driven by Playwright, and a
phone-sized page in Chinese."""

import pytest

from tests.e2e.browser_support import CHROMIUM, SCREENSHOTS


@pytest.fixture
def phone(monkeypatch):
    """A function that opens a new Chinese page of the given size (390 × 844 by default)."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; tests still read the database
    # between steps, which Django would otherwise refuse in an async context.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-gpu",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            yield lambda width=390, height=844: browser.new_page(
                viewport={"width": width, "height": height}, locale="zh-CN"
            )
        finally:
            browser.close()


@pytest.fixture
def phone_page(phone):
    return phone()
