"""The door: scanning a booking's QR code opens ``/check-in/<token>/`` for staff, who see who
it is and mark her present. Only city staff and the coordinator of the session's county
(others get a 404; a coordinator of another county's attempt is audited), once her session
has passed the second factor (people.mfa)."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from enrollment.models import Booking
from enrollment.selectors import attendance as selectors
from enrollment.services.attendance import attendance_mark
from people.audit import audit_record
from people.errors import DomainError
from people.mfa import second_factor_redirect
from people.models import AuditEntry
from people.roles import is_staff_with_children_access, may_manage_county


@login_required
def check_in(request: HttpRequest, token: UUID) -> HttpResponse:
    user = request.user
    if not is_staff_with_children_access(user):
        raise Http404
    second_factor = second_factor_redirect(request)
    if second_factor is not None:
        return second_factor
    booking = selectors.booking_for_check_in(token)
    if booking is None:
        raise Http404
    if not may_manage_county(user, booking.session.venue.county_id):
        audit_record(
            actor=user,
            action=AuditEntry.Action.DENIED,
            obj=booking,
            county_id=booking.session.venue.county_id,
            request=request,
            detail="check-in",
        )
        raise Http404
    if request.method == "POST":
        status = request.POST.get("attendance", Booking.Attendance.PRESENT)
        try:
            attendance_mark(booking=booking, status=status, actor=user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(who)s: %(attendance)s.")
                % {
                    "who": selectors.booking_people(booking),
                    "attendance": Booking.Attendance(status).label,
                },
            )
        return redirect(reverse("enrollment:check_in", args=[token]))
    if booking.child_id:
        audit_record(
            actor=user,
            action=AuditEntry.Action.VIEW,
            obj=booking,
            county_id=booking.session.venue.county_id,
            request=request,
            detail="check-in",
            children=1,
        )
    return render(
        request,
        "enrollment/staff/check_in.html",
        {
            "booking": booking,
            "session": booking.session,
            "who": selectors.booking_people(booking),
            "attendance_choices": Booking.Attendance.choices,
        },
    )
