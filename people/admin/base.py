"""What every people viewset shares: only the views it names, objects looked up through
the county scope (another county's record is a 404, and the attempt is audited), and
domain errors shown on the form instead of a 500."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.text import capfirst
from django.views.generic import FormView

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet

from cms.exports import SafeSpreadsheetExportMixin
from people.admin.forms import counties_for
from people.audit import audit_record
from people.errors import DomainError
from people.models import AuditEntry
from people.roles import coordinator_county_id, is_city_staff

# The optional ModelViewSet views; a viewset has those it names in ``views``.
OPTIONAL_VIEWS = ("add", "edit", "delete", "copy", "history", "usage", "inspect")


class PeopleIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    """Every people list: its CSV and Excel exports cannot carry a formula (cms.exports)."""


class PeopleViewSet(ModelViewSet):
    """A ModelViewSet with only the views in ``views`` (index is always there), plus
    ``extra_urlpatterns()`` for a viewset's own action views."""

    views: tuple[str, ...] = ()
    index_view_class = PeopleIndexView
    list_per_page = 25
    # Each list says what to do when it is empty (the view's ``no_results_message``).
    index_results_template_name = "people/admin/index_results.html"
    copy_view_enabled = False
    add_to_reference_index = False

    @property
    def inspect_view_enabled(self) -> bool:
        return "inspect" in self.views

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in OPTIONAL_VIEWS:
            if name not in self.views:
                view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        patterns = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]
        if "add" in self.views:
            patterns.append(path("new/", self.add_view, name="add"))
        for name in ("edit", "delete", "inspect"):
            if name in self.views:
                patterns.append(path(f"{name}/<id:pk>/", getattr(self, f"{name}_view"), name=name))
        return patterns + self.extra_urlpatterns()

    def extra_urlpatterns(self) -> list:
        return []

    def action_path(self, name: str, view) -> object:
        return path(f"{name}/<id:pk>/", view, name=name)


class CountyScopedFilterSet(WagtailFilterSet):
    """A list filter with a ``county`` filter that only city staff get (a coordinator's list
    is her county's already), offering the counties the user may see."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is None:
            return
        if is_city_staff(request.user):
            self.filters["county"].queryset = counties_for(request.user)
        else:
            del self.filters["county"]


class ScopedObjectMixin:
    """Look the object up in ``scoped_queryset()``. A record that exists but is outside the
    user's scope answers 404, like one that does not exist, and is written to the audit log."""

    def scoped_queryset(self):
        raise NotImplementedError

    def get_object(self, queryset=None):
        pk = self.kwargs.get("pk")
        obj = self.scoped_queryset().filter(pk=pk).first() if str(pk).isdigit() else None
        if obj is None:
            outside = self.model._default_manager.filter(pk=pk).values("pk", "county_id").first()
            if outside is not None:
                audit_record(
                    actor=self.request.user,
                    action=AuditEntry.Action.DENIED,
                    object_type=self.model._meta.label_lower,
                    object_id=str(outside["pk"]),
                    county_id=outside["county_id"],
                    request=self.request,
                )
            raise Http404
        return obj


class AuditedListMixin:
    """For a list whose rows show children's names (the list page and its filter results):
    each page shown is one audit entry saying how many children it showed. An export writes
    its own entry instead (``as_spreadsheet``)."""

    def render_to_response(self, context, **response_kwargs):
        if not self.is_export:
            audit_record(
                actor=self.request.user,
                action=AuditEntry.Action.VIEW,
                object_type=self.model._meta.label_lower,
                county_id=coordinator_county_id(self.request.user),
                request=self.request,
                # The page's rows, fetched once here; the table then reads the same list.
                children=len(context["object_list"]),
            )
        return super().render_to_response(context, **response_kwargs)


class AuditedReadMixin:
    """For a page that shows one child's record, or a pair with its child: each time it is
    rendered (a form shown again with its errors included) is one audit entry. A successful
    POST redirects without rendering; its own entry is the write's."""

    def children_shown(self) -> int:
        return 1

    def render_to_response(self, context, **response_kwargs):
        audit_record(
            actor=self.request.user,
            action=AuditEntry.Action.VIEW,
            obj=self.object,
            request=self.request,
            children=self.children_shown(),
        )
        return super().render_to_response(context, **response_kwargs)


class BlankAsDashMixin:
    """For inspect views: an empty value reads "—", not "None"."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None or value == "" else value


class DomainErrorFormMixin:
    """For create and edit views whose ``save_instance`` calls a service: a ``DomainError``
    becomes an error on its field (or on the form) and the form is shown again."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except DomainError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ObjectActionView(
    ScopedObjectMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView
):
    """A page with one form that does one thing to one record through a service (approve an
    application, end a pair …). ``perform(form)`` calls the service; a ``DomainError`` is
    shown on the form."""

    template_name = "people/admin/object_action.html"
    permission_required = "change"
    model = None
    index_url_name = None
    inspect_url_name = None
    submit_label = ""
    intro = ""
    success_message = ""
    destructive = False

    def scoped_queryset(self):
        raise NotImplementedError

    def perform(self, form) -> None:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(self.model._meta.verbose_name_plural),
            },
            {"url": self.get_success_url(), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])

    def form_valid(self, form):
        try:
            self.perform(form)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"object": self.object})
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            intro=self.intro,
            submit_label=self.submit_label,
            destructive=self.destructive,
            cancel_url=self.get_success_url(),
        )
        return context


def inspect_sections(hook_name: str, request, obj) -> list:
    """The sections the rooms above add to a record's back-office page, through a Wagtail
    hook called as ``fn(request, obj)`` returning HTML or None (nothing to show): the child's
    pairs (hook ``child_admin_sections``), a mother's pairs and the children who need one
    (hook ``volunteer_admin_sections``). The people side so never imports pairs."""
    sections = (section_for(request, obj) for section_for in hooks.get_hooks(hook_name))
    return [section for section in sections if section]
