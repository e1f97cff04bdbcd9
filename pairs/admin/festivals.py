"""The festivals a visit is due for (六一, 中秋, 春节 …), kept by city staff: one row per
festival and year."""

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.tables import Column, TitleColumn

from pairs.models import Festival
from people.admin.base import PeopleIndexView, PeopleViewSet


class FestivalIndexView(PeopleIndexView):
    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        return [
            title_column_class("name", label=_("Name"), get_url=self.get_edit_url),
            Column("date", label=_("Date"), sort_key="date"),
        ]


class FestivalViewSet(PeopleViewSet):
    model = Festival
    name = "people_festivals"
    url_prefix = "people/festivals"
    icon = "date"
    menu_label = gettext_lazy("Festivals")
    menu_order = 350
    views = ("add", "edit", "delete")
    index_view_class = FestivalIndexView
    form_fields = ["name", "date"]
