"""The people pages in a real phone browser (Chromium, 390 × 844, Chinese): a woman signs in
from the recruitment page and applies to become a caring mother; a guardian agrees to the
privacy notice and adds her child. No page may scroll sideways.

Full-page screenshots are written to tests/output/e2e/ for a person to look at.
"""

from django.urls import reverse
from django.utils import timezone

from people.models import Child, PrivacyConsent, Volunteer
from tests.e2e.browser_support import BROWSER_TEST, layout_problems
from tests.makers import PASSWORD, county, make_user

pytestmark = BROWSER_TEST


def check_fits(page, name: str) -> None:
    """Screenshot the page and fail if it does not fit a phone."""
    problems = layout_problems(page, f"people-{name}")
    assert not problems, problems


def sign_in(page, email: str) -> None:
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_a_woman_signs_in_from_the_recruitment_page_and_applies(live_server, phone_page):
    page = phone_page
    lishi = county("lishi", "离石区")
    user = make_user(email="li.hongmei@example.org", name="李红梅")

    page.goto(live_server.url + reverse("people:volunteer"))
    check_fits(page, "volunteer")
    page.locator(f"main a[href^='{reverse('account_login')}?next=']").first.click()
    sign_in(page, user.email)
    assert page.url.endswith(reverse("people:volunteer_apply")), page.url
    check_fits(page, "volunteer-apply")

    page.fill("input[name=phone]", "138 0013 8000")
    page.select_option("select[name=county]", str(lishi.pk))
    page.fill("input[name=township]", "城北街道")
    page.select_option("select[name=sector]", "education")
    page.get_by_label("心理咨询").check()
    page.get_by_label("作业辅导").check()
    page.locator("input[name=max_children][value='2']").check()
    page.fill("textarea[name=availability]", "周末、寒暑假")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    assert page.url.endswith(reverse("people:me")), page.url
    check_fits(page, "me-applicant")
    volunteer = Volunteer.objects.get(user=user)
    assert volunteer.status == Volunteer.Status.SUBMITTED
    assert str(volunteer.phone) == "+8613800138000"
    assert volunteer.max_children == 2
    assert volunteer.skills.count() == 2
    assert "离石区" in page.locator("main").inner_text()


def test_a_guardian_agrees_to_the_privacy_notice_and_adds_her_child(live_server, phone_page):
    page = phone_page
    lishi = county("lishi", "离石区")
    user = make_user(email="zhang.guilan@example.org", name="张桂兰")
    today = timezone.localdate()

    page.goto(live_server.url + reverse("people:child_add"))
    sign_in(page, user.email)
    assert page.url.endswith(reverse("people:privacy_consent")), page.url
    check_fits(page, "privacy-consent")
    assert not Child.objects.exists()

    page.locator("input[name=agree]").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("people:child_add")), page.url
    assert PrivacyConsent.objects.filter(user=user).exists()
    check_fits(page, "child-add")

    # Sent without the child's details: the page opens on what is wrong, focused and linked.
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    focused = page.evaluate("document.activeElement.className")
    assert "error-summary" in focused, f"the focus is on {focused!r}, not on the summary"
    check_fits(page, "child-add-errors")
    page.locator(".error-summary a[href='#id_gender_fieldset']").click()
    assert page.evaluate("location.hash") == "#id_gender_fieldset"

    page.fill("input[name=name]", "张小雨")
    page.locator("input[name=gender][value=girl]").check()
    page.fill("input[name=date_of_birth]", today.replace(year=today.year - 9).isoformat())
    page.select_option("select[name=county]", str(lishi.pk))
    page.fill("input[name=township]", "城北街道")
    page.select_option("select[name=school_stage]", "primary")
    page.select_option("select[name=relationship]", "grandparent")
    page.fill("textarea[name=needs]", "作业辅导")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    assert page.url.split("#")[0].endswith(reverse("people:me")), page.url
    check_fits(page, "me-guardian")
    child = Child.objects.get()
    assert child.guardian == user
    assert child.name == "张小雨"
    assert child.age_on(today) == 9
    assert "张小雨" in page.locator("main").inner_text()
