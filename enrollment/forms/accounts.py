from django import forms
from django.utils.translation import gettext_lazy as _

from allauth.account.forms import SignupForm as AllauthSignupForm


class SignupForm(AllauthSignupForm):
    """allauth's sign-up with a name, asking for an email address or a mobile number."""

    name = forms.CharField(label=_("Name"), max_length=50)

    field_order = ["name", "phone", "email", "password1", "password2"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and not self.errors:
            raise forms.ValidationError(_("Enter a mobile number or an email address."))
        return cleaned

    def save(self, request):
        user = super().save(request)
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])
        return user
