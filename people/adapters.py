"""django-allauth adapter: phone numbers live on ``User.phone`` (E.164, validated with the
phonenumbers library as a mainland mobile number) and codes go through ``people.sms``.

People type their number the way they write it ("138 0013 8000", "13800138000",
"+86 138-0013-8000"); every phone field allauth builds is ``MainlandMobileField``, which stores
"+8613800138000" whatever the spelling, so sign-up, sign-in, codes and rate limits all see the
same number.

``SocialAccountAdapter`` is sign-in with WeChat's (``people.wechat``): named 微信, its account
tied to a mobile number.

``MfaAdapter`` keeps the secrets of two-step verification (authenticator app keys, the seed
of the recovery codes) encrypted at rest with the children's field keys.
"""

import contextlib

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import phonenumbers
from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp

from cms.client_ip import client_ip
from people.fields import field_fernet
from people.models import User
from people.sms import send_sms
from people.wechat import PROVIDER_ID, connect_pending_wechat

MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


def normalise_mainland_mobile(raw: str) -> str:
    """``raw`` as E.164 (+8613…), or ValidationError with a message saying what is wrong."""
    example = _("Enter a mainland mobile number, e.g. 138 0013 8000.")
    try:
        number = phonenumbers.parse(str(raw), "CN")
    except phonenumbers.NumberParseException as error:
        raise forms.ValidationError(example, code="invalid_phone") from error
    if number.country_code != 86:
        raise forms.ValidationError(
            _("Only mainland China (+86) mobile numbers can be used."), code="foreign_phone"
        )
    if not phonenumbers.is_valid_number(number):
        raise forms.ValidationError(example, code="invalid_phone")
    if phonenumbers.number_type(number) not in MOBILE_TYPES:
        raise forms.ValidationError(
            _("This is a landline number; enter a mobile number that can receive text messages."),
            code="landline",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class MainlandMobileField(forms.CharField):
    """A mobile number typed any usual way, cleaned to E.164. Replaces allauth's PhoneField,
    which wants the +86 prefix typed in and has no idea what a mainland mobile is."""

    def __init__(self, **kwargs) -> None:
        kwargs["label"] = gettext_lazy("Mobile number")
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "type": "tel",
                    "inputmode": "tel",
                    "autocomplete": "tel",
                    "placeholder": "138 0013 8000",
                }
            ),
        )
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_mainland_mobile(value) if value else value


class AccountAdapter(DefaultAccountAdapter):
    def phone_form_field(self, **kwargs) -> MainlandMobileField:
        return MainlandMobileField(**kwargs)

    def clean_phone(self, phone: str) -> str:
        return normalise_mainland_mobile(phone)

    def save_user(self, request, user, form, commit=True):
        user.name = form.cleaned_data.get("name", "")
        return super().save_user(request, user, form, commit=commit)

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        sent = send_sms(
            phone,
            _("Your %(site)s code is %(code)s. It expires in a few minutes; do not share it.")
            % {"site": settings.WAGTAIL_SITE_NAME, "code": code},
        )
        if not sent and self.request is not None:
            messages.error(
                self.request,
                _("We cannot send text messages right now. Please try again in an hour."),
            )

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        """Nothing: a number without an account gets no text. Anyone may type any number,
        so telling its owner would let strangers text people at the site's cost."""

    def send_account_already_exists_sms(self, phone: str) -> None:
        send_sms(
            phone,
            _(
                "Someone tried to register this number with %(site)s, but it already has an "
                "account. Sign in with a code sent to this number instead."
            )
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

    def get_user_by_phone(self, phone: str) -> User | None:
        try:
            phone = normalise_mainland_mobile(phone)
        except forms.ValidationError:
            return None
        return User.objects.filter(phone=phone).order_by("pk").first()

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """The key failed logins are counted under. allauth's own key is the email address
        or username, and an empty string for a phone number, which would put every phone
        sign-in in the world under one counter: five wrong passwords for any number would
        lock out every phone user. Count per (normalised) number instead."""
        phone = credentials.get("phone")
        if phone and not credentials.get("email") and not credentials.get("username"):
            with contextlib.suppress(forms.ValidationError):
                phone = normalise_mainland_mobile(phone)
            credentials = {**credentials, "username": f"phone:{phone}"}
        return super()._get_login_attempts_cache_key(request, **credentials)

    def post_login(self, request, user, **kwargs):
        connect_pending_wechat(request, user)
        return super().post_login(request, user, **kwargs)

    def get_client_ip(self, request) -> str:
        """The address rate limits count under: the audit log's (``cms.client_ip``), so that a
        client cannot pick her own by sending X-Forwarded-For. allauth's own reading of
        ``ALLAUTH_TRUSTED_PROXY_COUNT`` (set from the same number) would agree, except that it
        fails with a server error on a header shorter than the count."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied(_("Your address could not be determined."))
        return ip


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """WeChat is 微信 on every page, and nothing of the WeChat profile (nickname, picture,
    sex, city) is kept: she gives her name on the sign-up form."""

    def list_providers(self, request):
        return [_named(provider) for provider in super().list_providers(request)]

    def get_provider(self, request, provider, client_id=None):
        return _named(super().get_provider(request, provider, client_id=client_id))

    def get_app(self, request, provider, client_id=None):
        """Without an app configured (no WECHAT_APP_ID), its pages are not found, not errors."""
        try:
            return super().get_app(request, provider, client_id=client_id)
        except SocialApp.DoesNotExist as error:
            raise Http404 from error

    def populate_user(self, request, sociallogin, data):
        """The user gets nothing from the profile; the account keeps only the ids that find
        her again (this runs on every WeChat sign-in, before allauth stores the profile)."""
        account = sociallogin.account
        account.extra_data = {
            key: value for key, value in account.extra_data.items() if key in SOCIAL_IDS_KEPT
        }
        return sociallogin.user


SOCIAL_IDS_KEPT = ("openid", "unionid")


def _named(provider):
    if provider.id == PROVIDER_ID:
        provider.name = _("WeChat")
    return provider


class MfaAdapter(DefaultMFAAdapter):
    """allauth's two-step verification, with its secrets encrypted (Fernet, the first of
    ``FIELD_ENCRYPTION_KEYS``; any of them decrypts) instead of stored in clear."""

    def encrypt(self, text: str) -> str:
        return field_fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return field_fernet().decrypt(encrypted_text.encode()).decode()
