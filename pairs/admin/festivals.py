"""The festivals a visit is due for (六一, 中秋, 春节 …), kept by city staff: one row per
festival and year, written through ``pairs.services.festival_save`` / ``festival_delete``."""

from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic

from pairs import services
from pairs.models import Festival
from people.admin.base import DomainErrorFormMixin, PeopleIndexView, PeopleViewSet
from people.errors import DomainError


class FestivalIndexView(PeopleIndexView):
    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        return [
            title_column_class("name", label=_("Name"), get_url=self.get_edit_url),
            Column("date", label=_("Date"), sort_key="date"),
        ]


class FestivalSaveMixin(DomainErrorFormMixin):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.festival_save(
            actor=self.request.user,
            name=data["name"],
            date=data["date"],
            festival=self.object if getattr(self.object, "pk", None) else None,
        )


class FestivalCreateView(FestivalSaveMixin, generic.CreateView):
    pass


class FestivalEditView(FestivalSaveMixin, generic.EditView):
    pass


class FestivalDeleteView(generic.DeleteView):
    def form_valid(self, form):
        try:
            services.festival_delete(actor=self.request.user, festival=self.object)
        except DomainError as error:
            messages.error(self.request, error.message)
            return redirect(self.get_success_url())
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())


class FestivalViewSet(PeopleViewSet):
    model = Festival
    name = "people_festivals"
    url_prefix = "people/festivals"
    icon = "date"
    menu_label = gettext_lazy("Festivals")
    menu_order = 350
    views = ("add", "edit", "delete")
    index_view_class = FestivalIndexView
    add_view_class = FestivalCreateView
    edit_view_class = FestivalEditView
    delete_view_class = FestivalDeleteView
    form_fields = ["name", "date"]
