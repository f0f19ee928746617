"""A write-only XLSX worksheet that writes a table's rows straight to its XML.

openpyxl's write-only sheet turns every value into a Cell object, binds its type, copies its
style and writes it element by element: for an export of thousands of measures that is most
of the time spent. A `StreamedSheet` takes a row of plain values with one style per column
(`append_values`) and writes the XML openpyxl would have written for the same cells (a test
compares the two), a row at a time, so memory still does not grow with the number of rows.
A value it does not write itself (a time, a date outside a date column) sends its row through
openpyxl's own cells instead.
"""

import datetime
from copy import copy
from dataclasses import dataclass
from decimal import Decimal

from lxml.etree import Element, SubElement
from openpyxl.cell import WriteOnlyCell
from openpyxl.compat import safe_string
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# openpyxl's limit for the text of a cell (Cell.check_string).
MAX_TEXT = 32767
_NUMBERS = (int, float, Decimal)  # bool is an int, written as a flag
_PRESERVED_SPACE = {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}


@dataclass(frozen=True)
class _Column:
    """What every cell of a column shares: worked out once for a table."""

    letter: str
    style_id: str | None  # None: its cells carry no style
    dates: bool  # whether its number format shows a date
    cell: WriteOnlyCell  # the column's style, for openpyxl's own cells


class _ValuesRow(tuple):
    """A row of plain values with its table's columns, for `StreamedSheet`."""

    def __new__(cls, values: list, columns: list[_Column]):
        row = super().__new__(cls, values)
        row.columns = columns
        return row


class StreamedSheet(WriteOnlyWorksheet):
    """A write-only worksheet (see the module's docstring); `append` works as before."""

    def table_columns(self, cells: list[WriteOnlyCell]) -> list[_Column]:
        """The columns of a table whose cells are styled as `cells` (one a column), for
        `append_values`."""
        return [
            _Column(
                letter=get_column_letter(index),
                style_id=str(cell.style_id) if cell.has_style else None,
                dates=is_date_format(cell.number_format),
                cell=cell,
            )
            for index, cell in enumerate(cells, start=1)
        ]

    def append_values(self, values: list, columns: list[_Column]) -> None:
        """Append a row of plain values, texts already cleaned (as `xlsx_text` does), one
        a column of `columns` (`table_columns`)."""
        self.append(_ValuesRow(values, columns))

    def _write_rows(self):
        # openpyxl's WriteOnlyWorksheet._write_rows (3.1), with rows of values written by
        # `_row_element`.
        try:
            xf = self._writer.xf.send(True)
        except StopIteration:
            self._already_saved()
        with xf.element("sheetData"):
            row_idx = 1
            try:
                while True:
                    row = yield
                    element = _row_element(self, row, row_idx)
                    if element is not None:
                        xf.write(element)
                    else:
                        cells = _openpyxl_cells(self, row) if isinstance(row, _ValuesRow) else row
                        self._writer.write_row(xf, self._values_to_row(cells, row_idx), row_idx)
                    row_idx += 1
            except GeneratorExit:
                pass
        self._writer.xf.send(None)


def streamed_sheet(workbook, title: str) -> StreamedSheet:
    """A new `StreamedSheet` at the end of a write-only workbook."""
    sheet = StreamedSheet(parent=workbook, title=title)
    workbook._add_sheet(sheet)  # noqa: SLF001 (Workbook.create_sheet's own step)
    return sheet


def _row_element(sheet: StreamedSheet, row, row_idx: int):
    """The row's XML as openpyxl writes it, or None when a value needs openpyxl's cells."""
    if not isinstance(row, _ValuesRow):
        return None
    number = str(row_idx)
    element = Element("row", {"r": number})
    for value, column in zip(row, row.columns, strict=True):
        attributes = {"r": column.letter + number}
        if column.style_id is not None:
            attributes["s"] = column.style_id
        if value is None:
            if column.style_id is not None:
                _empty_cell(element, attributes, "n")
        elif isinstance(value, str):
            _text_cell(element, attributes, value[:MAX_TEXT])
        elif isinstance(value, bool):
            SubElement(SubElement(element, "c", {**attributes, "t": "b"}), "v").text = (
                "1" if value else "0"
            )
        elif isinstance(value, _NUMBERS):
            _number_cell(element, attributes, value)
        elif type(value) is datetime.date and column.dates:  # a datetime has a time
            _number_cell(element, attributes, to_excel(value, sheet.parent.epoch))
        else:
            return None
    return element


def _empty_cell(row, attributes: dict, data_type: str) -> None:
    # Written as openpyxl does, "<c ...></c>", so that the files are the same byte for byte.
    SubElement(row, "c", {**attributes, "t": data_type}).text = ""


def _text_cell(row, attributes: dict, text: str) -> None:
    if not text:
        _empty_cell(row, attributes, "inlineStr")
        return
    cell = SubElement(row, "c", {**attributes, "t": "inlineStr"})
    spaces = _PRESERVED_SPACE if text != text.strip() else {}
    SubElement(SubElement(cell, "is"), "t", spaces).text = text


def _number_cell(row, attributes: dict, number) -> None:
    SubElement(SubElement(row, "c", {**attributes, "t": "n"}), "v").text = safe_string(number)


def _openpyxl_cells(sheet: StreamedSheet, row: _ValuesRow) -> list:
    """The row as openpyxl's cells, texts typed as text (never a formula)."""
    cells = []
    for value, column in zip(row, row.columns, strict=True):
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        cell._style = copy(column.cell._style)  # noqa: SLF001
        cells.append(cell)
    return cells
