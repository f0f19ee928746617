"""Tables for spreadsheet programs: one CSV writer and one XLSX table writer, shared by every
export, report and API CSV, and text that is safe in a CSV field or an XLSX cell.

A table is a list of `Column`s and the items it shows: each column takes its value from an
item. Values keep their type up to the writer: money and FTE stay `Decimal` (into XLSX too,
never float), dates stay dates; the writer turns them into text (CSV) or typed cells (XLSX).

Both writers head a table with its columns' stable English names, whatever the interface
language: a data file is read by programs. The XLSX header cells carry the translated heading
as a comment, for people. CSV comes in two dialects (`CSV_DIALECTS`): the default (`,`, decimal
point, as RFC 4180 and pandas read it) and "nl" for spreadsheets set to Dutch (`;`, decimal
comma), both UTF-8 with a byte-order mark.
"""

import csv
import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from copy import copy
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from actionplan.xlsx_stream import StreamedSheet

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


@dataclass(frozen=True)
class CsvDialect:
    """How a CSV file separates its fields and writes a decimal fraction."""

    name: str
    delimiter: str
    decimal_mark: str


DEFAULT_CSV = CsvDialect("default", ",", ".")
# Spreadsheet programs set to Dutch (LibreOffice, Excel in nl-BE/nl-NL) split fields on ";"
# and read "1,5" as one and a half; "1.5" would stay text.
DUTCH_CSV = CsvDialect("nl", ";", ",")
CSV_DIALECTS = {dialect.name: dialect for dialect in (DEFAULT_CSV, DUTCH_CSV)}


def csv_value(value, dialect: CsvDialect = DEFAULT_CSV) -> str:
    """A value as a CSV field: empty for None, "true"/"false", numbers without thousands
    separators (Decimal in plain notation, with the dialect's decimal mark), dates as
    YYYY-MM-DD, text made safe."""
    if isinstance(value, str):  # the most frequent
        return csv_text(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        number = format(value.normalize(), "f") if value else "0"
        return number.replace(".", dialect.decimal_mark)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(value).replace(".", dialect.decimal_mark)
    if isinstance(value, int):
        return str(value)
    return csv_text(value)


class _Echo:
    """A file that hands back what is written to it: csv.writer then returns each line."""

    def write(self, value: str) -> str:
        return value


def csv_lines(
    columns: list[Column],
    items: Iterable,
    *,
    byte_order_mark: bool = True,
    dialect: CsvDialect = DEFAULT_CSV,
) -> Iterator[str]:
    """The lines of `csv_table` one at a time, read from `items` as they come: a response can
    stream them, so that memory stays the same for any number of items."""
    writer = csv.writer(_Echo(), lineterminator="\r\n", delimiter=dialect.delimiter)
    header = writer.writerow([csv_text(column.name) for column in columns])
    yield "\ufeff" + header if byte_order_mark else header
    for item in items:
        yield writer.writerow([csv_value(column.value(item), dialect) for column in columns])


def csv_table(
    columns: list[Column],
    items: Iterable,
    *,
    byte_order_mark: bool = True,
    dialect: CsvDialect = DEFAULT_CSV,
) -> str:
    """The items as CSV: a header row of the columns' names, then one row per item (CRLF line
    ends, as RFC 4180). The byte-order mark makes spreadsheet programs read UTF-8."""
    return "".join(csv_lines(columns, items, byte_order_mark=byte_order_mark, dialect=dialect))


def xlsx_cell(sheet, row: int, column: int, value):
    """Write `value` to a cell: text cleaned and typed as text, anything else as it is."""
    if not isinstance(value, str):
        return sheet.cell(row=row, column=column, value=value)
    cell = sheet.cell(row=row, column=column, value=xlsx_text(value))
    cell.data_type = "s"  # text, never a formula
    return cell


def xlsx_append(sheet, values: list) -> list[Cell]:
    """Append a row of values below the sheet's last row, texts written as `xlsx_cell` does;
    return its cells (found without `sheet.max_row`, which counts every cell of the sheet: a
    workbook of thousands of rows would spend minutes there)."""
    cells = []
    for value in values:
        cell = Cell(sheet, value=xlsx_text(value) if isinstance(value, str) else value)
        if isinstance(value, str):
            cell.data_type = "s"  # text, never a formula
        cells.append(cell)
    sheet.append(cells)
    return cells


def xlsx_header(sheet, row: int, labels: list[str], *, font=HEADER_FONT, fill=HEADER_FILL):
    """A header row: bold, shaded, wrapped."""
    for index, label in enumerate(labels, start=1):
        cell = xlsx_cell(sheet, row, index, str(label))
        cell.font = font
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def xlsx_row(
    sheet, values: list, kinds: list[str] | None = None, *, style=None, styles=None
) -> list:
    """A row of cells for `sheet.append`, in a normal or a write-only worksheet: texts cleaned
    and typed as text, numbers in the format of their kind (`NUMBER_FORMATS`), and `style`
    (a function given each cell) applied; or the cells' `styles` as `xlsx_row_styles` gave
    them for the kinds, when many rows share them."""
    if styles is None:
        styles = xlsx_row_styles(sheet, kinds or ["text"] * len(values), style=style)
    cells = []
    for value, cell_style in zip(values, styles, strict=True):
        cell = WriteOnlyCell(sheet, value=xlsx_text(value) if isinstance(value, str) else value)
        if isinstance(value, str):
            cell.data_type = "s"  # text, never a formula
        cell._style = copy(cell_style)  # noqa: SLF001 (styling a cell costs a lookup per style)
        cells.append(cell)
    return cells


def xlsx_row_styles(sheet, kinds: list[str], *, style=None) -> list:
    """The style of each cell of a row of `kinds` (its number format, and `style`, a function
    given each cell, applied): worked out once for a table's rows, not once per cell."""
    styles = []
    for kind in kinds:
        cell = WriteOnlyCell(sheet)
        if kind in NUMBER_FORMATS:
            cell.number_format = NUMBER_FORMATS[kind]
        if style:
            style(cell, kind)
        styles.append(cell._style)  # noqa: SLF001
    return styles


def xlsx_header_row(sheet, labels: list, *, font=HEADER_FONT, fill=HEADER_FILL) -> list:
    """A header row for `sheet.append`: bold, shaded, wrapped."""

    def header_style(cell, _kind):
        cell.font, cell.fill = font, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")

    return xlsx_row(sheet, [str(label) for label in labels], style=header_style)


def _table_cell_style(cell, kind: str) -> None:
    cell.alignment = WRAP if kind == "long_text" else TOP


def _named_header_row(sheet, columns: list[Column], **header_style) -> list:
    """A header row of the columns' stable names, each commented with its translated heading."""
    cells = xlsx_header_row(sheet, [column.name for column in columns], **header_style)
    for cell, column in zip(cells, columns, strict=True):
        cell.comment = Comment(xlsx_text(column.header), "")
    return cells


def xlsx_table(sheet, columns: list[Column], items: Iterable, **header_style) -> None:
    """The items as a table on an empty sheet: a header row of the columns' stable names (the
    translated heading in each header cell's comment), one row per item with numbers as
    numbers (Decimal kept), each column's width and number format, the header and first column
    frozen and a filter on every column.

    The sheet may be write-only (`Workbook(write_only=True)`): rows are then written out as
    `items` yields them, so that memory stays the same for any number of items; a
    `StreamedSheet` (actionplan.xlsx_stream) writes them several times faster."""
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "B2"
    sheet.append(_named_header_row(sheet, columns, **header_style))
    styles = xlsx_row_styles(sheet, [column.kind for column in columns], style=_table_cell_style)
    if isinstance(sheet, StreamedSheet):
        table_columns = sheet.table_columns(xlsx_row(sheet, [None] * len(columns), styles=styles))

        def append(values: list) -> None:
            texts = [xlsx_text(value) if isinstance(value, str) else value for value in values]
            sheet.append_values(texts, table_columns)
    else:

        def append(values: list) -> None:
            sheet.append(xlsx_row(sheet, values, styles=styles))

    rows = 1
    for item in items:
        append([column.value(item) for column in columns])
        rows += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{rows}"
