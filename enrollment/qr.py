"""QR codes as inline SVG (the qrcode library's SVG path image: no image files, no
JavaScript), sized by CSS (``.qr-code`` in site.css: no inline style, which the
Content-Security-Policy refuses) and labelled for screen readers."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

import qrcode
import qrcode.image.svg


def qr_svg(data: str, *, label: str, css_class: str = "qr-code", size: int = 220) -> SafeString:
    """An ``<svg>`` element drawing ``data`` as a QR code (dark on a white background),
    ``size`` pixels wide at most (it shrinks with a narrow screen)."""
    image = qrcode.make(
        data,
        image_factory=qrcode.image.svg.SvgPathFillImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    svg = image.to_string(encoding="unicode")
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    svg = re.sub(
        r'^<svg width="[^"]*" height="[^"]*"',
        f'<svg class="{escape(css_class)}" role="img" aria-label="{escape(label)}" '
        f'width="{size}" height="{size}"',
        svg,
        count=1,
    )
    return mark_safe(svg)  # noqa: S308 - made here from the library's SVG and escaped labels
