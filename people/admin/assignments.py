"""Which county each coordinator works for; city staff assign them. Adding, changing and
removing go through ``people.services.assignments`` (audited)."""

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic

from people.admin.base import DomainErrorFormMixin, PeopleIndexView, PeopleViewSet
from people.models import CountyAssignment, User
from people.roles import COORDINATOR_GROUP
from people.services.assignments import county_assignment_delete, county_assignment_save


def person_label(user: User) -> str:
    contact = user.email or (str(user.phone) if user.phone else "")
    return f"{user.get_full_name()}（{contact}）" if contact else user.get_full_name()


class CountyAssignmentForm(WagtailAdminModelForm):
    class Meta:
        model = CountyAssignment
        fields = ["user", "county"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(groups__name=COORDINATOR_GROUP).order_by(
            "name"
        )
        self.fields["user"].label_from_instance = person_label
        self.fields["user"].help_text = _(
            "Only accounts in the coordinators' group are listed; add the account to that "
            "group under Settings → Users first."
        )


class CountyAssignmentIndexView(PeopleIndexView):
    def get_base_queryset(self):
        return CountyAssignment.objects.select_related("user", "county")

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        return [
            title_column_class(
                "user",
                label=_("Coordinator"),
                accessor=lambda assignment: person_label(assignment.user),
                get_url=self.get_edit_url,
            ),
            Column("county", label=_("County"), sort_key="county"),
        ]

    @cached_property
    def no_results_message(self):
        return _(
            "No coordinator has a county yet. A coordinator sees nothing until she is "
            "assigned to her county here."
        )


class CountyAssignmentCreateView(DomainErrorFormMixin, generic.CreateView):
    def save_instance(self):
        return county_assignment_save(
            actor=self.request.user,
            user=self.form.cleaned_data["user"],
            county=self.form.cleaned_data["county"],
        )


class CountyAssignmentEditView(DomainErrorFormMixin, generic.EditView):
    def save_instance(self):
        return county_assignment_save(
            actor=self.request.user,
            user=self.form.cleaned_data["user"],
            county=self.form.cleaned_data["county"],
            assignment=self.object,
        )


class CountyAssignmentDeleteView(generic.DeleteView):
    def delete_action(self):
        county_assignment_delete(actor=self.request.user, assignment=self.object)


class CountyAssignmentViewSet(PeopleViewSet):
    model = CountyAssignment
    name = "people_counties"
    url_prefix = "people/counties"
    icon = "globe"
    menu_label = gettext_lazy("Coordinators' counties")
    menu_order = 400
    views = ("add", "edit", "delete")
    index_view_class = CountyAssignmentIndexView
    add_view_class = CountyAssignmentCreateView
    edit_view_class = CountyAssignmentEditView
    delete_view_class = CountyAssignmentDeleteView
    ordering = "county"

    def get_form_class(self, for_update=False):
        return CountyAssignmentForm
