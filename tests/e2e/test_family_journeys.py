"""The ways through the site where people got lost (issue 10), walked on a phone:

- a grandmother finds a 亲子 class, is told it is for a caring mother with her paired child,
  and is taken to the classes for children;
- a new family signs up with a texted code in the middle of booking a class, adds the child
  and comes back to the booking to finish it;
- a caring mother books one of a training's sessions that are the same lesson, and cannot
  take a second seat of it.

Every page is screenshot (tests/output/e2e/journey-*.png), measured (16 px text, 44 px
targets) and audited by axe-core on the way.
"""

import re

from django.urls import reverse

from courses.models import SummerClassPage
from enrollment.models import Booking
from people.models import Child, User
from tests import factories
from tests.e2e.browser_support import BROWSER_TEST, layout_problems
from tests.makers import PASSWORD, county, make_mother

pytestmark = BROWSER_TEST


def check(page, name: str) -> None:
    problems = layout_problems(page, f"journey-{name}")
    assert not problems, problems


def submit(page) -> None:
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_a_grandmother_finds_a_parent_child_class_and_is_shown_the_classes_for_children(
    live_server, phone_page
):
    page = phone_page
    index = factories.SummerClassIndexPageFactory()
    pair_class = factories.SummerClassPageFactory(
        parent=index,
        title="亲子绘本阅读",
        format=SummerClassPage.Format.PARENT_CHILD,
        sessions=[factories.session_in(9, capacity=10)],
    )
    factories.SummerClassPageFactory(
        parent=index,
        title="少儿剪纸",
        format=SummerClassPage.Format.CHILD,
        sessions=[factories.session_in(10, capacity=10)],
    )
    page.goto(live_server.url + index.url)
    check(page, "summer-index")
    card = page.locator("article.card", has_text="亲子绘本阅读")
    assert "爱心妈妈带结对孩子参加" in card.inner_text()

    card.locator("a").click()
    page.wait_for_load_state()
    assert page.url.endswith(pair_class.url)
    check(page, "pair-class")
    assert "只能由爱心妈妈为两个人报名" in page.locator("main").inner_text()
    page.locator("main a", has_text="查看孩子参加的课程").click()
    page.wait_for_load_state()

    check(page, "classes-for-children")
    listed = page.locator("main article.card h2").all_inner_texts()
    assert listed == ["少儿剪纸"], listed


def test_a_new_family_signs_up_by_phone_adds_the_child_and_finishes_the_booking(
    live_server, phone_page, sms_outbox
):
    page = phone_page
    lishi = county("lishi", "离石区")
    course = factories.SummerClassPageFactory(
        title="少儿剪纸",
        county=lishi,
        age_min=6,
        age_max=12,
        sessions=[factories.session_in(9, capacity=10)],
    )
    session = course.sessions.get()
    book = reverse("enrollment:session_book", args=[session.pk])

    page.goto(live_server.url + course.url)
    page.locator(f"main a[href='{book}']").click()
    page.wait_for_load_state()
    page.locator("main a[href*='/accounts/signup/']").first.click()
    page.wait_for_load_state()
    check(page, "signup")
    page.fill("input[name=name]", "王桂兰")
    page.fill("input[name=phone]", "138 0013 8000")
    page.fill("input[name=password1]", "lvliang-aixin-2026")
    page.fill("input[name=password2]", "lvliang-aixin-2026")
    submit(page)

    check(page, "verify-phone")
    assert page.locator("input[name=code]").get_attribute("inputmode") == "numeric"
    code = re.search(r"\d{6}", sms_outbox[-1].message).group(0)
    page.fill("input[name=code]", code)
    submit(page)
    assert page.url.endswith(book), page.url
    told = page.locator(".messages").inner_text()
    assert "+86 138 0013 8000" in told and "王桂兰，您已登录" in told, told
    check(page, "book-without-child")

    page.locator("main a", has_text="添加孩子").click()
    page.wait_for_load_state()
    page.locator("input[name=agree]").check()
    submit(page)
    page.fill("input[name=name]", "王小雨")
    page.locator("input[name=gender][value=girl]").check()
    page.fill("input[name=date_of_birth]", "2017-05-01")
    page.select_option("select[name=county]", str(lishi.pk))
    page.fill("input[name=township]", "城北街道")
    page.select_option("select[name=school_stage]", "primary")
    page.select_option("select[name=relationship]", "grandparent")
    submit(page)

    assert page.url.endswith(book), f"not back at the booking: {page.url}"
    check(page, "book-with-child")
    child = Child.objects.get()
    page.locator(f"input[name=child][value='{child.pk}']").check()
    submit(page)
    booking = Booking.objects.get(session=session)
    assert booking.child == child and booking.booker == User.objects.get(phone="+8613800138000")
    assert booking.status == Booking.Status.CONFIRMED
    check(page, "booked")


def test_a_mother_books_one_of_two_sessions_that_are_the_same_lesson(live_server, phone_page):
    page = phone_page
    mother = make_mother(county("lishi", "离石区"), email="li.xiulan@example.org")
    course = factories.TrainingCoursePageFactory(
        title="结对关爱第一课",
        session_plan="alternatives",
        sessions=[factories.session_in(8, capacity=30), factories.session_in(15, capacity=30)],
    )
    first, second = course.sessions.order_by("start")
    page.goto(live_server.url + reverse("account_login") + f"?next={course.url}")
    page.fill("input[name=login]", mother.email)
    page.fill("input[name=password]", PASSWORD)
    submit(page)

    check(page, "alternatives")
    main = page.locator("main").inner_text()
    assert "选一场合适的报名即可" in main and "一次报名" not in main
    page.locator(f"main a[href='{reverse('enrollment:session_book', args=[second.pk])}']").click()
    page.wait_for_load_state()
    submit(page)
    assert Booking.objects.filter(session=second, status=Booking.Status.CONFIRMED).exists()

    page.goto(live_server.url + reverse("enrollment:session_book", args=[first.pk]))
    submit(page)
    check(page, "alternatives-second-refused")
    assert "参加一场就够了" in page.locator("main").inner_text()
    assert not Booking.objects.filter(session=first).exists()
