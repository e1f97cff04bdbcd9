"""三必访 on a phone (390 × 844): a caring mother whose paired child's birthday is in three
days sees the birthday visit due on /me/, opens the visit form from it (a reload keeps what
she typed), logs the birthday visit, and sees it no longer due.

Every page is screenshot (tests/output/e2e/visit-*.png), measured and audited by axe-core."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from pairs.models import Visit
from tests.e2e.browser_support import BROWSER_TEST, layout_problems
from tests.makers import PASSWORD, county, make_child, make_mother, make_pair

pytestmark = BROWSER_TEST


def check(page, name: str) -> None:
    problems = layout_problems(page, f"visit-{name}")
    assert not problems, problems


def test_a_mother_logs_a_birthday_visit_and_sees_it_no_longer_due(live_server, phone_page):
    page = phone_page
    lishi = county("lishi", "离石区")
    mother = make_mother(lishi, name="李秀兰", email="li.xiulan@example.org")
    today = timezone.localdate()
    birthday = today + dt.timedelta(days=3)
    child = make_child(
        county_obj=lishi, name="王小雨", date_of_birth=birthday.replace(year=birthday.year - 10)
    )
    pair = make_pair(mother, child)

    page.goto(live_server.url + reverse("account_login") + "?next=/me/")
    page.fill("input[name=login]", mother.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    due = page.locator("section[aria-labelledby=visits-due-heading]")
    assert "生日" in due.inner_text(), due.inner_text()
    check(page, "me-birthday-due")
    due.locator("a[href*='kind=birthday']").click()
    page.wait_for_load_state()

    assert page.locator("input[name=kind][value=birthday]").is_checked()
    page.fill("textarea[name=what_was_done]", "一起过生日，送了一个书包")
    page.reload()
    page.wait_for_load_state()
    assert page.input_value("textarea[name=what_was_done]") == "一起过生日，送了一个书包", (
        "a reload lost what she typed"
    )
    check(page, "form")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    pair_page = reverse("pairs:pair_detail", args=[pair.pk])
    assert page.url == f"{live_server.url}{pair_page}?saved=1", page.locator("main").inner_text()
    assert "走访已保存" in page.locator(".messages").inner_text()
    assert "一起过生日" in page.locator("main").inner_text()
    check(page, "pair-after")
    assert page.evaluate("Object.keys(localStorage).length") == 0, "the draft was not cleared"
    visit = Visit.objects.get()
    assert (visit.kind, visit.visited_on) == ("birthday", today)

    page.goto(live_server.url + "/me/")
    due = page.locator("section[aria-labelledby=visits-due-heading]")
    assert "生日" not in due.inner_text(), due.inner_text()
    check(page, "me-after")
