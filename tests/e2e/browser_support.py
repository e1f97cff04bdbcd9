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
    scrolling, no visible main heading, text under 16 px, targets under 44 × 44 px, and any
    axe-core violation, of any impact."""
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
    if "/admin/" not in page.url:  # Wagtail's admin is not ours to size or audit
        problems += size_problems(page, name)
        problems += accessibility_problems(page, name)
    return problems


# What a person reads and taps on a phone, measured in the browser: text under 16 px and
# targets under 44 × 44 px. A link inside a sentence is exempt from the size (WCAG 2.5.8's
# inline exception); hidden and visually hidden things are not measured.
SIZES_SCRIPT = r"""
() => {
  const problems = [];
  const seen = (el) => {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && r.right > 0 && r.left < innerWidth;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const small = new Map();
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim();
    const el = walker.currentNode.parentElement;
    if (!text || !el || el.closest('script,style,noscript,[aria-hidden=true]') || !seen(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 15.95) small.set(text.slice(0, 30), size);
  }
  for (const [text, size] of small) problems.push(`text ${size.toFixed(1)}px: ${text}`);
  const targets = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary');
  for (const el of targets) {
    if (!seen(el)) continue;
    let r = el.getBoundingClientRect();
    if ((el.type === 'checkbox' || el.type === 'radio') && el.labels && el.labels.length) {
      const label = el.labels[0].getBoundingClientRect();  // her tap on the label counts
      r = {width: r.width + label.width, height: Math.max(r.height, label.height)};
    }
    if (r.width >= 43.5 && r.height >= 43.5) continue;
    // Inside a sentence: its block has words of its own besides its links and buttons.
    const block = el.closest('p, li, dd, td, figcaption, blockquote');
    let words = '';
    if (block) {
      const copy = block.cloneNode(true);
      copy.querySelectorAll('a, button').forEach(n => n.remove());
      words = copy.textContent.replace(/[\s·|/、，。：:（）()]+/g, '');
    }
    const inline = el.tagName === 'A' && words.length >= 2;
    if (inline) continue;
    const what = (el.textContent || el.value || el.name || el.type || '').trim().slice(0, 20);
    problems.push(`target ${Math.round(r.width)}x${Math.round(r.height)}: <${el.tagName.toLowerCase()}> ${what}`);
  }
  return problems;
}
"""


def size_problems(page, name: str) -> list[str]:
    """Text a person reads under 16 px, and links or buttons smaller than 44 × 44 px."""
    return [f"{name} ({page.url}): {problem}" for problem in page.evaluate(SIZES_SCRIPT)]


def accessibility_problems(page, name: str) -> list[str]:
    """Every axe-core violation on the page (WCAG 2.x A and AA, and best practices), whatever
    its impact: a regression shows in CI."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{name} ({page.url}): axe {violation['id']} ({violation['impact']}): "
        f"{violation['help']} at {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
    ]
