"""The report's measures as CSV: the Measures sheet's columns, one row per measure.

Every text goes through `actionplan.spreadsheets.csv_text`, so that a narrative such as
`=HYPERLINK(...)` is shown as written by a spreadsheet program, never run as a formula.
"""

import csv
import datetime
import io
from decimal import Decimal

from actionplan.spreadsheets import csv_text
from reporting.builders.xlsx import measure_columns, measure_row
from reporting.selectors import ReportContent


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, str):
        return csv_text(value)
    return str(value)


def build_csv(content: ReportContent) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read accents right."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow([csv_text(label) for label, _width in measure_columns()])
    for entry in content.measures:
        writer.writerow([_text(value) for value in measure_row(entry)])
    return output.getvalue().encode("utf-8-sig")
