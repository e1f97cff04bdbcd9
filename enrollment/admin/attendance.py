"""Attendance in the back office, under ``/admin/people/sessions/`` (so the staff two-step
verification rule applies): a list of sessions to pick from (upcoming and recent), a
session's attendance sheet (present / absent / excused per confirmed booking, one submit,
usable on a phone) and its Excel export (every booking of the session).

City staff see every session, a county coordinator those held at her county's venues
(``selectors.sessions_for_staff``); another county's session is a 404 and the attempt
is audited. Marks go through ``services.attendance.attendance_mark``.
"""

from datetime import datetime
from io import BytesIO

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from openpyxl import Workbook
from openpyxl.styles import Font

from cms.exports import safe_row
from courses.models import Session
from enrollment.models import Booking
from enrollment.selectors import attendance as selectors
from enrollment.services.attendance import attendance_mark
from people.audit import audit_record
from people.errors import DomainError
from people.models import AuditEntry
from people.roles import is_staff_with_children_access

SESSIONS_PER_PAGE = 25


class StaffOnlyMixin:
    """City staff and coordinators; anyone else with admin access (editors) is sent to the
    admin home with Wagtail's "no permission" message."""

    def dispatch(self, request, *args, **kwargs):
        if not is_staff_with_children_access(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class SessionMixin(StaffOnlyMixin):
    """Looks the session up among those the user may manage; another county's session is a
    404, written to the audit log."""

    def dispatch(self, request, *args, **kwargs):
        if not is_staff_with_children_access(request.user):
            return permission_denied(request)
        session_id = kwargs["pk"]
        self.session = selectors.sessions_for_staff(request.user).filter(pk=session_id).first()
        if self.session is None:
            outside = Session.objects.filter(pk=session_id).values("venue__county_id").first()
            if outside is not None:
                audit_record(
                    actor=request.user,
                    action=AuditEntry.Action.DENIED,
                    object_type=Session._meta.label_lower,
                    object_id=str(session_id),
                    county_id=outside["venue__county_id"],
                    request=request,
                )
            raise Http404
        return super(StaffOnlyMixin, self).dispatch(request, *args, **kwargs)


def session_label(session: Session) -> str:
    label = session.course.title
    if session.title:
        label = f"{label} · {session.title}"
    return label


def session_when(session: Session) -> str:
    start, end = timezone.localtime(session.start), timezone.localtime(session.end)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"


class SessionListView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "enrollment/staff/session_list.html"
    page_title = gettext_lazy("Attendance")
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        when = "recent" if self.request.GET.get("when") == "recent" else "upcoming"
        sessions = selectors.staff_session_list(self.request.user, when=when)
        page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(
            when=when,
            page_obj=page,
            rows=[
                {
                    "session": session,
                    "label": session_label(session),
                    "when": session_when(session),
                    "url": reverse("people_sessions:attendance", args=[session.pk]),
                }
                for session in page
            ],
        )
        return context


class AttendanceSheetView(SessionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "enrollment/staff/attendance_sheet.html"
    page_title = gettext_lazy("Attendance sheet")
    header_icon = "tasks"

    def get_page_subtitle(self):
        return session_label(self.session)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("people_sessions:index"), "label": _("Attendance")},
            {"url": "", "label": session_label(self.session)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bookings = selectors.attendance_sheet(self.session)
        rows = [
            {
                "booking": booking,
                "who": selectors.booking_people(booking),
                "field": f"attendance-{booking.pk}",
            }
            for booking in bookings
        ]
        today = timezone.localdate()
        context.update(
            session=self.session,
            when=session_when(self.session),
            rows=rows,
            choices=Booking.Attendance.choices,
            marked=sum(1 for booking in bookings if booking.attendance),
            too_early=timezone.localtime(self.session.start).date() > today,
            export_url=reverse("people_sessions:export", args=[self.session.pk]),
            errors=kwargs.get("errors", []),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        """A class's sheet names the children booked on it: each time it is shown (again,
        with errors, too) is one audit entry. A training's sheet shows no child."""
        children = sum(1 for row in context["rows"] if row["booking"].child_id)
        if children:
            audit_record(
                actor=self.request.user,
                action=AuditEntry.Action.VIEW,
                obj=self.session,
                county_id=self.session.venue.county_id,
                request=self.request,
                detail="attendance sheet",
                children=children,
            )
        return super().render_to_response(context, **response_kwargs)

    def post(self, request, *args, **kwargs):
        changed, errors = 0, []
        for booking in selectors.attendance_sheet(self.session):
            status = request.POST.get(f"attendance-{booking.pk}", "")
            if not status or status == booking.attendance:
                continue
            try:
                attendance_mark(booking=booking, status=status, actor=request.user)
            except DomainError as error:
                errors.append(f"{selectors.booking_people(booking)}: {error.message}")
            else:
                changed += 1
        if errors:
            messages.error(request, _("Some marks were not saved."))
            return self.render_to_response(self.get_context_data(errors=errors))
        messages.success(request, _("Attendance saved (%(count)d changed).") % {"count": changed})
        return redirect(reverse("people_sessions:attendance", args=[self.session.pk]))


def _text(value) -> str:
    return "" if value is None else str(value)


def _local(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class AttendanceExportView(SessionMixin, View):
    """The session's bookings as an Excel workbook: the attendance sheet (confirmed), then
    those waiting. Audited as an export when it lists children."""

    def get(self, request, *args, **kwargs):
        session = self.session
        bookings = selectors.booking_list(session)
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Bookings")[:31]
        sheet.append(safe_row([session_label(session)]))
        sheet.append(safe_row([session_when(session), session.venue.name]))
        sheet.append([])
        header = [
            _("No."),
            _("Who"),
            _("Caring mother"),
            _("Child"),
            _("Booked by"),
            _("Phone"),
            _("Status"),
            _("Seats"),
            _("Booked at"),
            _("Attendance"),
        ]
        sheet.append(header)
        for cell in sheet[4]:
            cell.font = Font(bold=True)
        sheet["A1"].font = Font(bold=True, size=14)
        for number, booking in enumerate(bookings, start=1):
            booker = booking.booker
            sheet.append(
                safe_row(
                    [
                        number,
                        _text(booking.get_kind_display()),
                        booking.volunteer.name if booking.volunteer_id else "",
                        booking.child.first_name if booking.child_id else "",
                        booker.get_full_name() if booker else "",
                        _text(booker.phone) if booker and booker.phone else "",
                        _text(booking.get_status_display()),
                        booking.seats,
                        _local(booking.created_at),
                        _text(booking.get_attendance_display()) if booking.attendance else "",
                    ]
                )
            )
        for column, width in zip("ABCDEFGHIJ", (6, 12, 14, 10, 14, 16, 12, 6, 18, 10), strict=True):
            sheet.column_dimensions[column].width = width
        children = sum(1 for booking in bookings if booking.child_id)
        if children:
            audit_record(
                actor=request.user,
                action=AuditEntry.Action.EXPORT,
                object_type=Session._meta.label_lower,
                object_id=str(session.pk),
                county_id=session.venue.county_id,
                request=request,
                detail=f"bookings export: {len(bookings)} bookings",
                children=children,
            )
        buffer = BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        day = timezone.localtime(session.start).strftime("%Y%m%d")
        response["Content-Disposition"] = (
            f'attachment; filename="attendance-{session.pk}-{day}.xlsx"'
        )
        return response


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_with_children_access(request.user)


class AttendanceViewSet(ViewSet):
    name = "people_sessions"
    url_prefix = "people/sessions"
    icon = "tasks"
    menu_label = gettext_lazy("Attendance")
    menu_order = 350
    menu_item_class = StaffMenuItem

    def get_urlpatterns(self):
        return [
            path("", SessionListView.as_view(), name="index"),
            path("<id:pk>/attendance/", AttendanceSheetView.as_view(), name="attendance"),
            path("<id:pk>/attendance/export/", AttendanceExportView.as_view(), name="export"),
        ]
