from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import County
from cms.vocabulary import use_cached_choices
from courses.models import ClassCategory, SummerClassPage, TrainingCoursePage, TrainingTopic


class CourseFilterForm(forms.Form):
    """The GET filters of a course listing. Invalid values are reported and ignored."""

    county = forms.ModelChoiceField(
        County.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All counties"),
        label=_("County"),
    )
    month = forms.TypedChoiceField(
        required=False, label=_("Month"), coerce=lambda v: date.fromisoformat(f"{v}-01")
    )

    def __init__(self, *args, months: list[date], **kwargs):
        super().__init__(*args, **kwargs)
        use_cached_choices(self)
        self.fields["month"].choices = [("", _("Any month"))] + [
            (f"{m:%Y-%m}", _("%(year)d-%(month)02d") % {"year": m.year, "month": m.month})
            for m in months
        ]

    def filters(self) -> dict:
        """The valid filters given, by name."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class TrainingFilterForm(CourseFilterForm):
    topic = forms.ModelChoiceField(
        TrainingTopic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
        label=_("Topic"),
    )
    stage = forms.ChoiceField(
        choices=[("", _("All stages")), *TrainingCoursePage.Stage.choices],
        required=False,
        label=_("Stage"),
    )


class SummerClassFilterForm(CourseFilterForm):
    format = forms.ChoiceField(
        choices=[("", _("Everyone")), *SummerClassPage.Format.choices],
        required=False,
        label=_("Who takes part"),
    )
    category = forms.ModelChoiceField(
        ClassCategory.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All categories"),
        label=_("Category"),
    )
    age = forms.IntegerField(
        required=False,
        min_value=3,
        max_value=18,
        label=_("Child's age"),
        error_messages={
            "min_value": _("Classes are for children aged 3 to 18."),
            "max_value": _("Classes are for children aged 3 to 18."),
            "invalid": _("Enter the age as a whole number."),
        },
    )
