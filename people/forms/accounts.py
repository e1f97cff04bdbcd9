"""allauth's forms, adjusted for people who sign in with a mobile number or an email address.

Duplicates are told plainly: sign-up already says so for an email address (allauth does, since
email verification is optional here), so hiding it for a phone number would protect nothing
and only confuse.
"""

import time

from django import forms
from django.utils.translation import gettext_lazy as _

from allauth.account.adapter import get_adapter
from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.account.forms import ChangePhoneForm as AllauthChangePhoneForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import RequestLoginCodeForm as AllauthRequestLoginCodeForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context

# How long after signing in with a code she may set a new password without the old one.
CODE_SIGN_IN_GRACE_SECONDS = 10 * 60


class SignupForm(AllauthSignupForm):
    """allauth's sign-up with a name, asking for a mobile number or an email address."""

    name = forms.CharField(
        label=_("Name"),
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["name", "phone", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].help_text = _("We text you a code to check it.")
        self.fields["email"].help_text = _("We email you a link to check it.")

    def clean(self):
        cleaned = super().clean()
        phone = cleaned.get("phone")
        if phone and self.account_already_exists and get_adapter().get_user_by_phone(phone):
            self.account_already_exists = False
            self.add_error("phone", get_adapter().error_messages["phone_taken"])
        if not cleaned.get("email") and not phone and not self.errors:
            raise forms.ValidationError(_("Enter a mobile number or an email address."))
        return cleaned


class ChangePhoneForm(AllauthChangePhoneForm):
    """A new number that belongs to another account is refused with a message, not
    silently texted."""

    def clean_phone(self) -> str:
        phone = super().clean_phone()
        if self.account_already_exists:
            raise get_adapter().validation_error("phone_taken")
        return phone


class RequestLoginCodeForm(AllauthRequestLoginCodeForm):
    """One box, "mobile number or email address", instead of allauth's two optional boxes;
    the code goes to whichever was typed. allauth's checks (unknown account, rate limit) run
    unchanged on the value."""

    login = forms.CharField(
        label=_("Mobile number or email address"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "email"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._email_field = self.fields.pop("email")
        self._phone_field = self.fields.pop("phone")

    def clean(self):
        value = (self.cleaned_data.get("login") or "").strip()
        if not value:
            return self.cleaned_data
        name, field = ("email", self._email_field) if "@" in value else ("phone", self._phone_field)
        try:
            self.cleaned_data[name] = field.clean(value)
            self.cleaned_data[name] = getattr(self, f"clean_{name}")()
        except forms.ValidationError as error:
            self.cleaned_data.pop(name, None)
            self.add_error("login", error)
        return self.cleaned_data


class LoginForm(AllauthLoginForm):
    """allauth's sign-in, with the box named for what people here type into it."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Mobile number or email address")
        self.fields["login"].widget.attrs["autocomplete"] = "username"


def signed_in_by_code_just_now(request, user) -> bool:
    records = get_authentication_records(request, user) if request is not None else []
    return bool(
        records
        and records[-1].get("method") == "code"
        and time.time() - records[-1]["at"] < CODE_SIGN_IN_GRACE_SECONDS
    )


class ChangePasswordForm(AllauthChangePasswordForm):
    """Password reset is by email only in allauth; someone who signed up with her phone and
    forgot her password signs in with a texted code and then sets a new password here without
    the old one, for a few minutes after that sign-in (the code proved who she is, as a reset
    link would)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if signed_in_by_code_just_now(context.request, self.user):
            del self.fields["oldpassword"]
