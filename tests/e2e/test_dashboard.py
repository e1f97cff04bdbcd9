"""The figures dashboard on a phone (390 × 844): city staff (signed in with the second factor)
open /admin/people/figures/ and see the figures, the comparison between counties and the
charts, drawn to the screen's width with labels of at least 16 px, and the page does not
scroll sideways. Screenshot: tests/output/e2e/figures-dashboard.png."""

from django.conf import settings
from django.test import Client

from tests.e2e.browser_support import BROWSER_TEST, SCREENSHOTS, layout_problems
from tests.figures.world import build_world
from tests.makers import signed_in, with_totp

pytestmark = BROWSER_TEST


def test_city_staff_read_the_dashboard_on_a_phone(live_server, phone_page):
    page = phone_page
    world = build_world()
    client = signed_in(Client(), with_totp(world.staff))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    page.goto(live_server.url + "/admin/people/figures/")
    page.wait_for_load_state()
    problems = layout_problems(page, "figures-dashboard")
    assert not problems, problems
    assert "各县对比" in page.locator("main").inner_text()
    charts = page.locator(".figures-chart__svg svg")
    assert charts.count() == 3
    for n in range(3):
        box = charts.nth(n).bounding_box()
        assert box["width"] <= 390, box
    label_px = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('.figures-chart__svg svg text')]
            .filter(t => t.textContent.trim())
            .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a))"""
    )
    assert label_px >= 14, label_px  # 16 units drawn at the phone's chart width
    # The admin scrolls inside its own pane: the charts get their own screenshot.
    page.locator(".figures-charts").screenshot(path=SCREENSHOTS / "figures-dashboard-charts.png")
