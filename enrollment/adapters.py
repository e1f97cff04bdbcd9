"""django-allauth adapter: phone numbers live on ``User.phone`` (E.164, validated with the
phonenumbers library as a mainland mobile number) and codes go through ``enrollment.sms``."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _

import phonenumbers
from allauth.account.adapter import DefaultAccountAdapter

from enrollment.models import User
from enrollment.sms import send_sms


def normalise_mainland_mobile(raw: str) -> str:
    """``raw`` as E.164 (+8613…), or ValidationError with a Chinese message."""
    try:
        number = phonenumbers.parse(raw, "CN")
    except phonenumbers.NumberParseException as error:
        raise forms.ValidationError(
            _("Enter a mainland mobile number, e.g. 138 0013 8000.")
        ) from error
    if (
        number.country_code != 86
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number)
        not in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        )
    ):
        raise forms.ValidationError(_("Enter a mainland mobile number, e.g. 138 0013 8000."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class AccountAdapter(DefaultAccountAdapter):
    def clean_phone(self, phone: str) -> str:
        return normalise_mainland_mobile(phone)

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        send_sms(
            phone,
            _("Your %(site)s code is %(code)s. It expires in a few minutes; do not share it.")
            % {"site": settings.WAGTAIL_SITE_NAME, "code": code},
        )

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        send_sms(
            phone,
            _("Someone asked for a sign-in code for this number, but it has no %(site)s account.")
            % {"site": settings.WAGTAIL_SITE_NAME},
        )

    def set_phone(self, user, phone: str, verified: bool) -> None:
        user.phone = phone
        user.phone_verified = verified
        user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user) -> tuple[str, bool] | None:
        return (str(user.phone), user.phone_verified) if user.phone else None

    def set_phone_verified(self, user, phone: str) -> None:
        self.set_phone(user, phone, True)

    def get_user_by_phone(self, phone: str):
        return User.objects.filter(phone=phone).order_by("pk").first()
