"""The people back office in the Wagtail admin: one menu, "People and pairs", under
``/admin/people/``. Each item shows only to those with a permission on its model
(``enrollment.groups``): coordinators see children, volunteers and pairs; city staff also
the audit log and the coordinators' counties; editors nothing of it.

Also the page admin's hooks about the bookings of course pages' sessions
(``enrollment.admin.course_pages``)."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from enrollment.admin import course_pages
from enrollment.admin.assignments import CountyAssignmentViewSet
from enrollment.admin.attendance import AttendanceViewSet
from enrollment.admin.audit import AuditEntryViewSet
from enrollment.admin.children import ChildViewSet
from enrollment.admin.pairs import PairViewSet
from enrollment.admin.volunteers import VolunteerViewSet


class PeopleGroup(ViewSetGroup):
    menu_label = _("People and pairs")
    menu_icon = "group"
    menu_order = 250
    items = (
        ChildViewSet,
        VolunteerViewSet,
        PairViewSet,
        AttendanceViewSet,
        CountyAssignmentViewSet,
        AuditEntryViewSet,
    )


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleGroup()


# The back office on a phone: the less important columns give way, action buttons wrap,
# the attendance sheet has big radio buttons (enrollment/static/enrollment/admin.css).
@hooks.register("insert_global_admin_css")
def people_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("enrollment/admin.css"))


# The bookings of course pages' sessions: told when a deleted session is cancelled instead,
# kept when a page would be deleted with its sessions.
hooks.register("before_publish_page", course_pages.sessions_cancelled_on_publish)
hooks.register("after_edit_page", course_pages.sessions_cancelled_on_save)
hooks.register("before_delete_page", course_pages.refuse_deleting_booked_pages)
hooks.register("before_bulk_action", course_pages.refuse_bulk_deleting_booked_pages)
