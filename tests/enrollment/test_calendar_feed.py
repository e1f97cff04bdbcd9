"""The public feed of sessions (/calendar/sessions.ics) and the one-session file: what is in
them, and that real calendar clients can read them (two parsers)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from courses.models import Session
from tests import factories
from tests.enrollment.attendance_support import at
from tests.enrollment.calendar_support import events_by_uid, fetch, parse, summaries
from tests.factories import session_in

pytestmark = pytest.mark.django_db
FEED = "/calendar/sessions.ics"


@pytest.fixture
def training(lishi):
    venue = factories.VenueFactory(
        county=lishi, name="离石区妇女儿童活动中心", address="龙凤南路1号; 二楼, 多功能厅"
    )
    return factories.TrainingCoursePageFactory(
        title="家庭教育赋能培训：认识儿童心理，学会与留守儿童沟通的十个方法（第一期）",
        county=lishi,
        sessions=[session_in(3, title="第一讲", venue=venue), session_in(10, venue=venue)],
    )


def test_the_feed_is_a_calendar_real_clients_read(client, training):
    response = fetch(client, FEED)
    calendar = parse(response.content)

    assert calendar["VERSION"] == "2.0"
    assert "PRODID" in calendar
    assert str(calendar["X-WR-CALNAME"])
    assert [str(tz["TZID"]) for tz in calendar.timezones] == ["Asia/Shanghai"]
    first = calendar.events[0]
    session = training.sessions.order_by("start").first()
    assert first["UID"] == f"session-{session.pk}-{session.uid.hex}@aixin-mama.calendar"
    assert first.start == timezone.localtime(session.start)
    assert first.start.tzinfo.key == "Asia/Shanghai"
    assert first.end == session.end
    assert first["SEQUENCE"] == 0
    assert first["STATUS"] == "CONFIRMED"
    assert first["DTSTAMP"].dt == session.updated_at.replace(microsecond=0)
    assert first["LAST-MODIFIED"].dt == session.updated_at.replace(microsecond=0)
    assert str(first["URL"]) == training.full_url
    assert str(first["SUMMARY"]) == f"{training.title} · 第一讲"
    assert str(first["LOCATION"]) == "离石区妇女儿童活动中心, 龙凤南路1号; 二楼, 多功能厅"
    (alarm,) = first.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm["TRIGGER"].dt == -dt.timedelta(days=1)


def test_chinese_text_is_escaped_and_folded(client, training):
    body = fetch(client, FEED).content

    lines = body.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75, "a line longer than 75 octets"
    for line in lines:
        line.decode("utf-8")  # folded between characters, never inside one
    unfolded = body.replace(b"\r\n ", b"")
    assert "LOCATION:离石区妇女儿童活动中心\\, 龙凤南路1号\\; 二楼\\, 多功能厅".encode() in unfolded
    assert any(line.startswith(b" ") for line in lines), "the long title was not folded"


def test_the_alarm_follows_the_setting(client, training, settings):
    settings.CALENDAR_ALARM_MINUTES = 90
    calendar = parse(fetch(client, FEED).content)

    alarms = [alarm["TRIGGER"].dt for alarm in calendar.walk("VALARM")]
    assert alarms == [-dt.timedelta(minutes=90)] * 2


def test_filters(client, lishi):
    wenshui = factories.CountyFactory(slug="wenshui", name="文水县")
    here = factories.VenueFactory(county=lishi)
    there = factories.VenueFactory(county=wenshui)
    training = factories.TrainingCoursePageFactory(
        title="培训", sessions=[session_in(2, venue=here), session_in(4, venue=there)]
    )
    factories.SummerClassPageFactory(title="暑期", sessions=[session_in(3, venue=there)])

    def titles(query):
        return [s.split(" · ")[0] for s in summaries(parse(fetch(client, FEED + query).content))]

    assert titles("") == ["培训", "暑期", "培训"]
    assert titles("?kind=summer") == ["暑期"]
    assert titles("?kind=training") == ["培训", "培训"]
    assert titles("?county=wenshui") == ["暑期", "培训"]
    assert titles(f"?course={training.pk}&county=lishi") == ["培训"]
    assert titles("?county=nowhere") == []
    assert client.get(FEED + "?kind=party").status_code == 404
    assert client.get(FEED + "?course=abc").status_code == 404


def test_private_courses_and_past_sessions_never_appear(client, lishi):
    factories.TrainingCoursePageFactory(title="公开", sessions=[session_in(2), session_in(-2)])
    private = factories.TrainingCoursePageFactory(title="内部", sessions=[session_in(2)])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = factories.TrainingCoursePageFactory(title="草稿", live=False, sessions=[session_in(2)])

    assert summaries(parse(fetch(client, FEED).content)) == ["公开"]
    assert summaries(parse(fetch(client, f"{FEED}?course={private.pk}").content)) == []
    session = private.sessions.get()
    assert client.get(reverse("calendar:session_event", args=[session.pk])).status_code == 404
    draft_session = draft.sessions.get()
    assert client.get(reverse("calendar:session_event", args=[draft_session.pk])).status_code == 404


def test_a_cancelled_session_stays_a_while_then_goes(client, training, settings):
    session = training.sessions.order_by("start").first()
    session.is_cancelled = True
    session.save()
    uid = f"session-{session.pk}-{session.uid.hex}@aixin-mama.calendar"

    event = events_by_uid(parse(fetch(client, FEED).content))[uid]
    assert event["STATUS"] == "CANCELLED"
    assert "VALARM" not in [c.name for c in event.subcomponents]

    Session.objects.filter(pk=session.pk).update(
        updated_at=timezone.now()
        - dt.timedelta(days=settings.CALENDAR_KEEP_CANCELLED_DAYS, hours=1)
    )
    assert uid not in events_by_uid(parse(fetch(client, FEED).content))


def test_add_one_session_to_my_calendar(client, training):
    session = training.sessions.order_by("start").first()
    response = fetch(client, reverse("calendar:session_event", args=[session.pk]))

    (event,) = parse(response.content).events
    assert event["UID"] == f"session-{session.pk}-{session.uid.hex}@aixin-mama.calendar"
    assert f'filename="session-{session.pk}.ics"' in response["Content-Disposition"]


def test_the_course_page_links_its_feed_and_each_session(client, training):
    html = client.get(training.url).text

    assert f"webcal://testserver/calendar/sessions.ics?course={training.pk}" in html
    for session in training.sessions.all():
        assert reverse("calendar:session_event", args=[session.pk]) in html


def test_sessions_at_local_times(client, lishi):
    start = at(5, hour=9)
    venue = factories.VenueFactory(county=lishi)
    end = start + dt.timedelta(hours=2)
    factories.TrainingCoursePageFactory(
        sessions=[Session(start=start, end=end, venue=venue, capacity=10)]
    )
    body = fetch(client, FEED).content.replace(b"\r\n ", b"")

    assert f"DTSTART;TZID=Asia/Shanghai:{start:%Y%m%d}T090000".encode() in body
