"""When the public pages change by themselves, for the page cache (``cms.page_cache``, hook
``page_cache_changes_at``): the next moment a session's booking opens or closes, or a
session starts or ends ("Booking not open yet" becomes "Book a seat", a past session leaves
the listings). One query, made when a page is stored and at most once per such moment."""

from datetime import datetime

from django.db.models import Min, Q

from courses.models import Session


def sessions_change_at(now: datetime) -> datetime | None:
    found = Session.objects.filter(is_cancelled=False, end__gt=now).aggregate(
        opens=Min("booking_opens", filter=Q(booking_opens__gt=now)),
        closes=Min("booking_closes", filter=Q(booking_closes__gt=now)),
        starts=Min("start", filter=Q(start__gt=now)),
        ends=Min("end"),
    )
    return min((when for when in found.values() if when is not None), default=None)
