"""The people back office in the Wagtail admin: one menu, "People and pairs", under
``/admin/people/``. Each item shows only to those with a permission on its model
(``people.groups``): coordinators see children, volunteers, pairs and attendance; city staff
also the audit log and the coordinators' counties; editors nothing of it.

The rooms above put their own items in this menu through the ``register_people_admin_viewset``
hook (``pairs.wagtail_hooks``, ``enrollment.wagtail_hooks``): a function returning a
``(order, viewset class)`` pair, the people side's own items sorting among them by order."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from people.admin.assignments import CountyAssignmentViewSet
from people.admin.audit import AuditEntryViewSet
from people.admin.children import ChildViewSet
from people.admin.notifications import NotificationViewSet
from people.admin.volunteers import VolunteerViewSet

OWN_ITEMS = (
    (10, ChildViewSet),
    (20, VolunteerViewSet),
    (80, CountyAssignmentViewSet),
    (85, NotificationViewSet),
    (90, AuditEntryViewSet),
)


class PeopleGroup(ViewSetGroup):
    menu_label = _("People and pairs")
    menu_icon = "group"
    menu_order = 250

    def __init__(self):
        # Read when the admin's URLs are built, once every app's hooks are registered.
        items = list(OWN_ITEMS)
        items += [item() for item in hooks.get_hooks("register_people_admin_viewset")]
        self.items = tuple(viewset for _order, viewset in sorted(items, key=lambda i: i[0]))
        super().__init__()


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleGroup()


# The back office on a phone: the less important columns give way, action buttons wrap,
# the attendance sheet has big radio buttons (people/static/people/admin.css).
@hooks.register("insert_global_admin_css")
def people_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("people/admin.css"))


# Her choice of channel for notices, on /me/ (people.views.notices).
@hooks.register("me_page_sections")
def me_notices_section(request, my):
    from people.views.notices import notices_section

    return notices_section(request, my)


@hooks.register("volunteer_admin_sections")
def volunteer_notices_section(request, volunteer):
    from people.admin.notifications import volunteer_notices_link

    return volunteer_notices_link(request, volunteer)


# Her notices in her data download (people.personal_data): what was sent, by which way, when.
@hooks.register("personal_data_sections")
def personal_data_notices(user):
    from people.models import Notification

    rows = Notification.objects.filter(recipient=user).order_by("created_at", "pk")
    return {
        "notices_by": user.notify_by or None,
        "notices": [
            {
                "kind": n.get_kind_display(),
                "channel": n.get_channel_display(),
                "status": n.get_status_display(),
                "recorded_at": n.created_at.isoformat(),
                "sent_at": n.sent_at.isoformat() if n.sent_at else None,
            }
            for n in rows
        ],
    }
