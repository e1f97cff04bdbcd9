"""A guardian's forms: agreeing to the privacy notice, adding and editing a child."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import County
from people.models import Child


class PrivacyConsentForm(forms.Form):
    agree = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my children's information is used as it describes."
        ),
        error_messages={"required": _("Tick the box to agree, or go back.")},
    )


class DateInput(forms.DateInput):
    """A phone's own date picker (``<input type="date">``), which sends ISO dates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ChildForm(forms.Form):
    """The fields a guardian gives about her child; ``services.child_create`` keeps the rules
    (no date of birth in the future, under the programme's age limit, no duplicate)."""

    name = forms.CharField(label=_("Child's full name"), max_length=50)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=Child.Gender.choices, widget=forms.RadioSelect
    )
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DateInput)
    county = forms.ModelChoiceField(
        label=_("County or district"), queryset=County.objects.all(), empty_label=_("Choose…")
    )
    township = forms.CharField(label=_("Township or street"), max_length=50)
    school_stage = forms.ChoiceField(
        label=_("School stage"),
        choices=[("", _("Choose…")), *Child.SchoolStage.choices],
    )
    relationship = forms.ChoiceField(
        label=_("You are the child's"),
        choices=[("", _("Choose…")), *Child.Relationship.choices],
    )
    needs = forms.CharField(
        label=_("What would help your child?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "e.g. homework help, someone to talk to. A caring mother paired with your child "
            "sees this, with the child's given name and age."
        ),
    )
    special_needs = forms.CharField(
        label=_("Special needs"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Health, disability, anything carers must know. Only the women's federation sees this."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].widget.attrs["max"] = timezone.localdate().isoformat()

    @staticmethod
    def initial_for(child: Child) -> dict:
        return {
            name: getattr(child, name) for name in ChildForm.base_fields if name != "county"
        } | {"county": child.county_id}
