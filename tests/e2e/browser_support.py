"""What every real-browser test module uses: its marks (``BROWSER_TEST``), where Chromium is
and where screenshots go (tests/output/e2e/, for a person to look at), and the layout checks.
The browser itself is a fixture in conftest.py."""

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
