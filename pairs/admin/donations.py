"""社会捐赠 in the back office: the county's donations (every county's for city staff),
filterable by county, kind and period with the filtered list's totals above it; add, edit,
delete (with confirmation) through ``pairs.services``; inspect with the goods given to pairs
(the child by first name only, as on ``/me/``)."""

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic

import django_filters

from cms.models import County
from courses.models import CoursePage, Session
from pairs import services
from pairs.models import Donation, DonationGift, Pair
from pairs.selectors.donations import donation_sums, donations_for
from people.admin.base import (
    AuditedReadMixin,
    BlankAsDashMixin,
    CountyScopedFilterSet,
    DomainErrorFormMixin,
    ObjectActionView,
    PeopleIndexView,
    PeopleViewSet,
    ScopedObjectMixin,
)
from people.admin.forms import counties_for
from people.errors import DomainError
from people.roles import may_manage_county

SESSIONS_SINCE_DAYS = 730
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
        if for_user is None:
            return
        counties = counties_for(for_user)
        self.fields["county"].queryset = counties
        # Her counties' activities (and the city's own) of the last two years, newest first.
        ours = Q(course__county__in=counties) | Q(course__county__isnull=True)
        since = timezone.now() - timedelta(days=SESSIONS_SINCE_DAYS)
        self.fields["session"].queryset = Session.objects.filter(ours, start__gte=since).order_by(
            "-start"
        )
        self.fields["course"].queryset = CoursePage.objects.filter(
            Q(county__in=counties) | Q(county__isnull=True)
        ).order_by("title")


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


class DonationInspectView(
    ScopedObjectMixin, AuditedReadMixin, BlankAsDashMixin, generic.InspectView
):
    """Audited like a child's record when it shows the children goods were given to."""

    template_name = "pairs/admin/donation_inspect.html"

    @cached_property
    def gifts(self) -> list:
        return list(self.object.gifts.select_related("pair__child", "pair__mother"))

    def children_shown(self) -> int:
        return len(self.gifts)

    def scoped_queryset(self):
        return donations_for(self.request.user).select_related("recorded_by")

    def get_fields(self):
        return FIELDS + ["recorded_by", "recorded_at"]

    def get_recorded_by_display_value(self):
        return self.object.recorded_by.get_full_name() if self.object.recorded_by else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs) | {"gifts": self.gifts}
        if self.object.kind == Donation.Kind.GOODS and may_manage_county(
            self.request.user, self.object.county_id
        ):
            context["gifts_url"] = reverse("people_donations:gifts", args=[self.object.pk])
        return context


class GiftsForm(forms.Form):
    pair = forms.ModelChoiceField(
        label=gettext_lazy("Pair"), queryset=Pair.objects.none(), required=False
    )
    what = forms.CharField(label=gettext_lazy("What was given"), max_length=200, required=False)
    value = forms.DecimalField(
        label=gettext_lazy("Value (yuan)"), min_value=0, decimal_places=2, required=False
    )
    remove = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Take off"),
        queryset=DonationGift.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, donation=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        pairs = Pair.objects.visible_to(user).active().filter(county_id=donation.county_id)
        self.fields["pair"].queryset = pairs.select_related("child", "mother")
        self.fields["pair"].label_from_instance = gift_pair_label
        self.fields["remove"].queryset = donation.gifts.select_related(
            "pair__child", "pair__mother"
        )
        self.fields["remove"].label_from_instance = lambda gift: (
            f"{gift_pair_label(gift.pair)}：{gift.what}（{gift.value}）"
        )
        if not donation.gifts.exists():
            del self.fields["remove"]

    def clean(self):
        data = super().clean()
        if data.get("pair") and not data.get("what"):
            self.add_error("what", _("Say what was given."))
        return data


def gift_pair_label(pair) -> str:
    """A pair as the gifts show it: the child by first name only, as on ``/me/``."""
    return f"{pair.child.first_name} · {pair.mother.name}"


class DonationGiftsView(AuditedReadMixin, ObjectActionView):
    """Goods of a donation given to pairs of its county: add one, or take gifts off."""

    model = Donation
    form_class = GiftsForm
    page_title = gettext_lazy("Goods given to pairs")
    intro = gettext_lazy("Only goods can be given to pairs, and only to the county's pairs.")
    submit_label = gettext_lazy("Save")
    success_message = gettext_lazy("%(object)s: gifts saved.")

    def scoped_queryset(self):
        return donations_for(self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "donation": self.object, "user": self.request.user}

    def children_shown(self) -> int:
        return self.get_form().fields["pair"].queryset.count()

    def perform(self, form) -> None:
        data = form.cleaned_data
        add = []
        if data.get("pair"):
            add = [services.GiftLine(data["pair"], data["what"], data.get("value") or Decimal(0))]
        services.donation_gifts_edit(
            actor=self.request.user,
            donation=self.object,
            add=add,
            remove=list(data.get("remove") or []),
        )


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

    def extra_urlpatterns(self) -> list:
        view = self.construct_view(
            DonationGiftsView,
            model=self.model,
            index_url_name=self.get_url_name("index"),
            inspect_url_name=self.get_url_name("inspect"),
            header_icon=self.icon,
        )
        return [self.action_path("gifts", view)]
