"""What every real-browser test shares: Debian's Chromium driven by Playwright, a phone-sized
page in Chinese, and the layout checks. Screenshots go to tests/output/e2e/ for a person to
look at."""

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "output" / "e2e"

# pytestmark for a browser test module. The live server needs real transactions;
# serialized_rollback puts back what data migrations made (home page, site, skills), which
# the flush after a transactional test would otherwise remove.
BROWSER_TEST = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian Chromium is not installed at /usr/bin/chromium (apt install chromium)",
    ),
]


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


def layout_problems(page, name: str) -> list[str]:
    """Screenshot the page as ``name`` and say what is wrong with it on a phone: sideways
    scrolling, no visible main heading, not in the site's layout."""
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    problems = []
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    inner_width = page.evaluate("window.innerWidth")
    if scroll_width > inner_width:
        problems.append(
            f"{name} ({page.url}) scrolls sideways: {scroll_width}px in {inner_width}px"
        )
    if not page.locator("main h1").first.is_visible():
        problems.append(f"{name} ({page.url}): the main heading (main h1) is not visible")
    return problems
