"""Public pages come from a cache for anonymous visitors (``cms.page_cache``): a hit runs no
query; signed-in people, a session cookie, messages and cookies are never cached nor served
from it; publishing and bookings purge what they change; a hit carries the miss's headers."""

import datetime as dt
import time

from django.contrib import messages
from django.db import connection
from django.middleware.csrf import get_token
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.models import PageViewRestriction

import pytest

from cms import page_cache
from enrollment import services
from tests.enrollment.attendance_support import at, book, session_at, summer_class
from tests.factories import StoryPageFactory, SummerClassPageFactory
from tests.makers import PASSWORD, county, make_child, make_guardian, make_user

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """On, with an empty memory of recent pages (the shared cache is emptied by conftest)."""
    settings.PAGE_CACHE_SECONDS = 60
    page_cache.recent.clear()
    yield
    page_cache.recent.clear()


def fetch(client, url: str, **extra):
    """``(response, queries)``: the page and how many SQL queries answering it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response, len(queries)


def assert_hit(client, url: str, **extra):
    response, queries = fetch(client, url, **extra)
    assert queries == 0, f"{url} was rendered ({queries} queries), not served from the cache"
    return response


def assert_rendered(client, url: str, **extra):
    response, queries = fetch(client, url, **extra)
    assert queries > 0, f"{url} came from the cache"
    return response


@pytest.fixture
def seat(home, summer_index):
    """A summer class with one seat, its page warm in the cache with its index and home."""
    session = summer_class(at(5), county(), capacity=1).sessions.get()
    return session


def warm(client, *urls: str) -> None:
    for url in urls:
        fetch(client, url)
        assert_hit(client, url)


def test_an_anonymous_visitor_gets_the_page_from_the_cache(client, home):
    first = assert_rendered(client, "/")
    again = assert_hit(client, "/")

    assert again.content == first.content


def test_each_filter_of_a_listing_is_kept_apart(client, seat):
    warm(client, "/summer/", "/summer/?county=lishi")

    assert_rendered(client, "/summer/?county=other")


def test_a_signed_in_person_is_never_served_from_the_cache_nor_stored(client, home):
    warm(client, "/")
    client.force_login(make_user())

    mine = assert_rendered(client, "/")
    assert_rendered(client, "/")
    assert b"Sign Out" in mine.content
    client.logout()
    client.cookies.clear()
    assert b"Sign Out" not in assert_hit(client, "/").content


def test_a_request_with_a_session_cookie_bypasses_the_cache(client, home, settings):
    warm(client, "/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"

    assert_rendered(client, "/")


def test_a_page_that_uses_a_csrf_token_is_not_stored(client, home):
    def uses_token(page, request, args, kwargs):
        get_token(request)

    with hooks.register_temporarily("before_serve_page", uses_token):
        response = assert_rendered(client, "/")
        assert response.cookies, "the CSRF cookie was not set"
        client.cookies.clear()
        assert_rendered(client, "/")


def test_a_page_showing_a_message_is_not_stored(client, home):
    def tell(page, request, args, kwargs):
        messages.info(request, "Your booking is confirmed.")

    with hooks.register_temporarily("before_serve_page", tell):
        assert b"Your booking is confirmed." in assert_rendered(client, "/").content
    client.cookies.clear()

    assert b"Your booking is confirmed." not in assert_rendered(client, "/").content


def test_a_request_carrying_messages_bypasses_the_cache(client, home):
    warm(client, "/")
    client.cookies["messages"] = "anything"

    assert_rendered(client, "/")


def test_a_private_page_is_not_stored(client, home, story_index):
    story = StoryPageFactory(parent=story_index)
    PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    for _ in range(2):
        form = assert_rendered(client, story.url)
        client.cookies.clear()
        assert b'name="password"' in form.content, "the password form is not shown"


def test_search_is_not_cached(client, home):
    url = reverse("search") + "?q=妈妈"
    assert_rendered(client, url)
    assert_rendered(client, url)


def test_a_hit_carries_the_same_headers_as_the_rendered_page(client, home):
    rendered = assert_rendered(client, "/", secure=True)
    cached = assert_hit(client, "/", secure=True)

    assert dict(cached.items()) == dict(rendered.items())
    for header in (
        "Content-Security-Policy",
        "Strict-Transport-Security",
        "X-Frame-Options",
        "Referrer-Policy",
        "X-Content-Type-Options",
        "Content-Language",
    ):
        assert cached.get(header), f"the cached page has no {header}"


def test_the_search_box_and_signing_in_work_from_a_cached_page(home):
    from django.test import Client

    visitor = Client(enforce_csrf_checks=True)
    warm(visitor, "/")
    page = assert_hit(visitor, "/").content.decode()
    assert "csrfmiddlewaretoken" not in page, "a cached page embeds a CSRF token"
    assert 'method="get" action="/search/"' in page

    assert visitor.get("/search/?q=妈妈").status_code == 200
    user = make_user()
    login = visitor.get(reverse("account_login"))
    token = login.cookies["csrftoken"].value
    signed = visitor.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert signed.status_code == 302, "signing in after a cached page failed its CSRF check"


# Purges -------------------------------------------------------------------------------------


def test_publishing_purges_the_page_and_its_listings(
    client, home, story_index, django_capture_on_commit_callbacks
):
    story = StoryPageFactory(parent=story_index, title="第一稿")
    warm(client, "/", "/stories/", story.url)

    story.title = "修改后的标题"
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()

    for url in ("/", "/stories/", story.url):
        assert "修改后的标题" in assert_rendered(client, url).content.decode(), url


def test_unpublishing_purges_the_page_and_its_listings(
    client, home, story_index, django_capture_on_commit_callbacks
):
    story = StoryPageFactory(parent=story_index, title="将要下线的故事")
    url = story.url
    warm(client, "/", "/stories/", url)

    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()

    assert client.get(url).status_code == 404
    for listing in ("/", "/stories/"):
        assert "将要下线的故事" not in assert_rendered(client, listing).content.decode()


def test_moving_purges_the_old_place(client, home, story_index, django_capture_on_commit_callbacks):
    story = StoryPageFactory(parent=story_index, title="搬家的故事")
    old_url = story.url
    warm(client, "/stories/", old_url)

    home.refresh_from_db()  # its number of children
    with django_capture_on_commit_callbacks(execute=True):
        story.move(home, pos="last-child")

    assert client.get(old_url).status_code == 301, "the old address still shows the page"
    listing = assert_rendered(client, "/stories/").content.decode()
    assert f'href="{old_url}"' not in listing, "the listing still links the old address"


def test_deleting_purges_the_page_and_its_listings(
    client, home, story_index, django_capture_on_commit_callbacks
):
    story = StoryPageFactory(parent=story_index, title="删除的故事")
    url = story.url
    warm(client, "/", "/stories/", url)

    with django_capture_on_commit_callbacks(execute=True):
        story.delete()

    assert client.get(url).status_code == 404
    for listing in ("/", "/stories/"):
        assert "删除的故事" not in assert_rendered(client, listing).content.decode()


def test_a_booking_purges_the_pages_showing_the_seats_left(
    client, seat, django_capture_on_commit_callbacks
):
    pages = (seat.course.url, "/summer/", "/")
    warm(client, *pages)
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=seat.course.specific.county)

    with django_capture_on_commit_callbacks(execute=True):
        booking = book(seat, guardian, child=child)
    assert booking.status == "confirmed"

    course = assert_rendered(client, seat.course.url).content.decode()
    assert "Join the waiting list" in course, "a full class is shown as open"
    assert "Book a seat" not in course
    for listing in ("/summer/", "/"):
        assert "Fully booked" in assert_rendered(client, listing).content.decode(), listing

    warm(client, *pages)
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=booking, actor=guardian)

    assert "Book a seat" in assert_rendered(client, seat.course.url).content.decode()
    for listing in ("/summer/", "/"):
        assert "1 seat left" in assert_rendered(client, listing).content.decode(), listing


def test_a_booking_purges_only_the_pages_above_its_course(
    client, seat, story_index, django_capture_on_commit_callbacks
):
    story = StoryPageFactory(parent=story_index)
    warm(client, story.url)
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=seat.course.specific.county)

    with django_capture_on_commit_callbacks(execute=True):
        book(seat, guardian, child=child)

    assert_hit(client, story.url)


def test_a_purge_by_another_process_reaches_this_one_within_the_local_seconds(
    client, home, settings, monkeypatch
):
    settings.PAGE_CACHE_LOCAL_SECONDS = 1.0
    warm(client, "/")
    page_cache.caches[page_cache.CACHE_ALIAS].set(page_cache.SITE_GENERATION, "other", None)

    assert_hit(client, "/")  # from this process's memory, for at most a second
    later = page_cache.time.monotonic() + 1.1
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: later)
    assert_rendered(client, "/")


def test_without_local_memory_a_purge_by_another_process_is_seen_at_once(client, home, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 0
    warm(client, "/")
    page_cache.caches[page_cache.CACHE_ALIAS].set(page_cache.SITE_GENERATION, "other", None)

    assert_rendered(client, "/")


class BrokenCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("Redis is down")

        return fail


def test_pages_are_rendered_when_the_cache_is_down(client, home, monkeypatch):
    monkeypatch.setattr(page_cache, "pages_cache", BrokenCache)

    assert_rendered(client, "/")
    assert_rendered(client, "/")


def test_a_session_moved_purges_the_pages_showing_it(
    client, seat, django_capture_on_commit_callbacks
):
    pages = (seat.course.url, "/summer/", "/")
    warm(client, *pages)

    with django_capture_on_commit_callbacks(execute=True):
        seat.start += dt.timedelta(hours=1)
        seat.end += dt.timedelta(hours=1)
        seat.save()

    for url in pages:
        assert_rendered(client, url)


def class_opening_in(seconds: float):
    opens = timezone.now() + dt.timedelta(seconds=seconds)
    session = session_at(at(5), county(), capacity=5, booking_opens=opens)
    return SummerClassPageFactory(age_min=6, age_max=12, sessions=[session])


def test_a_page_is_kept_no_longer_than_until_a_booking_opens(client, home, summer_index):
    course = class_opening_in(2)
    warm(client, course.url)
    assert "Booking not open yet" in assert_hit(client, course.url).content.decode()

    time.sleep(2.1)
    page_cache.recent.clear()  # this process's memory: a second at most, not what is tested

    assert "Book a seat" in assert_rendered(client, course.url).content.decode()


def test_the_next_change_is_looked_up_once_and_again_after_a_purge(
    home, summer_index, django_assert_num_queries, django_capture_on_commit_callbacks
):
    class_opening_in(3600)
    cache = page_cache.caches[page_cache.CACHE_ALIAS]

    assert 3590 <= page_cache.cache_seconds(cache, 7200) <= 3600
    with django_assert_num_queries(0):
        assert page_cache.cache_seconds(cache, 60) == 60

    class_opening_in(30)
    with django_capture_on_commit_callbacks(execute=True):
        page_cache.purge_all()
    assert 20 <= page_cache.cache_seconds(cache, 60) <= 30


def test_a_page_that_varies_on_another_header_is_not_stored(client, home):
    def varies(serve):
        def inner(page, request, args, kwargs):
            response = serve(page, request, args, kwargs)
            response["Vary"] = "User-Agent"
            return response

        return inner

    with hooks.register_temporarily("on_serve_page", varies):
        assert_rendered(client, "/")
        assert_rendered(client, "/")
