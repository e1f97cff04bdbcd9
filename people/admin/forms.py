"""Forms of the people back office. They only validate input; every save goes through
``people.services`` (the views call them); the pair forms are in ``pairs.admin.forms``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

import phonenumbers

from cms.models import County
from people.models import Child
from people.roles import coordinator_county_id, is_city_staff


def counties_for(user):
    """The counties a member of staff may put a record in: all for city staff, her own for a
    coordinator."""
    if is_city_staff(user):
        return County.objects.all()
    return County.objects.filter(pk=coordinator_county_id(user))


class ChildAdminForm(WagtailAdminModelForm):
    """A child's record as a coordinator keeps it (from the civil-affairs ledger)."""

    class Meta:
        model = Child
        fields = [
            "name",
            "gender",
            "date_of_birth",
            "id_number",
            "category",
            "family_court_case",
            "county",
            "township",
            "address",
            "school_stage",
            "guardian_name",
            "relationship",
            "guardian_phone",
            "needs",
            "special_needs",
        ]
        widgets = {"date_of_birth": AdminDateInput}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        for name in ("name", "date_of_birth", "category"):
            self.fields[name].required = True
        self.fields["relationship"].label = _("guardian's relationship to the child")
        if for_user is not None:
            counties = counties_for(for_user)
            self.fields["county"].queryset = counties
            if not is_city_staff(for_user):
                self.fields["county"].empty_label = None
                self.fields["county"].help_text = _("You can only add children of your county.")

    def clean_guardian_phone(self) -> str:
        raw = (self.cleaned_data.get("guardian_phone") or "").strip()
        if not raw:
            return ""
        try:
            number = phonenumbers.parse(raw, "CN")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise forms.ValidationError(
                _("Enter a phone number, e.g. 138 0013 8000 or 0358 123 4567.")
            )
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def clean_id_number(self) -> str:
        return (self.cleaned_data.get("id_number") or "").strip().upper()

    def service_fields(self) -> dict:
        """The cleaned values, as keyword arguments for ``child_create`` / ``child_update``."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class RequestInfoForm(forms.Form):
    message = forms.CharField(
        label=_("What is missing?"),
        help_text=_("The applicant receives this message and sees it on her page."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("The applicant receives this reason and sees it on her page."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ApproveForm(forms.Form):
    """Approving needs no input; the form is the confirmation button."""
