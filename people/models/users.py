from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from phonenumber_field.modelfields import PhoneNumberField


class User(AbstractUser):
    """The site's user. People sign in with an email address or a mainland mobile number
    (allauth, see ``people.adapters``); ``username`` is generated and never shown."""

    name = models.CharField(_("name"), max_length=100, blank=True)
    phone = PhoneNumberField(_("mobile number"), unique=True, null=True, blank=True)
    phone_verified = models.BooleanField(_("mobile number verified"), default=False)

    class NotifyBy(models.TextChoices):
        EMAIL = "email", _("email")
        SMS = "sms", _("text message")

    # How she wants notices; empty means by what she has (email first, else a text).
    notify_by = models.CharField(
        _("send notices by"), max_length=5, choices=NotifyBy.choices, blank=True
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self) -> str:
        return (
            self.name
            or super().get_full_name()
            or self.email
            or str(self.phone or "")
            or self.username
        )

    def get_short_name(self) -> str:
        return self.name or self.first_name or self.email or str(self.phone or "") or self.username


def display_name(user: User) -> str:
    """How the account pages name her (``ACCOUNT_USER_DISPLAY``): her name, else her email
    address or mobile number."""
    return user.get_short_name()
