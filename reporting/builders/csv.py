"""The report's measures as CSV: the Measures sheet's columns, one row per measure.

actionplan.spreadsheets.csv_table writes it: a narrative such as `=HYPERLINK(...)` is shown as
written by a spreadsheet program, never run as a formula.
"""

from actionplan.spreadsheets import csv_table
from reporting.builders.rows import REPORT_MEASURE_COLUMNS, report_facts
from reporting.selectors import ReportContent


def build_csv(content: ReportContent) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read accents right."""
    return csv_table(REPORT_MEASURE_COLUMNS, report_facts(content)).encode("utf-8")
