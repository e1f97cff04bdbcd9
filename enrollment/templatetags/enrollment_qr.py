"""``{% load enrollment_qr %}``: QR codes in templates.

{% check_in_qr booking %}      the booking's staff check-in URL, for the door
{% qr_code url label %}        any absolute URL
"""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from enrollment.qr import qr_svg

register = template.Library()


def _absolute(context, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


@register.simple_tag(takes_context=True)
def check_in_qr(context, booking):
    url = _absolute(context, reverse("enrollment:check_in", args=[booking.check_in_token]))
    return qr_svg(url, label=_("QR code to show at the door"))


@register.simple_tag(takes_context=True)
def qr_code(context, path: str, label: str):
    return qr_svg(_absolute(context, path), label=label)
