"""The audit log, read-only, for city staff (permission ``people.view_auditentry``)."""

from django.apps import apps
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column

import django_filters

from cms.models import County
from people.admin.base import PeopleIndexView, PeopleViewSet
from people.models import AuditEntry


class AuditEntryFilterSet(WagtailFilterSet):
    at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Date"), widget=DateRangePickerWidget
    )
    county = django_filters.ModelChoiceFilter(
        label=gettext_lazy("County"), queryset=County.objects.all()
    )

    class Meta:
        model = AuditEntry
        fields = ["action", "county", "at"]


def actor_label(entry: AuditEntry) -> str:
    """Her name and contact as they were when the entry was written (they stay after her
    account is deleted); the account's for entries older than the snapshot."""
    name = entry.actor_name or (entry.actor.get_full_name() if entry.actor else "")
    if not name:
        return _("(deleted account)")
    return f"{name}（{entry.actor_contact}）" if entry.actor_contact else name


def record_label(entry: AuditEntry) -> str:
    """ "child 12" rather than "people.child 12"."""
    try:
        kind = apps.get_model(entry.object_type)._meta.verbose_name
    except (LookupError, ValueError):
        kind = entry.object_type
    return f"{kind} {entry.object_id}".strip()


def children_label(entry: AuditEntry) -> str:
    return "" if entry.children_shown is None else str(entry.children_shown)


def when_label(entry: AuditEntry) -> str:
    return timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S")


class AuditEntryIndexView(PeopleIndexView):
    any_permission_required = ["view"]

    def get_base_queryset(self):
        return AuditEntry.objects.select_related("actor", "county")

    @cached_property
    def columns(self):
        return [
            Column("at", label=_("When"), accessor=when_label, sort_key="at"),
            Column("actor", label=_("Who"), accessor=actor_label),
            Column("actor_role", label=_("Role"), classname="people-wide"),
            Column("action", label=_("Action"), accessor="get_action_display", sort_key="action"),
            Column("record", label=_("Record"), accessor=record_label),
            Column("children_shown", label=_("Children shown"), accessor=children_label),
            Column("county", label=_("County"), classname="people-wide"),
            Column("detail", label=_("Detail"), classname="people-wide"),
            Column("ip_address", label=_("IP address"), classname="people-wide"),
            Column("path", label=_("Page"), classname="people-wide"),
        ]

    @cached_property
    def no_results_message(self):
        if self.is_filtering:
            return _("No entry matches these filters.")
        return _(
            "Nothing recorded yet. Every opening and export of a child's record by staff, and "
            "every attempt to open another county's record, will be listed here."
        )


class AuditEntryViewSet(PeopleViewSet):
    model = AuditEntry
    name = "people_audit"
    url_prefix = "people/audit"
    icon = "history"
    menu_label = gettext_lazy("Audit log")
    menu_order = 500
    views = ()
    index_view_class = AuditEntryIndexView
    filterset_class = AuditEntryFilterSet
    ordering = "-at"
    list_per_page = 50
