"""The back office's page of overdue visits: per caring mother (with her last follow-up call
and a link to record one) and per township. A coordinator sees her county; city staff all
counties, with a county filter."""

from django import forms
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from pairs.models import Visit
from pairs.selectors.overdue import overdue_groups
from people.admin.forms import counties_for
from people.roles import is_city_staff

VISITS_POLICY = ModelPermissionPolicy(Visit)


class CountyFilterForm(forms.Form):
    county = forms.ModelChoiceField(label=_("County"), queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = counties_for(user)


class OverdueView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "pairs/admin/overdue.html"
    permission_policy = VISITS_POLICY
    permission_required = "view"
    page_title = _("Overdue visits")
    header_icon = "warning"
    follow_up_add_url_name = "people_followups:add"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        county_id = None
        if is_city_staff(self.request.user):
            form = CountyFilterForm(self.request.GET or None, user=self.request.user)
            if form.is_valid() and form.cleaned_data["county"]:
                county_id = form.cleaned_data["county"].pk
            context["filter_form"] = form
        by_mother, by_township = overdue_groups(self.request.user, timezone.localdate(), county_id)
        context.update(
            by_mother=by_mother,
            by_township=by_township,
            follow_up_add_url=reverse(self.follow_up_add_url_name),
        )
        return context


class OverdueMenuItem(MenuItem):
    def is_shown(self, request):
        return VISITS_POLICY.user_has_permission(request.user, "view")


class OverdueViewSet(ViewSet):
    name = "people_overdue"
    url_prefix = "people/overdue"
    icon = "warning"
    menu_label = _("Overdue visits")
    menu_order = 320
    menu_item_class = OverdueMenuItem

    def get_urlpatterns(self):
        return [path("", OverdueView.as_view(), name="index")]
