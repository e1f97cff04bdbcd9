"""Helpers of the calendar tests: fetch a feed and parse it with both parsers."""

import icalendar
import vobject

from courses.models import Session


def fetch(client, url: str, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response


def parse(body: bytes) -> icalendar.Calendar:
    """The feed as ``icalendar`` reads it, after ``vobject`` (an independent parser) has read
    it too and found the same events."""
    calendar = icalendar.Calendar.from_ical(body)
    other = vobject.readOne(body.decode())
    uids = [str(event.uid) for event in calendar.events]
    other_uids = [event.uid.value for event in getattr(other, "vevent_list", [])]
    assert other_uids == uids, "the two parsers read different events"
    return calendar


def events_by_uid(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in calendar.events}


def summaries(calendar: icalendar.Calendar) -> list[str]:
    return [str(event["SUMMARY"]) for event in calendar.events]


def move(session: Session, **changes) -> Session:
    """Save ``session`` with ``changes``, as publishing its page does (a full save)."""
    for name, value in changes.items():
        setattr(session, name, value)
    session.save()
    return Session.objects.get(pk=session.pk)
