"""Booking in a real phone browser (Chromium, 390 × 844, Chinese), no JavaScript needed: a
caring mother signs in from a training's Book button, books, finds the booking on /me/ and
cancels it; a guardian books a summer class for her child and, the class being full, is put
on the waiting list. No page may scroll sideways.

Full-page screenshots are written to tests/output/e2e/ for a person to look at.
"""

from django.urls import reverse

from enrollment import services
from enrollment.models import Booking
from tests import factories
from tests.e2e.browser_support import BROWSER_TEST, layout_problems
from tests.makers import PASSWORD, county, make_child, make_guardian, make_mother

pytestmark = BROWSER_TEST


def check_fits(page, name: str) -> None:
    """Screenshot the page and fail if it does not fit a phone."""
    problems = layout_problems(page, f"booking-{name}")
    assert not problems, problems


def sign_in(page, email: str) -> None:
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def submit(page) -> None:
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_a_mother_books_a_training_sees_it_on_me_and_cancels_it(live_server, phone_page):
    page = phone_page
    mother = make_mother(county("lishi", "离石区"), email="li.xiulan@example.org", name="李秀兰")
    course = factories.TrainingCoursePageFactory(
        title="爱心妈妈赋能培训：儿童心理健康",
        sessions=[
            factories.session_in(10, capacity=30, title="第一讲：认识儿童心理"),
            factories.session_in(17, capacity=30, title="第二讲：如何倾听孩子"),
        ],
    )
    session = course.sessions.order_by("start").first()
    book = reverse("enrollment:session_book", args=[session.pk])

    page.goto(live_server.url + course.url)
    check_fits(page, "training-page")
    page.locator(f"main a[href='{book}']").click()
    page.wait_for_load_state()
    sign_in(page, mother.email)
    assert page.url.endswith(book), page.url
    check_fits(page, "training-confirm")

    submit(page)
    booking = Booking.objects.get(session=session)
    assert booking.status == Booking.Status.CONFIRMED
    assert page.url.endswith(reverse("enrollment:booking_detail", args=[booking.pk])), page.url
    assert page.locator("main svg").first.is_visible()  # the check-in QR code
    check_fits(page, "training-booked")

    page.goto(live_server.url + reverse("people:me"))
    check_fits(page, "me-with-booking")
    assert "第一讲" in page.locator("main").inner_text()
    cancel = reverse("enrollment:booking_cancel", args=[booking.pk])
    page.locator(f"main a[href='{cancel}']").click()
    page.wait_for_load_state()
    check_fits(page, "training-cancel")

    submit(page)
    assert page.url.endswith(reverse("people:me")), page.url
    check_fits(page, "me-after-cancel")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_a_guardian_books_a_class_for_her_child_and_is_waitlisted_when_full(
    live_server, phone_page
):
    page = phone_page
    lishi = county("lishi", "离石区")
    course = factories.SummerClassPageFactory(
        title="暑期书法班",
        county=lishi,
        age_min=6,
        age_max=12,
        sessions=[factories.session_in(14, capacity=1, title="第一课：握笔")],
    )
    session = course.sessions.get()
    first = make_guardian()
    seat_holder = services.booking_create(
        session=session, booker=first, child=make_child(guardian=first, name="赵小杰")
    )
    guardian = make_guardian(email="zhang.guihua@example.org", name="张桂花")
    child = make_child(guardian=guardian, county_obj=lishi, name="张小雨", age=8)
    make_child(guardian=guardian, county_obj=lishi, name="张大山", age=15)

    page.goto(live_server.url + reverse("account_login"))
    sign_in(page, guardian.email)
    page.goto(live_server.url + course.url)
    check_fits(page, "class-page-full")
    page.locator(f"main a[href='{reverse('enrollment:session_book', args=[session.pk])}']").click()
    page.wait_for_load_state()
    check_fits(page, "class-confirm")
    checkbox = page.locator(f"input[name=child][value='{child.pk}']")
    assert checkbox.is_checked()  # her only child of the right age is chosen already
    assert "大山" in page.locator("main").inner_text()  # and the older one is explained

    submit(page)
    booking = Booking.objects.get(child=child)
    assert booking.status == Booking.Status.WAITLISTED
    check_fits(page, "class-waitlisted")

    page.goto(live_server.url + reverse("people:me"))
    check_fits(page, "me-waitlisted")
    assert "1" in page.locator(".booking--waitlisted").inner_text()

    # The seat frees up: it is offered to her, and she accepts it from /me/.
    services.booking_cancel(booking=seat_holder, actor=first)
    page.reload()
    check_fits(page, "me-offer")
    page.locator(".booking--offered form button[type=submit]").click()
    page.wait_for_load_state()
    check_fits(page, "class-offer-accepted")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_a_mother_books_a_whole_training_in_one_step(live_server, phone_page):
    page = phone_page
    mother = make_mother(county("lishi", "离石区"), email="kang.yumei@example.org", name="康玉梅")
    course = factories.TrainingCoursePageFactory(
        title="爱心妈妈赋能培训：家庭教育",
        sessions=[factories.session_in(days, capacity=1) for days in (10, 17, 24)],
    )
    full = course.sessions.order_by("start").last()
    other = make_mother(county("lishi", "离石区"))
    services.booking_create(session=full, booker=other)

    page.goto(live_server.url + reverse("account_login"))
    sign_in(page, mother.email)
    page.goto(live_server.url + course.url)
    page.locator(
        f"main a[href='{reverse('enrollment:training_book_all', args=[course.pk])}']"
    ).click()
    page.wait_for_load_state()
    check_fits(page, "book-all-confirm")

    submit(page)
    check_fits(page, "book-all-done")
    statuses = sorted(Booking.objects.filter(booker=mother).values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "waitlisted"]


def test_a_guardian_who_has_not_confirmed_her_email_is_shown_how_to(live_server, phone_page):
    from allauth.account.models import EmailAddress

    page = phone_page
    lishi = county("lishi", "离石区")
    guardian = make_guardian(email="zhao.min@example.org", name="赵敏")
    make_child(guardian=guardian, county_obj=lishi, name="赵小乐", age=8)
    EmailAddress.objects.filter(user=guardian).update(verified=False)
    course = factories.SummerClassPageFactory(
        title="暑期剪纸班", age_min=6, age_max=12, sessions=[factories.session_in(12, capacity=20)]
    )
    book = reverse("enrollment:session_book", args=[course.sessions.get().pk])

    page.goto(live_server.url + book)
    sign_in(page, guardian.email)
    main = page.locator("main")
    assert "预约前请先验证您的手机号或电子邮箱" in main.inner_text()
    assert main.locator(f"a[href='{reverse('account_change_phone')}']").is_visible()
    assert main.locator(f"a[href='{reverse('account_email')}']").is_visible()
    assert main.locator("form button[type=submit]").count() == 0
    check_fits(page, "unconfirmed-contact")
