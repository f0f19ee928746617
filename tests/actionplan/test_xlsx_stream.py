"""A streamed sheet writes a table exactly as openpyxl's own write-only sheet does."""

import datetime
import io
import zipfile
from decimal import Decimal

from openpyxl import Workbook, load_workbook

from actionplan.spreadsheets import Column, xlsx_table
from actionplan.xlsx_stream import streamed_sheet

KINDS = ["text", "long_text", "number", "euro", "fte", "percent", "date", "flag"]
COLUMNS = [
    Column(kind, kind.title(), lambda row, i=i: row[i], kind) for i, kind in enumerate(KINDS)
]
ROWS = [
    [
        "5.10",
        "Two\nlines",
        3,
        Decimal("1234.50"),
        Decimal("0.5"),
        40,
        datetime.date(2017, 3, 1),
        True,
    ],
    [None, "", 0, Decimal("0"), 1.25, None, None, False],
    [
        "  spaced  ",
        "=SUM(A1:A2)",
        -7,
        Decimal("-1E+3"),
        None,
        100,
        datetime.date(1900, 1, 15),
        None,
    ],
    ["x" * 40000, "bell\x07 removed", 2**40, None, Decimal("12.345"), 0, None, True],
    # Values openpyxl's own cells write: a date in a text column, a moment in a date column.
    [datetime.date(2020, 2, 29), "", 1, None, None, 1, datetime.datetime(2021, 5, 6, 7, 8), False],
]


def sheet_xml(make_sheet) -> bytes:
    workbook = Workbook(write_only=True)
    xlsx_table(make_sheet(workbook), COLUMNS, ROWS)
    out = io.BytesIO()
    workbook.save(out)
    with zipfile.ZipFile(out) as archive:
        return archive.read("xl/worksheets/sheet1.xml") + archive.read("xl/styles.xml")


def test_a_streamed_table_is_the_same_file_as_openpyxls_write_only_table():
    openpyxl_xml = sheet_xml(lambda workbook: workbook.create_sheet("Table"))
    assert sheet_xml(lambda workbook: streamed_sheet(workbook, "Table")) == openpyxl_xml


def test_a_streamed_table_reads_back_with_its_types_and_formats():
    workbook = Workbook(write_only=True)
    xlsx_table(streamed_sheet(workbook, "Table"), COLUMNS, ROWS)
    out = io.BytesIO()
    workbook.save(out)
    sheet = load_workbook(out)["Table"]
    first, second, third, fourth, _ = list(sheet.iter_rows(min_row=2))
    assert [cell.value for cell in first][:3] == ["5.10", "Two\nlines", 3]
    assert first[3].value == 1234.5 and first[3].number_format == "#,##0"
    assert first[6].value == datetime.datetime(2017, 3, 1) and first[6].is_date
    assert first[7].value is True and second[7].value is False
    assert third[0].value == "  spaced  "
    assert third[1].value == "=SUM(A1:A2)" and third[1].data_type == "s"  # text, no formula
    assert len(fourth[0].value) == 32767 and fourth[1].value == "bell removed"
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == "A1:H6"
