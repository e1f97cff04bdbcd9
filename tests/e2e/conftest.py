"""Fixtures of the real-browser tests: one Debian Chromium, driven by Playwright, for the whole
run, and phone-sized pages in Chinese, each in a fresh browser context (its own cookies) that
is closed after its test."""

import pytest

from tests.e2e.browser_support import CHROMIUM, SCREENSHOTS


@pytest.fixture(scope="session")
def browser():
    """Chromium, started once (it takes a second or two) for every browser test of the run.

    Playwright's sync API keeps its event loop registered as running in this thread while it
    is started, so Django would refuse database access from the tests ("async context");
    DJANGO_ALLOW_ASYNC_UNSAFE allows it, and tests/conftest.py runs the browser tests last so
    that no other test runs under that loop or that setting.
    """
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
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
            yield browser
        finally:
            browser.close()


@pytest.fixture
def phone(browser):
    """A function that opens a new Chinese page of the given size (390 × 844 by default), in
    a context of its own: no cookie or session is left from another test."""
    contexts = []

    def open_page(width: int = 390, height: int = 844):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def phone_page(phone):
    return phone()
