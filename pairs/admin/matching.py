"""Matching in the back office: "suggest a mother" for a child, "children who need a mother"
for an approved mother, and the county's children still waiting for one (应结尽结), longest
waiting first. The coordinator decides: each suggestion opens the pairing form prefilled."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.tables import Column, TitleColumn

import django_filters

from cms.models import County
from pairs.admin.records import ScopedRecordView
from pairs.models import Pair
from pairs.selectors.matching import suggest_children, suggest_mothers, waiting_children
from people.admin.base import (
    AuditedListMixin,
    AuditedReadMixin,
    CountyScopedFilterSet,
    PeopleIndexView,
    PeopleViewSet,
)
from people.audit import audit_record
from people.models import AuditEntry, Child, Volunteer


def pair_url(*, child: Child, mother: Volunteer) -> str:
    """The pairing form, prefilled; the coordinator still confirms."""
    return reverse("people_pairs:add") + "?" + urlencode({"child": child.pk, "mother": mother.pk})


class SuggestMothersView(AuditedReadMixin, ScopedRecordView):
    """Approved mothers of the child's county with room, ranked, each with her reasons."""

    model = Child
    permission_required = "add"
    template_name = "pairs/admin/suggest_mothers.html"
    page_title = gettext_lazy("Suggest a mother")

    def scoped_queryset(self):
        return Child.objects.for_staff(self.request.user).active().select_related("county")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["caring_mother"] = (
            Pair.objects.active().filter(child=self.object).select_related("mother").first()
        )
        context["suggestions"] = [
            {
                "mother": suggestion.volunteer,
                "free": suggestion.volunteer.max_children - suggestion.volunteer.active_pairs,
                "score": suggestion.score,
                "pair_url": pair_url(child=self.object, mother=suggestion.volunteer),
            }
            for suggestion in ([] if context["caring_mother"] else suggest_mothers(self.object))
        ]
        context["age"] = self.object.age_on(timezone.localdate())
        return context


class ChildrenForMotherView(ScopedRecordView):
    """The children of her county who need a mother, the most suitable for her first."""

    model = Volunteer
    permission_required = "add"
    template_name = "pairs/admin/suggest_children.html"
    page_title = gettext_lazy("Children who need a mother")

    def scoped_queryset(self):
        return Volunteer.objects.visible_to(self.request.user).approved().select_related("county")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        suggestions = suggest_children(self.object)
        context["suggestions"] = [
            {
                "child": suggestion.child,
                "age": suggestion.child.age_on(today),
                "score": suggestion.score,
                "pair_url": pair_url(child=suggestion.child, mother=self.object),
            }
            for suggestion in suggestions
        ]
        self.children_count = len(suggestions)
        return context

    def render_to_response(self, context, **response_kwargs):
        audit_record(
            actor=self.request.user,
            action=AuditEntry.Action.VIEW,
            obj=self.object,
            request=self.request,
            detail="children who need a mother",
            children=self.children_count,
        )
        return super().render_to_response(context, **response_kwargs)


class WaitingFilterSet(CountyScopedFilterSet):
    county = django_filters.ModelChoiceFilter(
        label=gettext_lazy("County"), queryset=County.objects.all()
    )

    class Meta:
        model = Child
        fields = ["county", "category"]


def age_from_birth_year(child: Child) -> int:
    return timezone.localdate().year - child.birth_year


def waiting_since_label(child: Child) -> str:
    return child.waiting_since.isoformat() if child.waiting_since else "—"


class WaitingIndexView(AuditedListMixin, PeopleIndexView):
    """应结尽结: every child of her county without a caring mother, longest waiting first."""

    page_title = gettext_lazy("Waiting for a mother")

    def get_base_queryset(self):
        return waiting_children(Child.objects.for_staff(self.request.user)).select_related("county")

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label=_("Name"),
                get_url=lambda child: reverse("people_waiting:suggest", args=[child.pk]),
            ),
            Column("county", label=_("County"), classname="people-wide"),
            Column("township", label=_("Township or street")),
            Column("category", label=_("Category"), accessor="get_category_display"),
            Column("age", label=_("Age"), accessor=age_from_birth_year),
            Column("waiting_since", label=_("Waiting since"), accessor=waiting_since_label),
        ]

    @cached_property
    def no_results_message(self):
        if self.is_filtering:
            return _("No waiting child matches these filters.")
        return _("Every child of the county has a caring mother.")


class WaitingViewSet(PeopleViewSet):
    model = Child
    name = "people_waiting"
    url_prefix = "people/waiting"
    icon = "warning"
    menu_label = gettext_lazy("Waiting for a mother")
    menu_order = 250
    index_view_class = WaitingIndexView
    filterset_class = WaitingFilterSet

    def extra_urlpatterns(self) -> list:
        return [
            self.action_path("suggest", SuggestMothersView.as_view()),
            self.action_path("for_mother", ChildrenForMotherView.as_view()),
        ]
