"""The visits ledger (三必访台账) in the back office: a county's visits, filterable by county
(city staff), kind and month, each opened in an audited inspect view. Visits are written by
the mothers (and coordinators) through ``pairs.services.visit_log``; no edit, no delete."""

from datetime import date

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic

import django_filters

from cms.models import County
from pairs.models import Visit, VisitKind
from people.admin.base import (
    AuditedListMixin,
    AuditedReadMixin,
    BlankAsDashMixin,
    CountyScopedFilterSet,
    PeopleIndexView,
    PeopleViewSet,
    ScopedObjectMixin,
)

MONTHS_LISTED = 24


def month_choices() -> list[tuple[str, str]]:
    """The last two years' months, newest first, as ("2026-09", "2026-09")."""
    today = timezone.localdate()
    choices = []
    year, month = today.year, today.month
    for _i in range(MONTHS_LISTED):
        choices.append(
            (f"{year}-{month:02d}", _("%(year)d-%(month)02d") % {"year": year, "month": month})
        )
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return choices


def visits_for(user):
    return Visit.objects.visible_to(user).select_related(
        "pair__child", "pair__mother", "county", "festival"
    )


class VisitFilterSet(CountyScopedFilterSet):
    county = django_filters.ModelChoiceFilter(
        label=gettext_lazy("County"), queryset=County.objects.all()
    )
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"), choices=VisitKind.choices)
    month = django_filters.ChoiceFilter(
        label=gettext_lazy("Month"), choices=month_choices, method="filter_month"
    )

    class Meta:
        model = Visit
        fields = ["county", "kind"]

    def filter_month(self, queryset, name, value):
        year, month = (int(part) for part in value.split("-"))
        start = date(year, month, 1)
        end = date(year + month // 12, month % 12 + 1, 1)
        return queryset.filter(visited_on__gte=start, visited_on__lt=end)


class VisitIndexView(AuditedListMixin, PeopleIndexView):
    def get_base_queryset(self):
        return visits_for(self.request.user)

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        return [
            title_column_class(
                "visited_on",
                label=_("Date"),
                sort_key="visited_on",
                get_url=self.get_inspect_url,
            ),
            Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
            Column("child", label=_("Child"), accessor="pair.child.name"),
            Column("mother", label=_("Caring mother"), accessor="pair.mother.name"),
            Column("county", label=_("County"), sort_key="county", classname="people-wide"),
        ]

    @cached_property
    def no_results_message(self):
        if self.is_filtering:
            return _("No visit matches these filters.")
        return _("No visits yet. The caring mothers log their visits on their phones.")


class VisitInspectView(ScopedObjectMixin, AuditedReadMixin, BlankAsDashMixin, generic.InspectView):
    def scoped_queryset(self):
        return visits_for(self.request.user).select_related("recorded_by")

    def get_fields(self):
        return [
            "pair",
            "visited_on",
            "kind",
            "festival",
            "what_was_done",
            "needs_noticed",
            "follow_up_wanted",
            "recorded_by",
            "created_at",
        ]

    def get_pair_display_value(self):
        pair = self.object.pair
        return f"{pair.child.name} · {pair.mother.name}"

    def get_recorded_by_display_value(self):
        return self.object.recorded_by.get_full_name() if self.object.recorded_by else ""


class VisitViewSet(PeopleViewSet):
    model = Visit
    name = "people_visits"
    url_prefix = "people/visits"
    icon = "date"
    menu_label = gettext_lazy("Visits")
    menu_order = 310
    views = ("inspect",)
    index_view_class = VisitIndexView
    inspect_view_class = VisitInspectView
    filterset_class = VisitFilterSet
