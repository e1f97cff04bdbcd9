"""``{% load phone_tags %}``: a mobile number as people write it, ``+86 138 0013 8000``, not
the ``+8613800138000`` the database keeps."""

from django import template

import phonenumbers

register = template.Library()


@register.filter
def phone_spaced(value) -> str:
    text = str(value or "")
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return text
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
