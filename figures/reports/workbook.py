"""A report as an ``.xlsx`` workbook: one sheet per table, the headers in bold, every cell
through ``cms.exports.safe_cell`` (no formula can run)."""

import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from cms.exports import safe_row
from figures.reports.tables import Table

# Characters a sheet's title may not hold, and its length limit (Excel).
FORBIDDEN = re.compile(r"[\[\]\*\?/\\:]")
MAX_TITLE = 31


def plain(value):
    """Numbers stay numbers; anything else (lazy translations included) becomes text."""
    if isinstance(value, int | float | Decimal):
        return value
    return "" if value is None else str(value)


def cells(values) -> list:
    return safe_row(plain(value) for value in values)


def sheet_title(title: str, taken: set[str]) -> str:
    base = FORBIDDEN.sub(" ", title)[:MAX_TITLE] or "-"
    name, n = base, 2
    while name in taken:
        suffix = f" {n}"
        name, n = base[: MAX_TITLE - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def report_workbook(title: str, tables: list[Table]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(sheet_title(str(table.title), taken))
        sheet.append(cells([title]))
        sheet.append(cells(table.headers))
        for cell in sheet[2]:
            cell.font = bold
        for row in table.rows:
            sheet.append(cells(row))
        sheet.column_dimensions["A"].width = 36
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
