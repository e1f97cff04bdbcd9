"""The application to become a caring mother (招募)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import County
from people.adapters import normalise_mainland_mobile
from people.models import Sector, Skill, User, Volunteer


class VolunteerApplicationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=50)
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        help_text=_("The women's federation of your county will call you on this number."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    county = forms.ModelChoiceField(
        label=_("County or district"),
        queryset=County.objects.all(),
        empty_label=_("Choose…"),
        help_text=_("Where you live: you will be paired with a child near you."),
    )
    township = forms.CharField(label=_("Township or street"), max_length=50)
    sector = forms.ChoiceField(label=_("Where you work"), choices=Sector.choices)
    workplace = forms.CharField(
        label=_("Workplace"),
        max_length=100,
        required=False,
        help_text=_("e.g. the name of your school, court or company."),
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills and strengths"),
        queryset=Skill.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick everything you could share with a child."),
    )
    max_children = forms.TypedChoiceField(
        label=_("How many children can you care for?"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        initial=1,
        widget=forms.RadioSelect,
    )
    availability = forms.CharField(
        label=_("When are you available?"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. weekends, weekday evenings, school holidays."),
    )

    def clean_phone(self) -> str:
        return normalise_mainland_mobile(self.cleaned_data["phone"])

    @classmethod
    def initial_for(cls, user: User, application: Volunteer | None) -> dict:
        """Her earlier answers when she updates an application, else what her account knows."""
        if application is not None:
            return {
                "name": application.name,
                "phone": application.phone.as_national if application.phone else "",
                "county": application.county_id,
                "township": application.township,
                "sector": application.sector,
                "workplace": application.workplace,
                "skills": list(application.skills.all()),
                "max_children": application.max_children,
                "availability": application.availability,
            }
        return {
            "name": user.name,
            "phone": user.phone.as_national if user.phone else "",
        }
