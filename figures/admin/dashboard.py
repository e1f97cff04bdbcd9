"""The back office's dashboard of the programme's figures (``/admin/people/figures/``): a
coordinator sees her county, city staff every county (or one) and a comparison between
them; editors and mothers nothing. A fixed number of queries whatever the number of rows."""

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from cms.models import County
from figures.admin.periods import PeriodForm
from figures.admin.sections import Links, charts, comparison, donations_section, sections
from figures.selectors.dashboard import dashboard_figures
from figures.selectors.scope import scope_for
from figures.snapshots import city_snapshot
from pairs.models import Pair
from pairs.selectors.donations import donations_total

PAIRS_POLICY = ModelPermissionPolicy(Pair)


class DashboardView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "figures/admin/dashboard.html"
    permission_policy = PAIRS_POLICY
    permission_required = "view"
    page_title = _("Figures")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form = PeriodForm(self.request.GET or None, user=user)
        start, end, month = form.dates()
        scope = scope_for(user, county_id=form.county_id(), start=start, end=end)
        if scope is None:  # the permission without a county: no figures to show
            raise PermissionDenied
        if scope.county_ids is None:  # every county: the city's snapshot (figures.snapshots)
            snapshot = city_snapshot(start=start, end=end)
            figures, counted_at = snapshot.figures, snapshot.counted_at
        else:
            figures, counted_at = dashboard_figures(scope), None
        names = dict(County.objects.filter(pk__in=figures.county_ids()).values_list("pk", "name"))
        county_id = scope.county_ids[0] if scope.county_ids else None
        context.update(
            form=form,
            start=start,
            end=end,
            counted_at=counted_at,
            sections=[
                *sections(figures, links := Links(county_id, month)),
                donations_section(
                    donations_total(user, county_id=county_id, start=start, end=end),
                    links,
                    start,
                    end,
                ),
            ],
            charts=charts(figures, names),
            comparison=comparison(figures, names) if scope.county_ids is None else None,
        )
        return context


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return PAIRS_POLICY.user_has_permission(request.user, "view")


class DashboardViewSet(ViewSet):
    name = "people_figures"
    url_prefix = "people/figures"
    icon = "table"
    menu_label = _("Figures")
    menu_order = 100
    menu_item_class = DashboardMenuItem

    def get_urlpatterns(self):
        return [path("", DashboardView.as_view(), name="index")]
