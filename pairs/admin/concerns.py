"""Concerns (家庭变故, 生活困难) in the back office: the open ones of her county, and a form
for the coordinator to raise one on an active pair (``pairs.services.concern_raise``); a
visit is then due within ``PAIRS_CONCERN_VISIT_DAYS`` and the next visit resolves it."""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic

import django_filters

from cms.models import County
from pairs import services
from pairs.models import Pair, PairConcern
from people.admin.base import (
    AuditedListMixin,
    CountyScopedFilterSet,
    DomainErrorFormMixin,
    PeopleIndexView,
    PeopleViewSet,
)
from people.audit import audit_record
from people.models import AuditEntry
from people.roles import coordinator_county_id


class ConcernForm(forms.ModelForm):
    class Meta:
        model = PairConcern
        fields = ["pair", "kind", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is not None:
            self.fields["pair"].queryset = (
                Pair.objects.visible_to(for_user).active().select_related("mother", "child")
            )
            self.fields["pair"].label_from_instance = lambda pair: (
                f"{pair.child.name} · {pair.mother.name}"
            )


class ConcernFilterSet(CountyScopedFilterSet):
    county = django_filters.ModelChoiceFilter(
        label=gettext_lazy("County"), field_name="pair__county", queryset=County.objects.all()
    )

    class Meta:
        model = PairConcern
        fields = ["kind", "county"]


class ConcernIndexView(AuditedListMixin, PeopleIndexView):
    def get_base_queryset(self):
        return (
            PairConcern.objects.open()
            .filter(pair__in=Pair.objects.visible_to(self.request.user))
            .select_related("pair__child", "pair__mother", "pair__county")
        )

    @cached_property
    def columns(self):
        return [
            Column("child", label=_("Child"), accessor="pair.child.name"),
            Column("mother", label=_("Caring mother"), accessor="pair.mother.name"),
            Column("kind", label=_("Kind"), accessor="get_kind_display"),
            Column("raised_at", label=_("Raised at"), sort_key="raised_at"),
            Column("county", label=_("County"), accessor="pair.county", classname="people-wide"),
        ]

    @cached_property
    def no_results_message(self):
        return _("No open concern. A visit resolves a concern.")


class ConcernCreateView(DomainErrorFormMixin, generic.CreateView):
    inspect_url_name = None
    success_message = gettext_lazy("Concern raised: a visit is now due.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def save_instance(self):
        data = self.form.cleaned_data
        return services.concern_raise(
            actor=self.request.user, pair=data["pair"], kind=data["kind"], note=data["note"]
        )

    def render_to_response(self, context, **response_kwargs):
        """The form lists the children of her county's active pairs by name."""
        audit_record(
            actor=self.request.user,
            action=AuditEntry.Action.VIEW,
            object_type=PairConcern._meta.label_lower,
            county_id=coordinator_county_id(self.request.user),
            request=self.request,
            detail="new concern form",
            children=context["form"].fields["pair"].queryset.count(),
        )
        return super().render_to_response(context, **response_kwargs)

    def get_success_buttons(self):
        return []


class ConcernViewSet(PeopleViewSet):
    model = PairConcern
    name = "people_concerns"
    url_prefix = "people/concerns"
    icon = "warning"
    menu_label = gettext_lazy("Concerns")
    menu_order = 325
    views = ("add",)
    index_view_class = ConcernIndexView
    add_view_class = ConcernCreateView
    filterset_class = ConcernFilterSet

    def get_form_class(self, for_update=False):
        return ConcernForm
