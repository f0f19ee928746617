"""The report's workbook is written row by row (write-only), yet says what a spreadsheet built
cell by cell would: stamped with the round's close, its chart on the status counts, its Excel
tables over their rows with the columns named as headed, and its size known to readers."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from measures.models import Measure
from reporting.builders import build_xlsx
from reporting.models import Edition, ReportingRound
from reporting.selectors import report_content
from tests.reporting.conftest import FIRST_HALF, SECOND_HALF, closed_round, update

pytestmark = pytest.mark.django_db


def workbook_of(reporting_round, **options):
    content = report_content(reporting_round=reporting_round, edition=Edition.INTERNAL)
    return load_workbook(io.BytesIO(build_xlsx(content)), **options)


def test_the_workbook_is_created_and_modified_when_the_round_closed(plan, platform_admin):
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    closed_at = datetime.datetime(2026, 7, 3, 14, 30, tzinfo=datetime.UTC)
    ReportingRound.objects.filter(pk=reporting_round.pk).update(closed_at=closed_at)
    reporting_round.refresh_from_db()

    properties = workbook_of(reporting_round).properties

    assert properties.created == properties.modified == datetime.datetime(2026, 7, 3, 14, 30)


def test_the_status_chart_reads_the_status_section_of_the_summary(plan, platform_admin):
    summary = workbook_of(closed_round(plan, platform_admin, FIRST_HALF))["Summary"]

    column_a = [cell.value for cell in summary["A"]]
    header = column_a.index("Status") + 1
    last = column_a.index(None, header)  # the section ends at an empty row
    (series,) = summary._charts[0].series
    assert series.tx.strRef.f == f"'Summary'!B{header}"
    assert series.val.numRef.f == f"'Summary'!$B${header + 1}:$B${last}"
    assert series.cat.numRef.f == f"'Summary'!$A${header + 1}:$A${last}"
    assert summary.cell(header, 2).value == "Measures"
    assert sum(summary.cell(row, 2).value for row in range(header + 1, last + 1)) == (
        Measure.objects.count()
    )


def test_the_excel_tables_cover_their_rows_with_the_columns_named_as_headed(plan, platform_admin):
    closed_round(plan, platform_admin, FIRST_HALF, title="First half")
    update("5.1", platform_admin, datetime.date(2026, 8, 1), "on_track", 30)
    workbook = workbook_of(closed_round(plan, platform_admin, SECOND_HALF))

    for sheet_name, table_name in (("Measures", "Measures"), ("Budget", "BudgetLines")):
        sheet = workbook[sheet_name]
        table = sheet.tables[table_name]
        headers = [cell.value for cell in sheet[1]]
        first_column = [cell.value for cell in sheet["A"]]
        last_row = first_column.index(None) if None in first_column else len(first_column)
        assert table.ref == f"A1:{sheet.cell(1, len(headers)).column_letter}{last_row}"
        assert [column.name for column in table.tableColumns] == headers
        assert table.autoFilter.ref == table.ref
        assert sheet.auto_filter.ref is None  # the table brings its own filter


def test_a_read_only_reader_gets_every_row_as_wide_as_its_sheet(plan, platform_admin):
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    full = workbook_of(reporting_round)

    for sheet in workbook_of(reporting_round, read_only=True).worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        width = full[sheet.title].max_column
        assert len(rows) == full[sheet.title].max_row
        assert {len(row) for row in rows} == {width}
