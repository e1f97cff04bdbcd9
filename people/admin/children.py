"""Children's records in the back office: list, add from the civil-affairs ledger, edit,
inspect. No delete: a guardian removes her child's record, which anonymises it.

Every query starts from ``Child.objects.for_staff(user)``; opening a record, its edit form
and every export are written to the audit log."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets import AdminDateInput

import django_filters

from cms.models import County
from people import services
from people.admin.base import (
    AuditedListMixin,
    AuditedReadMixin,
    BlankAsDashMixin,
    CountyScopedFilterSet,
    DomainErrorFormMixin,
    PeopleIndexView,
    PeopleViewSet,
    ScopedObjectMixin,
    inspect_sections,
)
from people.admin.forms import ChildAdminForm
from people.audit import audit_record
from people.fields import lookup_hash
from people.models import AuditEntry, Child
from people.roles import coordinator_county_id


def children_for(user):
    """The children a member of staff manages, with what the list shows fetched up front."""
    # ``pairs`` is the reverse relation of the room above (pairs.Pair.child): named here, as
    # Django's reverse relations are, never imported.
    active_pair = Child.objects.filter(pk=OuterRef("pk"), pairs__status="active")
    return (
        Child.objects.for_staff(user)
        .active()
        .select_related("county")
        .annotate(is_paired=Exists(active_pair))
    )


def guardian_label(child: Child) -> str:
    if child.guardian_id:
        return _("Account")
    if child.guardian_phone or child.guardian_name:
        return _("Contact only")
    return _("None")


def age_from_birth_year(child: Child) -> int:
    return timezone.localdate().year - child.birth_year


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def duplicate_label(child: Child) -> str:
    """A guardian added this child with the name and date of birth of another record of the
    county (``services.children``): the coordinator checks whether it is the same child."""
    if child.possible_duplicate_of_id is None:
        return ""
    return _("Check: same as record %(id)s?") % {"id": child.possible_duplicate_of_id}


class ChildFilterSet(CountyScopedFilterSet):
    county = django_filters.ModelChoiceFilter(
        label=gettext_lazy("County"), queryset=County.objects.all()
    )
    full_name = django_filters.CharFilter(
        label=gettext_lazy("Full name (exact)"), method="lookup_identity"
    )
    born_on = django_filters.DateFilter(
        label=gettext_lazy("Date of birth"),
        method="lookup_identity",
        widget=AdminDateInput,
        help_text=gettext_lazy("Names are encrypted: enter the full name and date of birth."),
    )

    possible_duplicate = django_filters.BooleanFilter(
        label=gettext_lazy("Possible duplicate"), method="filter_possible_duplicate"
    )

    class Meta:
        model = Child
        fields = [
            "county",
            "category",
            "school_stage",
            "possible_duplicate",
            "full_name",
            "born_on",
        ]

    def filter_possible_duplicate(self, queryset, name, value):
        return queryset.filter(possible_duplicate_of__isnull=not value)

    def lookup_identity(self, queryset, name, value):
        """Both fields are applied together in ``filter_queryset``."""
        return queryset

    @property
    def lookup_is_incomplete(self) -> bool:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return bool(data.get("full_name")) != bool(data.get("born_on"))

    def filter_queryset(self, queryset):
        """Name and date of birth together find one child by its keyed hash; one without the
        other finds nothing (a list of everyone under a name filter would mislead)."""
        queryset = super().filter_queryset(queryset)
        full_name = self.form.cleaned_data.get("full_name")
        born_on = self.form.cleaned_data.get("born_on")
        if full_name and born_on:
            return queryset.filter(identity_hash=lookup_hash(full_name, born_on.isoformat()))
        if full_name or born_on:
            return queryset.none()
        return queryset


class ChildIndexView(AuditedListMixin, PeopleIndexView):
    template_name = "people/admin/child_index.html"

    def get_base_queryset(self):
        return children_for(self.request.user)

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        return [
            title_column_class(
                "name",
                label=_("Name"),
                get_url=lambda child: self.get_inspect_url(child),
            ),
            Column("county", label=_("County"), sort_key="county", classname="people-wide"),
            Column("category", label=_("Category"), accessor="get_category_display"),
            Column(
                "gender", label=_("Gender"), accessor="get_gender_display", classname="people-wide"
            ),
            Column("age", label=_("Age"), accessor=age_from_birth_year),
            Column(
                "school_stage",
                label=_("School stage"),
                accessor="get_school_stage_display",
                classname="people-wide",
            ),
            Column(
                "guardian", label=_("Guardian"), accessor=guardian_label, classname="people-wide"
            ),
            Column("paired", label=_("Paired"), accessor=lambda child: yes_no(child.is_paired)),
            Column("possible_duplicate", label=_("Possible duplicate"), accessor=duplicate_label),
        ]

    @cached_property
    def no_results_message(self):
        if self.filters and self.filters.lookup_is_incomplete:
            return _("To look a child up, enter both the full name and the date of birth.")
        if self.is_filtering:
            return _(
                "No child matches. The exact lookup needs the full name and the date of birth "
                "as registered."
            )
        return _(
            "No children's records yet. Add a child from the civil-affairs ledger; children "
            "added by their guardians appear here too."
        )

    def stream_csv(self, queryset):
        yield "\ufeff"  # so that Excel reads the Chinese text as UTF-8
        yield from super().stream_csv(queryset)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        audit_record(
            actor=self.request.user,
            action=AuditEntry.Action.EXPORT,
            object_type=Child._meta.label_lower,
            county_id=coordinator_county_id(self.request.user),
            request=self.request,
            detail=spreadsheet_format,
            children=queryset.count(),
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)


class ChildScopeMixin(ScopedObjectMixin):
    def scoped_queryset(self):
        return Child.objects.for_staff(self.request.user).active().select_related("county")


class ChildCreateView(DomainErrorFormMixin, generic.CreateView):
    inspect_url_name = None
    template_name = "people/admin/child_form.html"
    success_message = gettext_lazy("Child '%(object)s' added.")

    def get_initial_form_instance(self):
        return Child(source=Child.Source.LEDGER, county_id=coordinator_county_id(self.request.user))

    def save_instance(self):
        return services.child_create(
            actor=self.request.user, source=Child.Source.LEDGER, **self.form.service_fields()
        )

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])

    def get_success_buttons(self):
        return []


class ChildEditView(ChildScopeMixin, AuditedReadMixin, DomainErrorFormMixin, generic.EditView):
    template_name = "people/admin/child_form.html"
    success_message = gettext_lazy("Child '%(object)s' updated.")

    def save_instance(self):
        return services.child_update(
            actor=self.request.user, child=self.object, **self.form.service_fields()
        )

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])

    def get_success_buttons(self):
        return []


class ChildInspectView(ChildScopeMixin, AuditedReadMixin, BlankAsDashMixin, generic.InspectView):
    template_name = "people/admin/child_inspect.html"
    extra_labels = {
        "age": gettext_lazy("Age"),
        "caring_mother": gettext_lazy("Caring mother"),
    }

    def get_fields(self):
        return [
            "name",
            "gender",
            "date_of_birth",
            "age",
            "id_number",
            "category",
            "family_court_case",
            "county",
            "township",
            "address",
            "school_stage",
            "needs",
            "special_needs",
            "guardian_name",
            "relationship",
            "guardian_phone",
            "guardian",
            "caring_mother",
            "source",
            "possible_duplicate_of",
            "created_at",
            "updated_at",
        ]

    def get_field_label(self, field_name, field):
        if field_name in self.extra_labels:
            return self.extra_labels[field_name]
        return super().get_field_label(field_name, field)

    @cached_property
    def header_more_buttons(self):
        """Actions the rooms above offer on a child (hook ``people_child_admin_buttons``:
        ``fn(request, child)`` returns a list of Wagtail ``Button``; pairs: move county)."""
        buttons = list(super().header_more_buttons)
        for buttons_for in hooks.get_hooks("people_child_admin_buttons"):
            buttons += buttons_for(self.request, self.object)
        return buttons

    def children_shown(self) -> int:
        """The record, and the one it may duplicate (named on the page)."""
        return 2 if self.object.possible_duplicate_of_id else 1

    def get_possible_duplicate_of_display_value(self):
        original = self.object.possible_duplicate_of
        if original is None:
            return ""
        return _("%(name)s, born %(date)s, record %(id)s: check whether it is the same child.") % {
            "name": original.name,
            "date": original.date_of_birth.isoformat() if original.date_of_birth else "—",
            "id": original.pk,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["extra_sections"] = inspect_sections(
            "child_admin_sections", self.request, self.object
        )
        return context

    def get_age_display_value(self):
        return self.object.age_on(timezone.localdate())

    def get_guardian_display_value(self):
        guardian = self.object.guardian
        if guardian is None:
            return _("No account: the record comes from the civil-affairs ledger.")
        return f"{guardian.get_full_name()} {guardian.phone or guardian.email or ''}".strip()

    def get_caring_mother_display_value(self):
        pair = self.object.pairs.filter(status="active").select_related("mother").first()
        if pair is None:
            return _("Not paired")
        return _("%(name)s, since %(date)s") % {
            "name": pair.mother.name,
            "date": pair.started_on.isoformat(),
        }


class ChildViewSet(PeopleViewSet):
    model = Child
    name = "people_children"
    url_prefix = "people/children"
    icon = "user"
    menu_label = gettext_lazy("Children")
    menu_order = 100
    views = ("add", "edit", "inspect")
    index_view_class = ChildIndexView
    add_view_class = ChildCreateView
    edit_view_class = ChildEditView
    inspect_view_class = ChildInspectView
    filterset_class = ChildFilterSet
    index_template_name = "people/admin/child_index.html"
    create_template_name = "people/admin/child_form.html"
    edit_template_name = "people/admin/child_form.html"
    inspect_template_name = "people/admin/child_inspect.html"
    export_filename = "children"
    list_export = [
        "name",
        "get_gender_display",
        "birth_year",
        "county",
        "township",
        "get_school_stage_display",
        "get_category_display",
        "guardian_name",
        "guardian_phone",
        "needs",
    ]
    export_headings = {
        "name": gettext_lazy("Name"),
        "get_gender_display": gettext_lazy("Gender"),
        "birth_year": gettext_lazy("Year of birth"),
        "county": gettext_lazy("County"),
        "township": gettext_lazy("Township or street"),
        "get_school_stage_display": gettext_lazy("School stage"),
        "get_category_display": gettext_lazy("Category"),
        "guardian_name": gettext_lazy("Guardian's name"),
        "guardian_phone": gettext_lazy("Guardian's phone"),
        "needs": gettext_lazy("Needs"),
    }

    def get_form_class(self, for_update=False):
        return ChildAdminForm
