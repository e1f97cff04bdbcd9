"""The notification log in the back office: what was sent to whom, when, and what failed,
per person (``?recipient=<user id>``, linked from nowhere yet but filterable) and per session
(``?session=<id>``), with failed notices filterable and a "send again" action.

County scope: each notice carries the county whose staff may see it, set by the service that
records it: a booking's or session's notice, the county of the session's course; a visit's
or a pair's, the pair's county; an application's, the volunteer's county; a digest, the
coordinator's own county. A coordinator sees her county's; city staff all; editors nothing
(no permission). A notice of another county answers 404 (ScopedObjectMixin)."""

from django import forms
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.tables import Column

import django_filters

from cms.models import County
from people.admin.base import (
    CountyScopedFilterSet,
    ObjectActionView,
    PeopleIndexView,
    PeopleViewSet,
)
from people.models import Notification
from people.scope import staff_scope
from people.services.notifications import notification_resend


def notifications_for(user):
    scoped = staff_scope(Notification.objects.all(), user)
    if scoped is None:
        return Notification.objects.none()
    return scoped.select_related("recipient", "county")


class NotificationFilterSet(CountyScopedFilterSet):
    county = django_filters.ModelChoiceFilter(
        label=gettext_lazy("County"), queryset=County.objects.all()
    )
    recipient = django_filters.NumberFilter(label=gettext_lazy("Person (user id)"))
    session = django_filters.NumberFilter(
        field_name="session_id", label=gettext_lazy("Session (id)")
    )

    class Meta:
        model = Notification
        fields = ["status", "kind", "channel", "county", "recipient", "session"]


def when_label(notification: Notification) -> str:
    return timezone.localtime(notification.created_at).strftime("%Y-%m-%d %H:%M")


def sent_label(notification: Notification) -> str:
    if notification.sent_at is None:
        return "—"
    return timezone.localtime(notification.sent_at).strftime("%Y-%m-%d %H:%M")


class ResendColumn(Column):
    """A failed notice: "send again" (one POST)."""

    cell_template_name = "people/admin/notification_resend_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["failed"] = instance.status == Notification.Status.FAILED
        context["csrf_token"] = get_token(parent_context["request"])
        context["resend_url"] = reverse("people_notifications:resend", args=[instance.pk])
        return context


class NotificationIndexView(PeopleIndexView):
    def get_base_queryset(self):
        return notifications_for(self.request.user)

    @cached_property
    def columns(self):
        return [
            Column("created_at", label=_("Recorded"), accessor=when_label, sort_key="created_at"),
            Column("recipient", label=_("To"), accessor="recipient.get_full_name"),
            Column("kind", label=_("Kind"), accessor="get_kind_display"),
            Column("channel", label=_("Channel"), accessor="get_channel_display"),
            Column("status", label=_("Status"), accessor="get_status_display"),
            Column("attempts", label=_("Attempts"), classname="people-wide"),
            Column("sent_at", label=_("Sent"), accessor=sent_label, classname="people-wide"),
            Column("last_error", label=_("Last error"), classname="people-wide"),
            Column("county", label=_("County"), classname="people-wide"),
            ResendColumn("resend", label=_("Action")),
        ]

    @cached_property
    def no_results_message(self):
        if self.is_filtering:
            return _("No notice matches these filters.")
        return _("No notice yet. Every email and text message the site sends is listed here.")


class NotificationResendView(ObjectActionView):
    model = Notification
    form_class = forms.Form
    page_title = gettext_lazy("Send again")
    intro = gettext_lazy("The notice is sent again, with a fresh set of attempts.")
    submit_label = gettext_lazy("Send again")
    success_message = gettext_lazy("%(object)s: it will be sent again.")

    def scoped_queryset(self):
        return notifications_for(self.request.user)

    def get_success_url(self):
        return reverse(self.index_url_name) + "?status=failed"

    def perform(self, form) -> None:
        notification_resend(notification=self.object, actor=self.request.user)


class NotificationViewSet(PeopleViewSet):
    model = Notification
    name = "people_notifications"
    url_prefix = "people/notifications"
    icon = "mail"
    menu_label = gettext_lazy("Notifications")
    menu_order = 450
    index_view_class = NotificationIndexView
    filterset_class = NotificationFilterSet
    ordering = "-created_at"
    list_per_page = 50

    def extra_urlpatterns(self) -> list:
        view = self.construct_view(
            NotificationResendView,
            model=self.model,
            index_url_name=self.get_url_name("index"),
            header_icon=self.icon,
        )
        return [self.action_path("resend", view)]


def volunteer_notices_link(request, volunteer) -> str | None:
    """On a volunteer's back-office page: a link to the notices sent to her."""
    if volunteer.user_id is None or not request.user.has_perm("people.view_notification"):
        return None
    url = reverse("people_notifications:index") + f"?recipient={volunteer.user_id}"
    return format_html(
        '<section class="w-mt-8"><h2 class="w-h3">{}</h2><p><a class="button button-secondary" '
        'href="{}">{}</a></p></section>',
        _("Notifications"),
        url,
        _("Notices sent to her"),
    )
