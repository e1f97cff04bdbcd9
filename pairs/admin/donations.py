"""社会捐赠 in the back office: the county's donations (every county's for city staff),
filterable by county, kind and period with the filtered list's totals above it; add, edit,
delete (with confirmation) through ``pairs.services``; inspect with the goods given to pairs
(the child by first name only, as on ``/me/``)."""

from django import forms
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic

import django_filters

from cms.models import County
from pairs import services
from pairs.models import Donation
from pairs.selectors.donations import donation_sums, donations_for
from people.admin.base import (
    BlankAsDashMixin,
    CountyScopedFilterSet,
    DomainErrorFormMixin,
    PeopleIndexView,
    PeopleViewSet,
    ScopedObjectMixin,
)
from people.admin.forms import counties_for
from people.errors import DomainError

FIELDS = [
    "donor",
    "donor_kind",
    "date",
    "kind",
    "value",
    "county",
    "description",
    "session",
    "course",
]


class DonationForm(forms.ModelForm):
    class Meta:
        model = Donation
        fields = FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is not None:
            self.fields["county"].queryset = counties_for(for_user)
        self.fields["session"].queryset = self.fields["session"].queryset.select_related("course")


class DonationFilterSet(CountyScopedFilterSet):
    county = django_filters.ModelChoiceFilter(
        label=gettext_lazy("County"), queryset=County.objects.all()
    )
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"), choices=Donation.Kind.choices)
    date = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Period"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Donation
        fields = ["county", "kind", "date"]


class DonationIndexView(PeopleIndexView):
    def get_base_queryset(self):
        return donations_for(self.request.user)

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        return [
            title_column_class(
                "date", label=_("Date"), sort_key="date", get_url=self.get_inspect_url
            ),
            Column("donor", label=_("Donor"), sort_key="donor"),
            Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
            Column("value", label=_("Value (yuan)"), sort_key="value"),
            Column("county", label=_("County"), classname="people-wide"),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = donation_sums(self.filter_queryset(self.get_base_queryset()))
        return context

    @cached_property
    def no_results_message(self):
        if self.is_filtering:
            return _("No donation matches these filters.")
        return _("No donations recorded yet.")


class DonationSaveMixin(DomainErrorFormMixin):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def save_instance(self):
        data = {name: self.form.cleaned_data[name] for name in FIELDS}
        if getattr(self.object, "pk", None):
            return services.donation_update(actor=self.request.user, donation=self.object, **data)
        return services.donation_record(actor=self.request.user, **data)


class DonationCreateView(DonationSaveMixin, generic.CreateView):
    pass


class DonationEditView(ScopedObjectMixin, DonationSaveMixin, generic.EditView):
    def scoped_queryset(self):
        return donations_for(self.request.user)


class DonationDeleteView(ScopedObjectMixin, generic.DeleteView):
    def scoped_queryset(self):
        return donations_for(self.request.user)

    def form_valid(self, form):
        try:
            services.donation_delete(actor=self.request.user, donation=self.object)
        except DomainError as error:
            messages.error(self.request, error.message)
            return redirect(self.get_success_url())
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())


class DonationInspectView(ScopedObjectMixin, BlankAsDashMixin, generic.InspectView):
    template_name = "pairs/admin/donation_inspect.html"

    def scoped_queryset(self):
        return donations_for(self.request.user).select_related("recorded_by")

    def get_fields(self):
        return FIELDS + ["recorded_by", "recorded_at"]

    def get_recorded_by_display_value(self):
        return self.object.recorded_by.get_full_name() if self.object.recorded_by else ""

    def get_context_data(self, **kwargs):
        gifts = self.object.gifts.select_related("pair__child", "pair__mother")
        return super().get_context_data(**kwargs) | {"gifts": list(gifts)}


class DonationViewSet(PeopleViewSet):
    model = Donation
    name = "people_donations"
    url_prefix = "people/donations"
    icon = "pick"
    menu_label = gettext_lazy("Donations")
    menu_order = 370
    views = ("add", "edit", "delete", "inspect")
    index_view_class = DonationIndexView
    index_results_template_name = "pairs/admin/donation_index_results.html"
    add_view_class = DonationCreateView
    edit_view_class = DonationEditView
    delete_view_class = DonationDeleteView
    inspect_view_class = DonationInspectView
    filterset_class = DonationFilterSet

    def get_form_class(self, for_update=False):
        return DonationForm
