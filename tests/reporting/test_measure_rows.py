"""Every table of measures writes the same columns the same way: the measure list's exports,
the report's Measures sheet and CSV, and the API's CSV (measures.rows.MEASURE_COLUMNS)."""

import csv
import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from reporting.builders import build_csv, build_xlsx
from reporting.models import Edition
from reporting.selectors import report_content
from tests.reporting.conftest import closed_round, update

pytestmark = pytest.mark.django_db

# Carried out by several actors, with a coordinator, with euro and regular-resources lines.
CODE = "6.2"


def csv_table(text: str) -> tuple[list[str], dict[str, list[str]]]:
    header, *rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    return header, {row[header.index("code")]: row for row in rows}


def xlsx_table(data: bytes) -> tuple[list, dict[str, list]]:
    sheet = load_workbook(io.BytesIO(data))["Measures"]
    header, *rows = sheet.iter_rows(values_only=True)
    return list(header), {row[0]: list(row) for row in rows}


@pytest.fixture
def frozen_report(plan, platform_admin):
    """A public report whose round froze a public update of CODE recorded today, so that the
    live measure and the frozen one have the same progress."""
    today = timezone.localdate()
    update(CODE, platform_admin, today, "delayed", 35, visibility="public")
    reporting_round = closed_round(
        plan, platform_admin, (today - datetime.timedelta(days=30), today)
    )
    return report_content(reporting_round=reporting_round, edition=Edition.PUBLIC)


def test_list_export_report_and_api_csv_share_their_columns_and_rows(client, frozen_report):
    list_header, list_rows = csv_table(
        client.get("/measures/export.csv?action=6").getvalue().decode()
    )
    report_header, report_rows = csv_table(build_csv(frozen_report).decode("utf-8"))
    api = APIClient().get("/api/v1/measures/?format=csv&action=6")
    api_header, api_rows = csv_table(api.content.decode("utf-8"))

    shared = len(list_header)
    start = api_header.index(list_header[0])
    assert report_header[:shared] == list_header == api_header[start : start + shared]
    assert len(report_header) > shared and len(api_header) > shared  # their own columns
    row = list_rows[CODE]
    assert report_rows[CODE][:shared] == row == api_rows[CODE][start : start + shared]

    values = dict(zip(list_header, row, strict=True))
    assert values["actors"].startswith("WVG (coordinator); ")
    assert values["implementation_status"] == "Delayed"
    assert values["last_update"] == timezone.localdate().isoformat()


def test_list_workbook_and_report_workbook_share_their_measures_sheet(client, frozen_report):
    list_header, list_rows = xlsx_table(client.get("/measures/export.xlsx?action=6").getvalue())
    report_header, report_rows = xlsx_table(build_xlsx(frozen_report))

    shared = len(list_header)
    assert report_header[:shared] == list_header
    assert report_rows[CODE][:shared] == list_rows[CODE]
    values = dict(zip(list_header, list_rows[CODE], strict=True))
    assert values["progress_percent"] == 35
    assert values["annual"] > 0  # a number, as in the CSV
