"""The people back office in the Wagtail admin: one menu, "People and pairs", under
``/admin/people/``. Each item shows only to those with a permission on its model
(``enrollment.groups``): coordinators see children, volunteers and pairs; city staff also
the audit log and the coordinators' counties; editors nothing of it.

Also the page admin's hooks about the bookings of course pages' sessions
(``enrollment.admin.course_pages``)."""

from django.utils.safestring import mark_safe
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


# On a phone, the less important columns give way and action buttons wrap. A few lines,
# inline, so that no static file needs collecting.
PEOPLE_ADMIN_CSS = """<style>
.people-help { max-width: 50rem; }
.people-actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 1rem 0 1.5rem; }
.people-actions .button { margin: 0; }
.people-form select { max-width: 100%; }
.people-summary { margin-bottom: 1.5rem; }
@media (max-width: 50em) { .people-wide { display: none; } }
</style>"""


@hooks.register("insert_global_admin_css")
def people_admin_css():
    return mark_safe(PEOPLE_ADMIN_CSS)  # noqa: S308 - a constant


# The bookings of course pages' sessions: told when a deleted session is cancelled instead,
# kept when a page would be deleted with its sessions.
hooks.register("before_publish_page", course_pages.sessions_cancelled_on_publish)
hooks.register("after_edit_page", course_pages.sessions_cancelled_on_save)
hooks.register("before_delete_page", course_pages.refuse_deleting_booked_pages)
hooks.register("before_bulk_action", course_pages.refuse_bulk_deleting_booked_pages)
