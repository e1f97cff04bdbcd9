"""Reports in the back office (``/admin/people/reports/``): the list of reports, asking for
one (a month or a year; city staff: a county or the whole city), the job's page, which
refreshes itself until the workbook is built, the download (audited as an export) and the
printable page. Writes go through ``figures.reports.service``."""

from datetime import date
from urllib.parse import quote

from django import forms
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton

from figures.models import ReportJob
from figures.reports.access import jobs_for, report_policy
from figures.reports.service import report_request
from figures.reports.tables import report_tables
from people.admin.base import PeopleIndexView, PeopleViewSet, ScopedObjectMixin
from people.admin.forms import counties_for
from people.audit import audit_record
from people.errors import DomainError
from people.models import AuditEntry
from people.roles import is_city_staff

REFRESH_SECONDS = 2


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Period"), choices=ReportJob.Kind.choices)
    month = forms.CharField(
        label=gettext_lazy("Month"),
        required=False,
        help_text=gettext_lazy("For a monthly report."),
        widget=forms.DateInput(attrs={"type": "month"}),
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=gettext_lazy("For a yearly report."),
    )
    county = forms.ModelChoiceField(
        label=gettext_lazy("County"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("The whole city"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if is_city_staff(user):
            self.fields["county"].queryset = counties_for(user)
        else:
            del self.fields["county"]  # hers
        today = timezone.localdate()
        self.fields["month"].initial = f"{today:%Y-%m}"
        self.fields["year"].initial = today.year

    def clean(self):
        data = super().clean()
        if data.get("kind") == ReportJob.Kind.YEAR:
            if not data.get("year"):
                self.add_error("year", _("Enter the year."))
            else:
                data["start"] = date(data["year"], 1, 1)
        elif data.get("kind") == ReportJob.Kind.MONTH:
            try:
                year, month = (int(part) for part in (data.get("month") or "").split("-"))
                data["start"] = date(year, month, 1)
            except ValueError:
                self.add_error("month", _("Enter a month as YYYY-MM."))
        return data


class ReportIndexView(PeopleIndexView):
    def get_base_queryset(self):
        return jobs_for(self.request.user).select_related("county", "user")

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Report"),
                accessor=str,
                get_url=lambda job: reverse("people_reports:inspect", args=[job.pk]),
            ),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                primary=lambda job: job.status == ReportJob.Status.DONE,
            ),
            Column("user", label=_("Asked by"), classname="people-wide"),
            DateColumn("created_at", label=_("Asked at"), sort_key="created_at"),
        ]

    @cached_property
    def header_buttons(self):
        return [HeaderButton(_("New report"), url=reverse("people_reports:add"), icon_name="plus")]

    @cached_property
    def no_results_message(self):
        return _("No report yet. Ask for a monthly or yearly report with “New report”.")


class ReportRequestView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    permission_policy = report_policy
    permission_required = "add"
    template_name = "figures/reports/request.html"
    form_class = ReportForm
    page_title = gettext_lazy("New report")
    header_icon = "table"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("people_reports:index"), "label": _("Reports")},
            {"url": "", "label": self.get_page_title()},
        ]

    def form_valid(self, form):
        data = form.cleaned_data
        county = data.get("county")
        try:
            job = report_request(
                actor=self.request.user,
                county_id=county.pk if county else None,
                kind=data["kind"],
                start=data["start"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        return redirect("people_reports:inspect", job.pk)


class ReportObjectMixin(ScopedObjectMixin, PermissionCheckedMixin):
    model = ReportJob
    permission_policy = report_policy
    permission_required = "view"

    def scoped_queryset(self):
        return jobs_for(self.request.user).select_related("county", "user")

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)


class ReportJobView(ReportObjectMixin, WagtailAdminTemplateMixin, TemplateView):
    """A report's page: its progress while it is built (the page reloads itself), then the
    links to the workbook and to the printable page."""

    template_name = "figures/reports/job.html"
    header_icon = "table"

    def get_page_title(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("people_reports:index"), "label": _("Reports")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        job = self.object
        waiting = job.status in (ReportJob.Status.QUEUED, ReportJob.Status.RUNNING)
        return super().get_context_data(**kwargs) | {
            "job": job,
            "refresh_seconds": REFRESH_SECONDS if waiting else None,
        }


class ReportDownloadView(ReportObjectMixin, View):
    def get(self, request, pk):
        job = self.object
        if job.status != ReportJob.Status.DONE or not job.file:
            raise Http404
        audit_record(
            actor=request.user,
            action=AuditEntry.Action.EXPORT,
            obj=job,
            request=request,
            detail=f"report workbook: {job}",
        )
        response = FileResponse(job.file.open("rb"), content_type=XLSX_TYPE)
        name = f"{job}.xlsx"
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        response["Cache-Control"] = "no-store"
        return response


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ReportPrintView(ReportObjectMixin, TemplateView):
    """The report's tables on a page for A4 paper (its own print stylesheet)."""

    template_name = "figures/reports/print.html"

    def get_context_data(self, **kwargs):
        job = self.object
        audit_record(
            actor=self.request.user,
            action=AuditEntry.Action.VIEW,
            obj=job,
            request=self.request,
            detail=f"printable report: {job}",
        )
        tables = report_tables(
            self.request.user, county_id=job.county_id, start=job.start, end=job.end
        )
        return super().get_context_data(**kwargs) | {"job": job, "tables": tables}


class ReportViewSet(PeopleViewSet):
    model = ReportJob
    name = "people_reports"
    url_prefix = "people/reports"
    icon = "table"
    menu_label = gettext_lazy("Reports")
    menu_order = 101
    index_view_class = ReportIndexView

    def extra_urlpatterns(self) -> list:
        return [
            path("new/", ReportRequestView.as_view(), name="add"),
            path("<int:pk>/", ReportJobView.as_view(), name="inspect"),
            path("<int:pk>/download/", ReportDownloadView.as_view(), name="download"),
            path("<int:pk>/print/", ReportPrintView.as_view(), name="print"),
        ]
