"""The coordinator's follow-up calls to the caring mothers (定期跟踪回访): her county's list
and a form to record one, through ``pairs.services.follow_up_call_record``. The overdue page
links here per mother (``?mother=<id>``)."""

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.widgets import AdminDateInput

import django_filters

from cms.models import County
from pairs import services
from pairs.models import FollowUpCall
from people.admin.base import (
    CountyScopedFilterSet,
    DomainErrorFormMixin,
    PeopleIndexView,
    PeopleViewSet,
)
from people.models import Volunteer
from people.scope import staff_scope


class FollowUpCallForm(WagtailAdminModelForm):
    class Meta:
        model = FollowUpCall
        fields = ["mother", "called_on", "note"]
        widgets = {"called_on": AdminDateInput}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["called_on"].initial = timezone.localdate
        if for_user is not None:
            self.fields["mother"].queryset = (
                Volunteer.objects.visible_to(for_user).approved().order_by("name")
            )


class FollowUpCallFilterSet(CountyScopedFilterSet):
    county = django_filters.ModelChoiceFilter(
        label=gettext_lazy("County"), queryset=County.objects.all()
    )

    class Meta:
        model = FollowUpCall
        fields = ["county"]


class FollowUpCallIndexView(PeopleIndexView):
    def get_base_queryset(self):
        calls = FollowUpCall.objects.select_related("mother", "county", "recorded_by")
        scoped = staff_scope(calls, self.request.user)
        return calls.none() if scoped is None else scoped

    @cached_property
    def columns(self):
        return [
            Column("called_on", label=_("Called on"), sort_key="called_on"),
            Column("mother", label=_("Caring mother"), accessor="mother.name"),
            Column("note", label=_("Note")),
            Column("recorded_by", label=_("Recorded by"), accessor="recorded_by.get_full_name"),
            Column("county", label=_("County"), sort_key="county", classname="people-wide"),
        ]

    @cached_property
    def no_results_message(self):
        return _("No follow-up call recorded yet.")


class FollowUpCallCreateView(DomainErrorFormMixin, generic.CreateView):
    inspect_url_name = None
    success_message = gettext_lazy("Follow-up call to %(object)s recorded.")

    def get_initial(self):
        initial = super().get_initial()
        if (mother := self.request.GET.get("mother", "")).isdigit():
            initial["mother"] = mother
        return initial

    def save_instance(self):
        data = self.form.cleaned_data
        return services.follow_up_call_record(
            actor=self.request.user,
            mother=data["mother"],
            called_on=data["called_on"],
            note=data["note"],
        )

    def get_success_buttons(self):
        return []


class FollowUpCallViewSet(PeopleViewSet):
    model = FollowUpCall
    name = "people_followups"
    url_prefix = "people/follow-ups"
    icon = "mail"
    menu_label = gettext_lazy("Follow-up calls")
    menu_order = 330
    views = ("add",)
    index_view_class = FollowUpCallIndexView
    add_view_class = FollowUpCallCreateView
    filterset_class = FollowUpCallFilterSet

    def get_form_class(self, for_user=False):
        return FollowUpCallForm
