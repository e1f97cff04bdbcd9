"""What goes in each feed, in a fixed number of queries, and the validators (ETag,
Last-Modified) of a conditional request, computed in one query before anything is rendered.

The public feed: sessions of live courses anyone may see (a course under a view restriction
never appears), not yet over, and cancelled ones for ``CALENDAR_KEEP_CANCELLED_DAYS`` after
they were cancelled (so that subscribed calendars remove them), soonest first.
A private feed: her confirmed bookings of sessions not yet over and those she (or the
organisers) cancelled within the same number of days, and, for a caring mother, what is due
on her pairs (the child by first name only)."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from courses.models import CoursePage, Session
from enrollment.calendar.feed import FORMAT_VERSION, DueVisitItem, SessionItem
from enrollment.models import Booking
from pairs.selectors.visits import due_for_mother
from people.models import User

KINDS = {"training": "course__trainingcoursepage", "summer": "course__summerclasspage"}


@dataclass(frozen=True)
class FeedFilters:
    course: int | None = None
    kind: str = ""
    county: str = ""

    @classmethod
    def from_query(cls, params) -> "FeedFilters | None":
        """The filters of ``?course=&kind=&county=``, or None when one is not valid."""
        course = params.get("course", "")
        kind = params.get("kind", "")
        county = params.get("county", "")
        if (course and not course.isdigit()) or (kind and kind not in KINDS):
            return None
        if len(county) > 50:
            return None
        return cls(course=int(course) if course else None, kind=kind, county=county)


@dataclass(frozen=True)
class Validators:
    etag: str
    last_modified: datetime | None


def _kept_since(now: datetime) -> datetime:
    return now - timedelta(days=settings.CALENDAR_KEEP_CANCELLED_DAYS)


def public_sessions(filters: FeedFilters, now: datetime | None = None) -> QuerySet[Session]:
    """The public feed's sessions (Wagtail's ``public()`` reads the view restrictions: one
    query, when the queryset is built)."""
    now = now or timezone.now()
    visible = CoursePage.objects.live().public().values("pk")
    sessions = Session.objects.filter(course__in=visible, end__gt=now).filter(
        Q(is_cancelled=False) | Q(updated_at__gte=_kept_since(now))
    )
    if filters.course:
        sessions = sessions.filter(course_id=filters.course)
    if filters.kind:
        sessions = sessions.filter(**{f"{KINDS[filters.kind]}__isnull": False})
    if filters.county:
        sessions = sessions.filter(venue__county__slug=filters.county)
    return sessions


def validators(sessions: QuerySet[Session], *parts) -> Validators:
    """ETag and Last-Modified of a feed of ``sessions``: from their latest change and their
    number (one query), with ``parts`` (the filters, whose feed it is) and the language."""
    found = sessions.order_by().aggregate(changed=Max("updated_at"), count=Count("pk"))
    key = repr((FORMAT_VERSION, get_language(), found["changed"], found["count"], *parts))
    return Validators(
        etag=f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"',
        last_modified=found["changed"],
    )


def public_items(sessions: QuerySet[Session], request: HttpRequest) -> list[SessionItem]:
    """The sessions with their venues, and their courses fetched apart (a page is a costly
    object: one per course, not one per session), each course's URL computed once."""
    rows = list(sessions.select_related("venue").order_by("start", "pk"))
    courses = CoursePage.objects.in_bulk({session.course_id for session in rows})
    urls = {pk: course.get_full_url(request) for pk, course in courses.items()}
    items = []
    for session in rows:
        session.course = courses[session.course_id]
        items.append(SessionItem(session, urls[session.course_id], session.is_cancelled))
    return items


def feed_name(filters: FeedFilters, items: list[SessionItem]) -> str:
    if filters.course and items:
        return _("%(course)s · Caring Mothers") % {"course": items[0].session.course.title}
    if filters.kind == "summer":
        return _("Caring Mothers: summer classes")
    if filters.kind == "training":
        return _("Caring Mothers: trainings")
    return _("Caring Mothers: trainings and classes")


def personal_bookings(user: User, now: datetime | None = None) -> QuerySet[Booking]:
    now = now or timezone.now()
    kept = _kept_since(now)
    return Booking.objects.filter(booker=user, session__end__gt=now).filter(
        Q(status=Booking.Status.CONFIRMED, session__is_cancelled=False)
        | Q(status=Booking.Status.CONFIRMED, session__updated_at__gte=kept)
        | Q(status=Booking.Status.CANCELLED, events__to_status="cancelled", events__at__gte=kept)
    )


def personal_items(user: User, request: HttpRequest) -> list[SessionItem]:
    """Her bookings' sessions, one event per session (a confirmed booking wins over a
    cancelled one of the same session)."""
    bookings = (
        personal_bookings(user)
        .select_related("session__course", "session__venue")
        .order_by("session__start", "session_id", "pk")
        .distinct()
    )
    by_session: dict[int, SessionItem] = {}
    for booking in bookings:
        session = booking.session
        cancelled = session.is_cancelled or booking.status == Booking.Status.CANCELLED
        if session.pk in by_session and cancelled:
            continue
        by_session[session.pk] = SessionItem(
            session, session.course.get_full_url(request), cancelled
        )
    return list(by_session.values())


def due_visit_items(user: User) -> list[DueVisitItem]:
    """What is due on her pairs, the child named by first name only."""
    return [
        DueVisitItem(
            pair_id=due.paired.pair_id,
            reason=item.reason,
            festival_id=item.festival_id,
            due_by=item.due_by,
            summary=_("Visit %(child)s: %(what)s")
            % {"child": due.paired.first_name, "what": item.label},
        )
        for due in due_for_mother(user)
        for item in due.items
    ]


def personal_feed_name() -> str:
    return _("My Caring Mothers calendar")
