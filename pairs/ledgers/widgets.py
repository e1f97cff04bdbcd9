"""Cell readers for django-import-export: each turns what a coordinator typed in a cell
(text, a date Excel stored as a date, a phone number Excel stored as a number) into the
model's value, or raises ``ValueError`` with a message in the reader's language, which the
import shows against the row and the column."""

import datetime as dt
import re

from django.utils.translation import gettext as _

import phonenumbers
from import_export.widgets import Widget

from pairs.ledgers.layouts import normalise

DATE_PATTERN = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
ID_NUMBER_PATTERN = re.compile(r"\d{17}[\dX]")


def text_of(value) -> str:
    """A cell as text: a whole number Excel stored as a float loses its ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class LedgerWidget(Widget):
    def __init__(self, *, required: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.required = required

    def clean(self, value, row=None, **kwargs):
        text = text_of(value) if not isinstance(value, dt.date) else value
        if text == "":
            if self.required:
                raise ValueError(_("This column must be filled in."))
            return self.empty()
        return self.parse(text)

    def empty(self):
        return ""

    def parse(self, text):
        return text

    def render(self, value, **kwargs):
        return "" if value is None else value


class TextWidget(LedgerWidget):
    def __init__(self, *, max_length: int, **kwargs):
        super().__init__(**kwargs)
        self.max_length = max_length

    def parse(self, text):
        if len(text) > self.max_length:
            raise ValueError(_("At most %(count)d characters.") % {"count": self.max_length})
        return text


class ChoiceWordWidget(LedgerWidget):
    """A choice written as one of its Chinese words (``layouts``) or as its stored value."""

    def __init__(self, words: dict, **kwargs):
        super().__init__(**kwargs)
        self.words = words
        self.lookup = {normalise(value): value for value in words}
        for value, names in words.items():
            self.lookup.update({normalise(name): value for name in names})

    def parse(self, text):
        value = self.lookup.get(normalise(text))
        if value is None:
            raise ValueError(
                _("Write one of: %(words)s.")
                % {"words": "、".join(names[0] for names in self.words.values())}
            )
        return str(value)

    def render(self, value, **kwargs):
        return self.words[value][0] if value in self.words else ""


class DateWidget(LedgerWidget):
    """A date cell, or text such as 2015-03-02, 2015/3/2, 2015.3.2 or 2015年3月2日."""

    def empty(self):
        return None

    def parse(self, text):
        if isinstance(text, dt.datetime):
            return text.date()
        if isinstance(text, dt.date):
            return text
        match = DATE_PATTERN.fullmatch(text)
        digits = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
        found = match or digits
        try:
            return dt.date(*(int(part) for part in found.groups()))
        except (AttributeError, ValueError):
            raise ValueError(_("Write a date such as 2015-03-02.")) from None

    def render(self, value, **kwargs):
        return value.isoformat() if value else ""


class PhoneWidget(LedgerWidget):
    """A Chinese phone number, stored as E.164 (+8613800138000)."""

    def parse(self, text):
        try:
            number = phonenumbers.parse(text, "CN")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise ValueError(_("Write a phone number such as 13800138000."))
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def render(self, value, **kwargs):
        text = getattr(value, "as_e164", None) or str(value or "")
        return text[3:] if text.startswith("+86") else text


class IdNumberWidget(LedgerWidget):
    def parse(self, text):
        text = normalise(text).upper()
        if not ID_NUMBER_PATTERN.fullmatch(text):
            raise ValueError(_("Write the 18-character ID number."))
        return text


class CountWidget(LedgerWidget):
    """How many children a mother can care for: a whole number from 1 to 5."""

    def empty(self):
        return None

    def parse(self, text):
        if not re.fullmatch(r"[1-5]", text):
            raise ValueError(_("Write a whole number from 1 to 5."))
        return int(text)
