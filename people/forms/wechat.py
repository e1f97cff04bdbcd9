"""The form a person fills in the first time she signs in with WeChat: her name and her
mobile number (``SOCIALACCOUNT_FORMS["signup"]``; the flow is in ``people.wechat``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from allauth.account.adapter import get_adapter
from allauth.core import context, ratelimit
from allauth.socialaccount.forms import SignupForm as AllauthSocialSignupForm

from people.wechat import join_existing_account


class WeChatSignupForm(AllauthSocialSignupForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["name", "phone"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields.pop("email", None)
        self.fields["phone"].required = True
        self.fields["phone"].help_text = _(
            "We text you a code to check it. If the number already has an account, WeChat is "
            "connected to that account, with your bookings and children."
        )

    def clean(self):
        cleaned = super().clean()
        phone = cleaned.get("phone")
        # allauth marks a number that has an account (it does not say so: enumeration); here
        # it gets a sign-in code, within the limits of asking for one.
        if (
            phone
            and self.account_already_exists
            and not ratelimit.consume(
                context.request, action="request_login_code", key=phone.lower()
            )
        ):
            self.add_error("phone", get_adapter().validation_error("too_many_login_attempts"))
        return cleaned

    def try_save(self, request):
        if not self.account_already_exists:
            return super().try_save(request)
        phone = self.cleaned_data["phone"]
        user = get_adapter().get_user_by_phone(phone)
        return None, join_existing_account(
            request, sociallogin=self.sociallogin, user=user, phone=phone
        )
