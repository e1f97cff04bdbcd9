"""Reading an uploaded workbook into rows, and writing one (templates and exports).

The first sheet is read; its first row is the header. Headers are matched to the ledger's
columns after normalisation (full-width brackets, spaces); each row keeps its number in the
sheet (``layouts.ROW_NUMBER``) so that errors name the row the coordinator sees; empty rows
are left out."""

from io import BytesIO

from django.utils.translation import gettext as _

import openpyxl
import tablib
from import_export.formats.base_formats import XLSX

from cms.exports import safe_row
from pairs.ledgers import layouts
from people.errors import DomainError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def read_rows(data: bytes, resource_class) -> tablib.Dataset:
    """The rows of the workbook ``data`` for the ledger of ``resource_class``; a
    ``DomainError`` on the file field if it is not a workbook or lacks a required column."""
    try:
        book = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not xlsx
        raise DomainError(_("This is not an Excel workbook (.xlsx)."), field="file") from error
    try:
        rows = book.active.iter_rows(values_only=True)
        header = next(rows, None) or ()
        known = {layouts.normalise(column): column for column in resource_class.columns()}
        headers = [
            known.get(layouts.normalise(cell), layouts.normalise(cell) or f"_{index}")
            for index, cell in enumerate(header)
        ]
        missing = [column for column in resource_class.required if column not in headers]
        if missing:
            raise DomainError(
                _("The first row must have the column headers; missing: %(columns)s.")
                % {"columns": "、".join(missing)},
                field="file",
            )
        dataset = tablib.Dataset(headers=[*headers, layouts.ROW_NUMBER])
        for number, values in enumerate(rows, start=2):
            values = list(values)[: len(headers)]
            if all(value is None or str(value).strip() == "" for value in values):
                continue
            values += [None] * (len(headers) - len(values))
            dataset.append([*values, number])
    finally:
        book.close()
    return dataset


def workbook(headers: list[str], rows) -> bytes:
    """An .xlsx of ``rows`` under ``headers``, every cell neutralised (``cms.exports``)."""
    dataset = tablib.Dataset(headers=headers)
    for row in rows:
        dataset.append(safe_row(row))
    return XLSX().export_data(dataset)
