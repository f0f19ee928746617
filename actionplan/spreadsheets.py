"""Tables for spreadsheet programs: one CSV writer and one XLSX table writer, shared by every
export, report and API CSV, and text that is safe in a CSV field or an XLSX cell.

A table is a list of `Column`s and the items it shows: each column takes its value from an
item. Values keep their type up to the writer: money and FTE stay `Decimal` (into XLSX too,
never float), dates stay dates; the writer turns them into text (CSV) or typed cells (XLSX).
"""

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Control characters that XLSX cannot hold (openpyxl raises IllegalCharacterError on them).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# XLSX number formats by a column's kind; a kind not named here is text.
NUMBER_FORMATS = {
    "euro": "#,##0",
    "fte": "0.0#",
    "number": "0",
    "percent": "0",
    "date": "yyyy-mm-dd",
}
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE3E8")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


@dataclass(frozen=True)
class Column:
    """One column of a table: `name` is its stable English name (the CSV header, the same in
    every language), `header` its translated heading for people (the XLSX header), `value`
    reads the cell's value from an item, `kind` chooses the XLSX number format and `width`
    is in characters."""

    name: str
    header: str
    value: Callable[[Any], Any]
    kind: str = "text"  # text, long_text, number, euro, fte, percent, date, flag
    width: int = 12


def csv_text(value) -> str:
    """`value` as CSV text a spreadsheet shows as written: control characters removed, and a
    leading apostrophe where the text would otherwise start a formula."""
    text = CONTROL_CHARACTERS.sub("", str(value))
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def xlsx_text(value) -> str:
    """`value` as text an XLSX cell can hold. Write it to a cell typed as text
    (`cell.data_type = "s"`), so that it is never read as a formula."""
    return CONTROL_CHARACTERS.sub("", str(value))


def csv_value(value) -> str:
    """A value as a CSV field: empty for None, "true"/"false", numbers without thousands
    separators (Decimal in plain notation), dates as YYYY-MM-DD, text made safe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    return csv_text(value)


def csv_table(columns: list[Column], items: Iterable, *, byte_order_mark: bool = True) -> str:
    """The items as CSV: a header row of the columns' names, then one row per item (CRLF line
    ends, as RFC 4180). The byte-order mark makes spreadsheet programs read UTF-8."""
    out = io.StringIO()
    if byte_order_mark:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_text(column.name) for column in columns])
    for item in items:
        writer.writerow([csv_value(column.value(item)) for column in columns])
    return out.getvalue()


def xlsx_cell(sheet, row: int, column: int, value):
    """Write `value` to a cell: text cleaned and typed as text, anything else as it is."""
    if not isinstance(value, str):
        return sheet.cell(row=row, column=column, value=value)
    cell = sheet.cell(row=row, column=column, value=xlsx_text(value))
    cell.data_type = "s"  # text, never a formula
    return cell


def xlsx_append(sheet, values: list) -> None:
    """Append a row of values below the sheet's last row, texts written as `xlsx_cell` does."""
    sheet.append([xlsx_text(value) if isinstance(value, str) else value for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # text, never a formula


def xlsx_header(sheet, row: int, labels: list[str], *, font=HEADER_FONT, fill=HEADER_FILL):
    """A header row: bold, shaded, wrapped."""
    for index, label in enumerate(labels, start=1):
        cell = xlsx_cell(sheet, row, index, str(label))
        cell.font = font
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def xlsx_table(sheet, columns: list[Column], items: Iterable, **header_style) -> None:
    """The items as a table on an empty sheet: a header row of the columns' translated
    headers, one row per item with numbers as numbers (Decimal kept), each column's width and
    number format, the header and first column frozen and a filter on every column."""
    xlsx_header(sheet, 1, [column.header for column in columns], **header_style)
    for row, item in enumerate(items, start=2):
        for index, column in enumerate(columns, start=1):
            cell = xlsx_cell(sheet, row, index, column.value(item))
            cell.alignment = WRAP if column.kind == "long_text" else TOP
            if column.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[column.kind]
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
