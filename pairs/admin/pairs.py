"""Pairs in the back office: the county's list, a pair's page, pairing a mother with a
child and ending a pair, through ``pairs.services``. Pairs are history: no edit, no
delete."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic

import django_filters

from cms.models import County
from pairs import services
from pairs.admin.agreements import AgreementRecordView, AgreementScanView
from pairs.admin.card import PairCardView
from pairs.admin.forms import PairCreateForm, PairEndForm
from pairs.models import Pair, PairKnowledge, SafetyAgreement
from people.admin.base import (
    AuditedListMixin,
    AuditedReadMixin,
    BlankAsDashMixin,
    CountyScopedFilterSet,
    DomainErrorFormMixin,
    ObjectActionView,
    PeopleIndexView,
    PeopleViewSet,
    ScopedObjectMixin,
)
from people.audit import audit_record
from people.models import AuditEntry
from people.roles import coordinator_county_id

ENDED_FIELDS = ("ended_on", "end_reason", "end_note", "ended_by")


def pairs_for(user):
    """Her pairs, each with ``has_agreement`` (a pair without a safety agreement says so on
    every list), in the same query."""
    return (
        Pair.objects.visible_to(user)
        .select_related("mother", "child", "county")
        .annotate(has_agreement=Exists(SafetyAgreement.objects.filter(pair=OuterRef("pk"))))
    )


def agreement_label(pair: Pair) -> str:
    return _("Signed") if pair.has_agreement else _("No safety agreement")


class PairFilterSet(CountyScopedFilterSet):
    county = django_filters.ModelChoiceFilter(
        label=gettext_lazy("County"), queryset=County.objects.all()
    )

    class Meta:
        model = Pair
        fields = ["status", "county"]


class PairIndexView(AuditedListMixin, PeopleIndexView):
    def get_base_queryset(self):
        return pairs_for(self.request.user)

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        return [
            title_column_class(
                "child", label=_("Child"), accessor="child.name", get_url=self.get_inspect_url
            ),
            Column("mother", label=_("Caring mother"), accessor="mother.name"),
            Column("county", label=_("County"), sort_key="county", classname="people-wide"),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                primary=lambda pair: pair.status == Pair.Status.ACTIVE,
                sort_key="status",
            ),
            Column("started_on", label=_("Started on"), sort_key="started_on"),
            Column("ended_on", label=_("Ended on"), sort_key="ended_on", classname="people-wide"),
            StatusTagColumn(
                "agreement",
                label=_("Safety agreement"),
                accessor=agreement_label,
                primary=lambda pair: not pair.has_agreement,
            ),
        ]

    @cached_property
    def no_results_message(self):
        if self.is_filtering:
            return _("No pair matches these filters.")
        return _(
            "No pairs yet. Pair an approved caring mother with a child of her county with "
            "“Add pair”."
        )


class PairCreateView(DomainErrorFormMixin, generic.CreateView):
    inspect_url_name = None
    success_message = gettext_lazy("%(object)s: paired.")

    def get_initial(self):
        """Prefilled from "suggest a mother" (``?child=…&mother=…``); she still confirms, and
        the form offers only what her scope allows."""
        initial = super().get_initial()
        for name in ("child", "mother"):
            value = self.request.GET.get(name, "")
            if value.isdigit():
                initial[name] = int(value)
        return initial

    def save_instance(self):
        data = self.form.cleaned_data
        return services.pair_create(
            actor=self.request.user,
            mother=data["mother"],
            child=data["child"],
            started_on=data["started_on"],
        )

    def render_to_response(self, context, **response_kwargs):
        """The form lists every child of her scope who has no caring mother, by full name and
        year of birth: shown (again, with errors, too), it is a read of all of them."""
        audit_record(
            actor=self.request.user,
            action=AuditEntry.Action.VIEW,
            object_type=Pair._meta.label_lower,
            county_id=coordinator_county_id(self.request.user),
            request=self.request,
            detail="new pair form",
            children=context["form"].fields["child"].queryset.count(),
        )
        return super().render_to_response(context, **response_kwargs)

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])

    def get_success_buttons(self):
        return []


class PairInspectView(ScopedObjectMixin, AuditedReadMixin, BlankAsDashMixin, generic.InspectView):
    template_name = "pairs/admin/pair_inspect.html"

    def scoped_queryset(self):
        return pairs_for(self.request.user).select_related("created_by", "ended_by")

    def get_fields(self):
        return ["child", "mother", "county", "status", "started_on", "created_by"] + list(
            ENDED_FIELDS
        )

    def get_fields_context(self):
        fields = self.fields
        if self.object.status == Pair.Status.ACTIVE:
            fields = [name for name in fields if name not in ENDED_FIELDS]
        return [self.get_context_for_field(name) for name in fields]

    def get_child_display_value(self):
        return self.object.child.name or str(self.object.child)

    def get_mother_display_value(self):
        return self.object.mother.name

    def get_created_by_display_value(self):
        return self.object.created_by.get_full_name() if self.object.created_by else ""

    def get_ended_by_display_value(self):
        return self.object.ended_by.get_full_name() if self.object.ended_by else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pair = self.object
        active = pair.status == Pair.Status.ACTIVE
        if active and self.user_has_permission("change"):
            context["end_url"] = reverse("people_pairs:end", args=[pair.pk])
            context["agreement_url"] = reverse("people_pairs:agreement", args=[pair.pk])
        if active:
            context["card_url"] = reverse("people_pairs:card", args=[pair.pk])
        context["agreements"] = [
            {
                "agreement": agreement,
                "scan_url": reverse("people_pairs:agreement_scan", args=[agreement.pk])
                if agreement.scan
                else "",
            }
            for agreement in pair.agreements.select_related("recorded_by")
        ]
        known = {record.topic: record for record in pair.knowledge.select_related("confirmed_by")}
        context["knowledge"] = [
            {"label": label, "record": known.get(topic)}
            for topic, label in PairKnowledge.Topic.choices
        ]
        return context


class PairEndView(AuditedReadMixin, ObjectActionView):
    model = Pair
    form_class = PairEndForm
    page_title = gettext_lazy("End the pair")
    intro = gettext_lazy(
        "The pair stays in the records as history; the child can then be paired again."
    )
    submit_label = gettext_lazy("End the pair")
    destructive = True
    success_message = gettext_lazy("The pair %(object)s has ended.")

    def scoped_queryset(self):
        return pairs_for(self.request.user)

    def perform(self, form) -> None:
        data = form.cleaned_data
        services.pair_end(
            actor=self.request.user,
            pair=self.object,
            reason=data["end_reason"],
            note=data["note"],
            ended_on=data["ended_on"],
        )


class PairViewSet(PeopleViewSet):
    model = Pair
    name = "people_pairs"
    url_prefix = "people/pairs"
    icon = "link"
    menu_label = gettext_lazy("Pairs")
    menu_order = 300
    views = ("add", "inspect")
    index_view_class = PairIndexView
    add_view_class = PairCreateView
    inspect_view_class = PairInspectView
    inspect_template_name = "pairs/admin/pair_inspect.html"
    filterset_class = PairFilterSet

    def get_form_class(self, for_update=False):
        return PairCreateForm

    def extra_urlpatterns(self) -> list:
        actions = {"end": PairEndView, "agreement": AgreementRecordView}
        return [
            self.action_path(
                name,
                self.construct_view(
                    view_class,
                    model=self.model,
                    index_url_name=self.get_url_name("index"),
                    inspect_url_name=self.get_url_name("inspect"),
                    header_icon=self.icon,
                ),
            )
            for name, view_class in actions.items()
        ] + [
            self.action_path("card", PairCardView.as_view()),
            self.action_path("agreement_scan", AgreementScanView.as_view()),
        ]
