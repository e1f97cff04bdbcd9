"""Which county each coordinator works for; city staff assign them."""

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, TitleColumn

from enrollment.admin.base import PeopleIndexView, PeopleViewSet
from enrollment.models import CountyAssignment, User
from enrollment.roles import COORDINATOR_GROUP


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


class CountyAssignmentViewSet(PeopleViewSet):
    model = CountyAssignment
    name = "people_counties"
    url_prefix = "people/counties"
    icon = "globe"
    menu_label = gettext_lazy("Coordinators' counties")
    menu_order = 400
    views = ("add", "edit", "delete")
    index_view_class = CountyAssignmentIndexView
    ordering = "county"

    def get_form_class(self, for_update=False):
        return CountyAssignmentForm
