"""The calendar text. Everything is written by ``icalendar`` (escaping, folding of long
lines on UTF-8 character boundaries); an event's text is cached under a fingerprint of what
it shows, so a feed of thousands of sessions costs icalendar's work only for those that
changed.

A session is the same event wherever it appears (public feed, one-event file, a private
feed): ``UID`` is made of its id and its ``uid`` (never changes), ``SEQUENCE`` is its
``sequence`` (rises when its time or place changes), ``DTSTAMP`` and ``LAST-MODIFIED`` its
``updated_at``; a cancelled session, or her cancelled booking, is ``STATUS:CANCELLED``.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from icalendar import Alarm, Calendar, Event, Timezone

from courses.models import Session

PRODID = "-//aixin-mama//calendar feeds//ZH"
CONTENT_TYPE = "text/calendar; charset=utf-8"
TZID = "Asia/Shanghai"
FORMAT_VERSION = "1"  # part of every cache key and validator: bump when the output changes
END = b"END:VCALENDAR\r\n"


@dataclass(frozen=True)
class SessionItem:
    """A session as one feed shows it: cancelled if the session is, or if her booking is."""

    session: Session
    url: str
    cancelled: bool


@dataclass(frozen=True)
class DueVisitItem:
    """A visit due on one of her pairs, as an all-day event on its last day."""

    pair_id: int
    reason: str
    festival_id: int | None
    due_by: date
    summary: str


def session_uid(session: Session) -> str:
    return f"session-{session.pk}-{session.uid.hex}@{settings.CALENDAR_UID_DOMAIN}"


def session_summary(session: Session) -> str:
    title = session.course.title
    return f"{title} · {session.title}" if session.title else title


def _location(session: Session) -> str:
    venue = session.venue
    return f"{venue.name}, {venue.address}" if venue.address else venue.name


def _session_event(item: SessionItem) -> Event:
    session = item.session
    changed = session.updated_at.astimezone(ZoneInfo("UTC"))
    summary = session_summary(session)
    local = ZoneInfo(TZID)
    event = Event.new(
        uid=session_uid(session),
        stamp=changed,
        last_modified=changed,
        start=session.start.astimezone(local),
        end=session.end.astimezone(local),
        summary=_("Cancelled: %(title)s") % {"title": summary} if item.cancelled else summary,
        location=_location(session),
        url=item.url,
        description=session.venue.directions or None,
        # Her cancelled booking of a session that goes on is a change to her event too.
        sequence=session.sequence + (1 if item.cancelled and not session.is_cancelled else 0),
        status="CANCELLED" if item.cancelled else "CONFIRMED",
    )
    if not item.cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", timedelta(minutes=-settings.CALENDAR_ALARM_MINUTES))
        event.add_component(alarm)
    return event


def _due_event(item: DueVisitItem, stamp: datetime) -> Event:
    event = Event.new(
        uid=(
            f"visit-{item.pair_id}-{item.reason}-{item.festival_id or 0}-"
            f"{item.due_by:%Y%m%d}@{settings.CALENDAR_UID_DOMAIN}"
        ),
        stamp=stamp,
        start=item.due_by,
        end=item.due_by + timedelta(days=1),
        summary=item.summary,
        transparency="TRANSPARENT",
    )
    return event


def _fingerprint(item: SessionItem) -> str:
    session, venue = item.session, item.session.venue
    shown = (
        FORMAT_VERSION,
        get_language(),
        settings.CALENDAR_ALARM_MINUTES,
        settings.CALENDAR_UID_DOMAIN,
        session.pk,
        session.uid.hex,
        session.sequence,
        session.updated_at.isoformat(),
        session.start.isoformat(),
        session.end.isoformat(),
        session.is_cancelled,
        session.title,
        session.course.title,
        venue.name,
        venue.address,
        venue.directions,
        item.url,
        item.cancelled,
    )
    return "calendar:event:" + hashlib.sha256(repr(shown).encode()).hexdigest()


def feed_cache():
    """The cache of events' and feeds' text (``CACHES["calendar"]``: room for thousands)."""
    return caches["calendar"]


def session_events(items: list[SessionItem]) -> list[bytes]:
    """Each item's VEVENT text, from the cache where it is there (one cache round trip)."""
    keys = [_fingerprint(item) for item in items]
    cache = feed_cache()
    found = cache.get_many(keys)
    missing = {}
    texts = []
    for key, item in zip(keys, items, strict=True):
        text = found.get(key)
        if text is None:
            text = missing[key] = _session_event(item).to_ical()
        texts.append(text)
    if missing:
        cache.set_many(missing, timeout=settings.CALENDAR_EVENT_CACHE_SECONDS)
    return texts


@lru_cache(maxsize=64)
def _head(name: str) -> bytes:
    """The calendar's properties and its timezone, without the closing line."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    calendar.add_component(Timezone.from_tzid(TZID))
    text = calendar.to_ical()
    return text.removesuffix(END)


def calendar_text(
    name: str, items: list[SessionItem], due: list[DueVisitItem] | None = None
) -> bytes:
    """A whole calendar: its properties, the Asia/Shanghai timezone, the sessions' events and
    the due visits' all-day events."""
    parts = [_head(name), *session_events(items)]
    if due:
        stamp = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
        parts.extend(_due_event(item, stamp).to_ical() for item in due)
    parts.append(END)
    return b"".join(parts)
