"""The report's files, each built from a `reporting.selectors.ReportContent`."""

from reporting.builders.csv import build_csv
from reporting.builders.pdf import build_pdf
from reporting.builders.xlsx import build_xlsx

__all__ = ["build_csv", "build_pdf", "build_xlsx"]
