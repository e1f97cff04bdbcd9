"""The dashboard's filters: the period (this year, a month, a custom range) and, for city
staff, the county."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.admin.forms import counties_for
from people.roles import is_city_staff


class PeriodForm(forms.Form):
    PERIODS = (("year", _("This year")), ("month", _("A month")), ("range", _("Custom range")))

    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False)
    month = forms.CharField(
        label=_("Month"), required=False, widget=forms.DateInput(attrs={"type": "month"})
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    county = forms.ModelChoiceField(label=_("County"), queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if is_city_staff(user):
            self.fields["county"].queryset = counties_for(user)
        else:
            del self.fields["county"]

    def clean_month(self):
        value = self.cleaned_data["month"]
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-"))
            return date(year, month, 1)
        except ValueError as error:
            raise forms.ValidationError(_("Enter a month as YYYY-MM.")) from error

    def clean(self):
        data = super().clean()
        if data.get("period") == "range":
            if not data.get("start") or not data.get("end"):
                raise forms.ValidationError(_("Enter both dates of the range."))
            if data["start"] > data["end"]:
                raise forms.ValidationError(_("The range ends before it starts."))
        if data.get("period") == "month" and not data.get("month"):
            self.add_error("month", _("Choose a month."))
        return data

    def dates(self) -> tuple[date, date, str]:
        """(start, end, month as YYYY-MM when the period is one month, else "")."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("period") == "month":
            first = data["month"]
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, date.fromordinal(following.toordinal() - 1), f"{first:%Y-%m}"
        if data.get("period") == "range":
            return data["start"], data["end"], ""
        return today.replace(month=1, day=1), today, ""

    def county_id(self) -> int | None:
        if not self.is_valid() or not self.cleaned_data.get("county"):
            return None
        return self.cleaned_data["county"].pk
