"""动态管理 in the back office: the open flags of her county (city staff: all), each with a
one-click "keep" and an "end the pair with this reason" that asks for confirmation first;
and moving a child to another county (linked from the child's page)."""

from django import forms
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from cms.models import County
from pairs import services
from pairs.models import AdjustmentFlag, Pair
from people.admin.base import (
    AuditedListMixin,
    AuditedReadMixin,
    CountyScopedFilterSet,
    ObjectActionView,
    PeopleIndexView,
    PeopleViewSet,
)
from people.models import Child


def open_flags_for(user):
    """Open flags on active pairs in ``user``'s scope, with the pair's child and mother."""
    flags = AdjustmentFlag.objects.filter(
        status=AdjustmentFlag.Status.OPEN, pair__status=Pair.Status.ACTIVE
    ).select_related("pair__child", "pair__mother", "county")
    return flags.filter(pair__in=Pair.objects.visible_to(user))


class FlagFilterSet(CountyScopedFilterSet):
    county = django_filters.ModelChoiceFilter(
        label=gettext_lazy("County"), queryset=County.objects.all()
    )

    class Meta:
        model = AdjustmentFlag
        fields = ["reason", "county"]


class DecisionColumn(Column):
    """Keep (one POST) or end the pair (a confirmation page first)."""

    cell_template_name = "pairs/admin/flag_decision_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["csrf_token"] = get_token(parent_context["request"])
        context["keep_url"] = reverse("people_adjustments:keep", args=[instance.pk])
        context["end_url"] = reverse("people_adjustments:end", args=[instance.pk])
        return context


class FlagIndexView(AuditedListMixin, PeopleIndexView):
    def get_base_queryset(self):
        return open_flags_for(self.request.user)

    @cached_property
    def columns(self):
        return [
            Column("child", label=_("Child"), accessor="pair.child.name"),
            Column("mother", label=_("Caring mother"), accessor="pair.mother.name"),
            Column("reason", label=_("Reason"), accessor="get_reason_display"),
            Column("detected_on", label=_("Detected on"), sort_key="detected_on"),
            Column("county", label=_("County"), classname="people-wide"),
            DecisionColumn("decision", label=_("Decision")),
        ]

    @cached_property
    def no_results_message(self):
        return _("No pair needs a decision. The daily check flags them here.")


class FlagActionView(AuditedReadMixin, ObjectActionView):
    model = AdjustmentFlag

    def scoped_queryset(self):
        return open_flags_for(self.request.user)

    def get_success_url(self):
        return reverse(self.index_url_name)

    def get_page_subtitle(self):
        return f"{self.object.pair.child.name} · {self.object.get_reason_display()}"


class FlagKeepView(FlagActionView):
    form_class = forms.Form
    page_title = gettext_lazy("Keep the pair")
    intro = gettext_lazy("The pair goes on; the flag is closed.")
    submit_label = gettext_lazy("Keep the pair")
    success_message = gettext_lazy("%(object)s: the pair is kept.")

    def perform(self, form) -> None:
        services.adjustment_keep(actor=self.request.user, flag=self.object)


class FlagEndForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FlagEndView(FlagActionView):
    form_class = FlagEndForm
    page_title = gettext_lazy("End the pair with this reason")
    intro = gettext_lazy(
        "The pair ends today with the flag's reason and stays in the records as history."
    )
    submit_label = gettext_lazy("End the pair")
    destructive = True
    success_message = gettext_lazy("%(object)s: the pair has ended.")

    def perform(self, form) -> None:
        services.adjustment_end_pair(
            actor=self.request.user, flag=self.object, note=form.cleaned_data["note"]
        )


class ChildMoveForm(forms.Form):
    county = forms.ModelChoiceField(label=gettext_lazy("New county"), queryset=County.objects.all())
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ChildMoveView(AuditedReadMixin, ObjectActionView):
    """Move a child to another county: her active pair ends (reason: moved) and stays in the
    old county's records; the new county's coordinator then sees her."""

    model = Child
    form_class = ChildMoveForm
    page_title = gettext_lazy("Move to another county")
    intro = gettext_lazy(
        "Her active pair ends with the reason “household registration moved” and stays in "
        "this county's records; the new county's coordinator then sees the child."
    )
    submit_label = gettext_lazy("Move the child")
    destructive = True
    success_message = gettext_lazy("%(object)s has moved to another county.")

    def scoped_queryset(self):
        return Child.objects.for_staff(self.request.user).active()

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["county"].queryset = County.objects.exclude(pk=self.object.county_id)
        return form

    def get_success_url(self):
        return reverse(self.index_url_name)

    def perform(self, form) -> None:
        services.child_move_county(
            actor=self.request.user,
            child=self.object,
            county=form.cleaned_data["county"],
            note=form.cleaned_data["note"],
        )


class AdjustmentFlagViewSet(PeopleViewSet):
    model = AdjustmentFlag
    name = "people_adjustments"
    url_prefix = "people/adjustments"
    icon = "warning"
    menu_label = gettext_lazy("Pairs to review")
    menu_order = 340
    index_view_class = FlagIndexView
    filterset_class = FlagFilterSet

    def extra_urlpatterns(self) -> list:
        common = {
            "model": self.model,
            "index_url_name": self.get_url_name("index"),
            "header_icon": self.icon,
        }
        move = self.construct_view(
            ChildMoveView,
            model=Child,
            permission_policy=ModelPermissionPolicy(Child),
            index_url_name="people_children:index",
            header_icon="user",
        )
        return [
            self.action_path("keep", self.construct_view(FlagKeepView, **common)),
            self.action_path("end", self.construct_view(FlagEndView, **common)),
            self.action_path("move-child", move),
        ]
