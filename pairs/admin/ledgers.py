"""Ledgers (台账) in the back office: the county's imports, uploading a workbook (checked
at once), the preview with its errors and the confirmation, and the job's page, which
refreshes itself while the import runs. Templates and exports are in
``pairs.admin.ledger_downloads``. Everything goes through ``pairs.services.ledgers``."""

from django import forms
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton

from pairs.admin import ledger_downloads
from pairs.admin.ledger_access import jobs_for, ledger_policy
from pairs.models import ImportJob
from pairs.services import ledger_import_check, ledger_import_confirm
from people.admin.base import ObjectActionView, PeopleIndexView, PeopleViewSet, ScopedObjectMixin
from people.admin.forms import counties_for
from people.errors import DomainError
from people.roles import is_city_staff

REFRESH_SECONDS = 2


class LedgerUploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Ledger"), choices=ImportJob.Kind.choices)
    county = forms.ModelChoiceField(label=gettext_lazy("County"), queryset=None)
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        help_text=gettext_lazy(
            "The first row has the column headers of the template; every row is checked "
            "before anything is imported."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if is_city_staff(user):
            self.fields["county"].queryset = counties_for(user)
        else:
            del self.fields["county"]  # hers


class LedgerIndexView(PeopleIndexView):
    def get_base_queryset(self):
        return jobs_for(self.request.user).select_related("county", "user")

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "original_name",
                label=_("File"),
                get_url=lambda job: reverse("people_ledgers:inspect", args=[job.pk]),
            ),
            Column("kind", label=_("Ledger"), accessor="get_kind_display"),
            Column("county", label=_("County"), classname="people-wide"),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                primary=lambda job: job.status == ImportJob.Status.DONE,
            ),
            Column("total_rows", label=_("Rows")),
            Column("created_count", label=_("Created"), classname="people-wide"),
            Column("updated_count", label=_("Updated"), classname="people-wide"),
            Column("user", label=_("Uploaded by"), accessor="uploader", classname="people-wide"),
            DateColumn("created_at", label=_("Uploaded"), sort_key="created_at"),
        ]

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Import a ledger"), url=reverse("people_ledgers:add"), icon_name="upload"
            ),
            HeaderButton(
                _("Templates and exports"),
                url=reverse("people_ledgers:downloads"),
                icon_name="download",
            ),
        ]

    @cached_property
    def no_results_message(self):
        return _(
            "No ledger imported yet. Download a template, fill it in or paste your ledger into "
            "it, then “Import a ledger”."
        )


class LedgerUploadView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    permission_policy = ledger_policy
    permission_required = "add"
    template_name = "pairs/admin/ledger_upload.html"
    form_class = LedgerUploadForm
    page_title = gettext_lazy("Import a ledger")
    header_icon = "upload"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("people_ledgers:index"), "label": _("Ledgers")},
            {"url": "", "label": self.get_page_title()},
        ]

    def form_valid(self, form):
        data = form.cleaned_data
        county = data.get("county") or counties_for(self.request.user).first()
        try:
            job = ledger_import_check(
                actor=self.request.user, county=county, kind=data["kind"], upload=data["file"]
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        return redirect("people_ledgers:confirm", job.pk)


class LedgerConfirmView(ObjectActionView):
    """The preview: what the file would create, update and leave unchanged, and every error
    by row and column; the import starts only from here, and only for a file without errors."""

    model = ImportJob
    permission_policy = ledger_policy
    permission_required = "add"
    template_name = "pairs/admin/ledger_confirm.html"
    form_class = forms.Form
    page_title = gettext_lazy("Check the file")
    submit_label = gettext_lazy("Import")
    success_message = gettext_lazy("%(object)s: the import has started.")
    index_url_name = "people_ledgers:index"
    inspect_url_name = "people_ledgers:inspect"
    header_icon = "upload"

    def scoped_queryset(self):
        return jobs_for(self.request.user).select_related("county")

    def get(self, request, *args, **kwargs):
        if self.object.status != ImportJob.Status.VALIDATED:
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)

    def perform(self, form) -> None:
        ledger_import_confirm(actor=self.request.user, job=self.object)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "job": self.object,
            "upload_url": reverse("people_ledgers:add"),
        }


class LedgerJobView(
    ScopedObjectMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """An import's page: its progress while it runs (the page reloads itself every few
    seconds, no script needed), then what it created, updated and left unchanged."""

    model = ImportJob
    permission_policy = ledger_policy
    permission_required = "view"
    template_name = "pairs/admin/ledger_job.html"
    header_icon = "upload"

    def scoped_queryset(self):
        return jobs_for(self.request.user).select_related("county", "user")

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("people_ledgers:index"), "label": _("Ledgers")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        job = self.object
        running = job.status in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING)
        percent = int(100 * job.rows_done / job.total_rows) if job.total_rows else 0
        return super().get_context_data(**kwargs) | {
            "job": job,
            "refresh_seconds": REFRESH_SECONDS if running else None,
            "percent": percent,
            "confirm_url": reverse("people_ledgers:confirm", args=[job.pk])
            if job.status == ImportJob.Status.VALIDATED
            else "",
        }


class LedgerViewSet(PeopleViewSet):
    model = ImportJob
    name = "people_ledgers"
    url_prefix = "people/ledgers"
    icon = "doc-full"
    menu_label = gettext_lazy("Ledgers")
    menu_order = 600
    index_view_class = LedgerIndexView

    def extra_urlpatterns(self) -> list:
        return [
            path("new/", LedgerUploadView.as_view(), name="add"),
            path("<int:pk>/", LedgerJobView.as_view(), name="inspect"),
            path("<int:pk>/confirm/", LedgerConfirmView.as_view(), name="confirm"),
            *ledger_downloads.urlpatterns(),
        ]
