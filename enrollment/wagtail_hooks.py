"""The bookings side's places in the rest of the site: the attendance sheets in the people
back office's menu, the bookings section of ``/me/`` and the bookings part of a person's data
download (hooks the people side calls: ``people.wagtail_hooks``, ``people.views.me``,
``people.personal_data``).

Also the page admin's hooks about the bookings of course pages' sessions
(``enrollment.admin.course_pages``), and when sessions change what public pages show, for
the page cache (``enrollment.page_cache``)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail import hooks

from enrollment.admin import course_pages
from enrollment.admin.attendance import AttendanceViewSet
from enrollment.calendar.tokens import calendar_token_created
from enrollment.page_cache import sessions_change_at
from enrollment.personal_data import bookings_and_certificates
from enrollment.selectors.bookings import my_bookings
from people.views.me import MeSection

ORDER_BOOKINGS = 10  # first on /me/: what she has booked is what she comes back for
ORDER_CALENDAR = 55  # after her own sections, before her account


@hooks.register("register_people_admin_viewset")
def attendance_menu_item():
    return (40, AttendanceViewSet)


@hooks.register("me_page_sections")
def me_bookings_section(request, my):
    bookings = my_bookings(request.user)
    approved = bool(my.application and my.application.is_approved)
    if not (bookings or approved or my.children.object_list):
        return None
    training_record = (reverse("enrollment:training_record"), _("My training record"))
    return MeSection(
        ORDER_BOOKINGS,
        "enrollment/bookings/my_bookings.html",
        {"bookings": bookings},
        stylesheet="enrollment/bookings.css",
        account_link=training_record if approved else None,
    )


@hooks.register("me_page_sections")
def me_calendar_section(request, my):
    return MeSection(
        ORDER_CALENDAR,
        "enrollment/calendar/me_section.html",
        {"created_at": calendar_token_created(request.user)},
    )


@hooks.register("personal_data_sections")
def personal_data_bookings(user):
    return bookings_and_certificates(user)


# The bookings of course pages' sessions: told when a deleted session is cancelled instead,
# kept when a page would be deleted with its sessions.
hooks.register("page_cache_changes_at", sessions_change_at)
hooks.register("before_publish_page", course_pages.sessions_cancelled_on_publish)
hooks.register("after_edit_page", course_pages.sessions_cancelled_on_save)
hooks.register("before_delete_page", course_pages.refuse_deleting_booked_pages)
hooks.register("before_bulk_action", course_pages.refuse_bulk_deleting_booked_pages)
