"""A back-office page about one record of the county scope (a child to pair, a mother, a pair
to print), shared by the pairs side's own pages: the record is looked up in the scope first
(another county's answers 404, and the attempt is audited), then the permission is checked
on ``permission_model`` (pairs' permissions: pairing is what these pages are for)."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy

from pairs.models import Pair
from people.admin.base import ScopedObjectMixin


class ScopedRecordView(
    ScopedObjectMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    model = None
    permission_required = "view"
    permission_model = Pair
    header_icon = "link"

    @cached_property
    def permission_policy(self):
        return ModelPermissionPolicy(self.permission_model)

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("people_pairs:index"), "label": Pair._meta.verbose_name_plural},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        return context
