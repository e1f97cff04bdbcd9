"""The booking form: which of her children (a class) or which paired child (a 亲子 class).
Trainings have no field: she books for herself. The booking service keeps the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from enrollment.models import Booking


class BookingForm(forms.Form):
    child = forms.TypedMultipleChoiceField(
        label=_("Who is coming"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose who is coming."),
            "invalid_choice": _("Choose among the children listed."),
        },
    )

    def __init__(self, *args, kind: str, choices: list[tuple[int, str]], **kwargs):
        """``kind`` is the booking's kind; ``choices`` the children she may name (id, label)."""
        super().__init__(*args, **kwargs)
        field = self.fields["child"]
        if kind == Booking.Kind.MOTHER:
            del self.fields["child"]
            return
        field.choices = choices
        if kind == Booking.Kind.PAIR:
            # A pair is one unit: she comes with one paired child per booking.
            self.fields["child"] = forms.TypedChoiceField(
                label=_("Which child comes with you"),
                coerce=int,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages=field.error_messages,
            )
        if len(choices) == 1 and not self.is_bound:
            self.initial["child"] = [choices[0][0]] if kind == Booking.Kind.CHILD else choices[0][0]

    def child_ids(self) -> list[int | None]:
        """The children to book, one booking each; ``[None]`` for a training."""
        value = self.cleaned_data.get("child")
        if value is None or value == []:
            return [None]
        return value if isinstance(value, list) else [value]
