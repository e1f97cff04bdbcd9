"""Her choice of channel for notices (on /me/)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import User


class NotifyByForm(forms.Form):
    notify_by = forms.ChoiceField(
        label=_("Send me notices by"),
        choices=User.NotifyBy.choices,
        widget=forms.RadioSelect,
    )
