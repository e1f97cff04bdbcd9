"""Attendance: present / absent / excused, marked by staff on a confirmed booking, from the
attendance sheet or by scanning the booking's QR code at the door. Each change is kept as a
``BookingEvent`` (the booking's status does not change; the note says what did)."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enrollment.models import Booking, BookingEvent
from people.errors import DomainError
from people.models import User
from people.roles import may_manage_county


@transaction.atomic
def attendance_mark(
    *, booking: Booking, status: str, actor: User, now: datetime | None = None
) -> Booking:
    """Record whether the person of ``booking`` came. City staff may mark any session, a
    county coordinator the sessions held in her county; from the day of the session on.
    Marking the same value again changes nothing."""
    now = now or timezone.now()
    if status not in Booking.Attendance.values:
        raise DomainError(_("Choose present, absent or excused."), field="status")
    booking = (
        Booking.objects.select_for_update().select_related("session__venue").get(pk=booking.pk)
    )
    session = booking.session
    if not may_manage_county(actor, session.venue.county_id):
        raise DomainError(_("You can only take attendance for sessions in your county."))
    if session.is_cancelled:
        raise DomainError(_("This session has been cancelled."))
    if booking.status != Booking.Status.CONFIRMED:
        raise DomainError(_("Only confirmed bookings can be marked."))
    if timezone.localtime(session.start).date() > timezone.localtime(now).date():
        raise DomainError(_("Attendance can be taken from the day of the session."))
    if booking.attendance == status:
        return booking
    previous = booking.attendance
    booking.attendance = status
    booking.save(update_fields=["attendance"])
    BookingEvent.objects.create(
        booking=booking,
        actor=actor,
        from_status=booking.status,
        to_status=booking.status,
        kind=BookingEvent.Kind.ATTENDANCE,
        note=f"{previous or '-'} → {status}",
    )
    return booking
