"""The ledgers' downloads: an empty template of each ledger that can be imported (its
headers and one example row), and the exports of the county's ledgers (every county's for
city staff), each written to the audit log by ``pairs.services.ledger_export``."""

from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from import_export.formats.base_formats import XLSX

from pairs.admin.ledger_access import ledger_policy
from pairs.ledgers.exports import EXPORTS
from pairs.ledgers.files import workbook
from pairs.ledgers.kinds import IMPORTS
from pairs.models import ImportJob
from pairs.services import ledger_export

TEMPLATE_TITLES = {
    "children": "儿童台账模板",
    "mothers": "爱心妈妈台账模板",
    "pairs": "结对台账模板",
}
EXPORT_LABELS = {
    "children": gettext_lazy("Children's ledger"),
    "pairs": gettext_lazy("Pairs' ledger"),
    "needs": gettext_lazy("Needs ledger"),
    "visits": gettext_lazy("Visits ledger"),
    "donations": gettext_lazy("Donations ledger"),
}


def xlsx_response(name: str, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX.CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response["Cache-Control"] = "no-store"
    return response


class LedgerAccessMixin(PermissionCheckedMixin):
    permission_policy = ledger_policy
    permission_required = "view"


class LedgerDownloadsView(LedgerAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "pairs/admin/ledger_downloads.html"
    page_title = gettext_lazy("Templates and exports")
    header_icon = "download"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("people_ledgers:index"), "label": _("Ledgers")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        kinds = dict(ImportJob.Kind.choices)
        return super().get_context_data(**kwargs) | {
            "templates": [
                (kinds[kind], reverse("people_ledgers:template", args=[kind])) for kind in IMPORTS
            ],
            "exports": [
                (EXPORT_LABELS[kind], reverse("people_ledgers:export", args=[kind]))
                for kind in EXPORTS
            ],
        }


class LedgerTemplateView(LedgerAccessMixin, View):
    def get(self, request, kind: str):
        if kind not in IMPORTS:
            raise Http404
        resource = IMPORTS[kind]
        columns = resource.columns()
        data = workbook(columns, [[resource.example.get(column, "") for column in columns]])
        return xlsx_response(f"{TEMPLATE_TITLES[kind]}.xlsx", data)


class LedgerExportView(LedgerAccessMixin, View):
    def get(self, request, kind: str):
        if kind not in EXPORTS:
            raise Http404
        name, data = ledger_export(actor=request.user, kind=kind)
        return xlsx_response(name, data)


def urlpatterns() -> list:
    return [
        path("downloads/", LedgerDownloadsView.as_view(), name="downloads"),
        path("template/<slug:kind>/", LedgerTemplateView.as_view(), name="template"),
        path("export/<slug:kind>/", LedgerExportView.as_view(), name="export"),
    ]
