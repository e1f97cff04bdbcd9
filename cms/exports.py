"""Spreadsheet exports that cannot carry a formula (CSV/formula injection, OWASP).

A name typed as ``=HYPERLINK("http://…")`` would run as a formula when a coordinator opens
the export in Excel or WPS. Every exported cell goes through ``safe_cell``: text that begins
with a character a spreadsheet reads as the start of a formula is prefixed with ``'``, which
makes it plain text. Wagtail's list exports use ``SafeSpreadsheetExportMixin`` (every index
view with ``list_export`` must: tests/cms/test_exports.py walks them); hand-built workbooks
call ``safe_cell`` on each value (``safe_row``).
"""

import re
from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A cell that is only a number (a phone number in E.164, a negative count) runs nothing.
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def safe_cell(value):
    """``value`` as a spreadsheet may show it without evaluating it."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def safe_row(values: Iterable) -> list:
    return [safe_cell(value) for value in values]


class SafeSpreadsheetExportMixin:
    """For Wagtail index views with ``list_export`` (CSV and XLSX): each value, once Wagtail
    has turned it into what it writes, goes through ``safe_cell``."""

    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(super().preprocess_field_value(field, value, export_format))
