"""The report as an XLSX workbook to analyse: a summary sheet, one row per measure, a budget
sheet (one row per budget line) and the changes since the previous report.

The workbook is write-only: each sheet's rows are written out in order as they are appended,
never kept as cells, so that its time and memory stay small for any number of measures. A
sheet's widths, frozen panes and size are therefore set before its first row; the small sheets
gather their rows first (`_Rows`), so that the chart knows its rows and the sheet its size.

Every cell is written by actionplan.spreadsheets: texts typed as text, so that a narrative such
as `=HYPERLINK(...)` is shown as written, never run as a formula, and a stray control character
in stored data cannot stop the workbook from being built; money stays Decimal.
"""

import datetime
import io
import warnings
import zipfile
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.writer.excel import ExcelWriter

from actionplan.spreadsheets import (
    WRAP,
    xlsx_header_row,
    xlsx_row,
    xlsx_row_styles,
    xlsx_table,
    xlsx_text,
)
from actionplan.xlsx_stream import streamed_sheet
from budgets.models import BudgetLine
from reporting.builders.rows import REPORT_MEASURE_COLUMNS, report_facts
from reporting.selectors import ReportContent
from reporting.wording import round_closed_text, round_compared_text, round_situation_text

HEADER_STYLE = {
    "font": Font(bold=True, color="FFFFFF"),
    "fill": PatternFill("solid", fgColor="0B4F8A"),
}
TITLE_FONT = Font(bold=True, size=14, color="0B3D6B")
SECTION_FONT = Font(bold=True, size=11, color="0B3D6B")
LABEL_FONT = Font(bold=True)
BUDGET_LINE_KINDS = ["text", "text", "euro", "fte", "text", "text", "text", "text", "text"]
UPDATE_KINDS = ["text", "date", "text", "text", "long_text"]


def _naive_utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC).replace(tzinfo=None)


def _decimal(value) -> Decimal | None:
    """An amount of a frozen budget line (a string) as a Decimal."""
    return None if value in (None, "") else Decimal(str(value))


class _Rows:
    """A small sheet's rows, gathered before they are written: a row's number is known as it
    is added (for the chart), the sheet's size before its first row is written."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.rows: list[list] = []

    @property
    def last(self) -> int:
        return len(self.rows)

    def append(self, cells: list | None = None) -> int:
        """Add a row of cells (none: an empty row); return its number."""
        self.rows.append(cells or [])
        return len(self.rows)

    def write(self) -> None:
        _declare_size(self.sheet, max(len(row) for row in self.rows), len(self.rows))
        for row in self.rows:
            self.sheet.append(row)


def _declare_size(sheet, columns: int, rows: int) -> None:
    """Give a write-only sheet its size before its first row, written as its dimension as a
    normal sheet's is: read-only readers (openpyxl's, pandas') then give every row the sheet's
    width, empty rows included."""
    ref = f"A1:{get_column_letter(columns)}{rows}"
    sheet.calculate_dimension = lambda: ref  # what openpyxl's sheet writer asks a sheet


def _with_font(cells: list, font: Font) -> list:
    """The row's cells, its first one in `font` (a label or title)."""
    cells[0].font = font
    return cells


def _text_row(sheet, text: str, font: Font) -> list:
    return _with_font(xlsx_row(sheet, [text]), font)


def build_xlsx(content: ReportContent) -> bytes:
    workbook = Workbook(write_only=True)
    _summary_sheet(workbook.create_sheet(_("Summary")), content)
    _measures_sheet(streamed_sheet(workbook, _("Measures")), content)
    _budget_sheet(streamed_sheet(workbook, _("Budget")), content)
    _changes_sheet(workbook.create_sheet(_("Changes")), content)
    workbook.properties.title = xlsx_text(f"{content.round.title} – {content.plan.title}")[:250]
    workbook.properties.creator = xlsx_text(content.plan.government)
    workbook.properties.language = translation.get_language()
    workbook.properties.subject = xlsx_text(content.edition_label)
    if content.round.closed_at:
        # Stamped with the moment the round closed, so a rebuilt workbook is the same.
        workbook.properties.created = _naive_utc(content.round.closed_at)
        workbook.properties.modified = _naive_utc(content.round.closed_at)
    return _saved(workbook)


def _saved(workbook: Workbook) -> bytes:
    """The workbook's file. `Workbook.save` would stamp it as modified now: written as it
    does, but keeping the properties' stamps."""
    output = io.BytesIO()
    archive = zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(workbook, archive).save()  # closes the archive
    return output.getvalue()


def _measures_sheet(sheet, content: ReportContent) -> None:
    _declare_size(sheet, len(REPORT_MEASURE_COLUMNS), 1 + len(content.measures))
    xlsx_table(sheet, REPORT_MEASURE_COLUMNS, report_facts(content), **HEADER_STYLE)
    _as_excel_table(sheet, "Measures", [column.name for column in REPORT_MEASURE_COLUMNS])


def _as_excel_table(sheet, name: str, headers: list[str]) -> None:
    """Make the sheet's filtered range an Excel table (named, striped, read as a table by
    screen readers); a table brings its own filter. A write-only sheet cannot read its header
    cells back, so the table's columns are named from `headers`."""
    ref = sheet.auto_filter.ref
    sheet.auto_filter.ref = None
    table = Table(
        displayName=name,
        ref=ref,
        autoFilter=AutoFilter(ref=ref),
        tableColumns=[
            TableColumn(id=index, name=xlsx_text(header))
            for index, header in enumerate(headers, start=1)
        ],
    )
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    with warnings.catch_warnings():
        # openpyxl warns on every table of a write-only sheet that its columns must be named
        # by hand: they are, above.
        warnings.filterwarnings("ignore", "In write-only mode", UserWarning)
        sheet.add_table(table)


def _section(
    rows: _Rows, title: str, headers: list[str], values: list[list], kinds=None
) -> tuple[int, int]:
    """A titled table below an empty row, each row's cells in the format of its `kinds`
    (`NUMBER_FORMATS`; "long_text" wrapped); returns its header's row and its last row."""
    sheet = rows.sheet
    rows.append()
    rows.append(_text_row(sheet, title, SECTION_FONT))
    header = rows.append(xlsx_header_row(sheet, headers, **HEADER_STYLE))
    styles = xlsx_row_styles(sheet, kinds or ["text"] * len(headers), style=_wrap_long_text)
    for row in values:
        rows.append(xlsx_row(sheet, row, styles=styles))
    return header, rows.last


def _wrap_long_text(cell, kind: str) -> None:
    if kind == "long_text":
        cell.alignment = WRAP


def _summary_sheet(sheet, content: ReportContent) -> None:
    sheet.column_dimensions["A"].width = 48
    for column in "BCD":
        sheet.column_dimensions[column].width = 16
    rows = _Rows(sheet)
    rows.append(_text_row(sheet, content.plan.title, TITLE_FONT))
    rows.append(_text_row(sheet, content.round.title, SECTION_FONT))
    rows.append(_text_row(sheet, round_situation_text(content.round), LABEL_FONT))
    rows.append()
    _summary_facts(rows, content)
    status_header, status_last = _section(
        rows,
        _("Implementation status"),
        [_("Status"), _("Measures"), _("Share (%)")],
        [[count.label, count.count, count.percent] for count in content.by_status],
    )
    _status_chart(sheet, status_header, status_last)
    _section(
        rows,
        _("Status in the plan (B/V/N)"),
        [_("In the plan"), _("Measures"), _("Share (%)")],
        [[count.label, count.count, count.percent] for count in content.by_plan_status],
    )
    _section(
        rows,
        _("Progress per policy line"),
        [_("Policy line"), _("Measures"), _("Completed"), _("Average completion (%)")],
        [
            [f"{g.number}. {g.title}", g.measures, g.completed, g.average_percent]
            for g in content.by_policy_line
        ],
    )
    _section(
        rows,
        _("Progress per portfolio"),
        [_("Portfolio"), _("Measures"), _("Completed"), _("Average completion (%)")]
        + [_("Titles as printed")],
        [
            [g.name, g.measures, g.completed, g.average_percent, g.titles_text]
            for g in content.by_portfolio
        ],
    )
    rows.append()
    _summary_budget(rows, content)
    rows.write()


def _summary_facts(rows: _Rows, content: ReportContent) -> None:
    """The round's facts, one per row, each value in the format of its kind."""
    round_ = content.round
    facts = [
        (_("Edition"), content.edition_label, "text"),
        (
            _("Reporting period"),
            f"{round_.period_start:%Y-%m-%d} – {round_.period_end:%Y-%m-%d}",
            "text",
        ),
        (_("Situation at the end of the period"), round_.situation_date, "date"),
        (_("Closed"), round_closed_text(round_), "text"),
        (_("Measures"), content.total, "text"),
        (_("Average completion (%)"), content.average_percent, "text"),
        (_("Measures completed"), content.completed, "text"),
        (_("Measures updated in this round"), content.updated_in_round, "text"),
        (_("Measures without an update in this round"), content.not_updated_in_round, "text"),
    ]
    for label, value, kind in facts:
        rows.append(_with_font(xlsx_row(rows.sheet, [label, value], ["text", kind]), LABEL_FONT))


def _summary_budget(rows: _Rows, content: ReportContent) -> None:
    budget = content.budget
    totals = [
        (_("One-off amounts (EUR)"), budget.one_off, "euro"),
        (_("Annual amounts (EUR per year)"), budget.annual, "euro"),
        (_("Annual amounts over their periods (EUR)"), budget.annual_over_period, "euro"),
        (
            _("Annual amounts without a period (EUR per year)"),
            budget.annual_without_period,
            "euro",
        ),
        (_("Amounts per dossier (EUR)"), budget.per_dossier, "euro"),
        (_("Staff (FTE)"), budget.fte, "fte"),
        (_("Measures with a euro amount"), budget.euro_measures, "number"),
        (_("Measures with staff (FTE)"), budget.fte_measures, "number"),
        (
            _("Measures within the regular resources only"),
            budget.regular_resources_only_measures,
            "number",
        ),
    ]
    rows.append(_text_row(rows.sheet, _("Budget totals"), SECTION_FONT))
    rows.append(xlsx_header_row(rows.sheet, [_("Kind"), _("Total")], **HEADER_STYLE))
    for label, value, kind in totals:
        rows.append(xlsx_row(rows.sheet, [label, value], ["text", kind]))


def _status_chart(sheet, header_row: int, last_row: int) -> None:
    chart = BarChart()
    chart.type = "bar"
    chart.title = _("Measures by implementation status")
    chart.legend = None
    chart.y_axis.title = _("Measures")
    data = Reference(sheet, min_col=2, min_row=header_row, max_row=last_row)
    categories = Reference(sheet, min_col=1, min_row=header_row + 1, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    chart.height, chart.width = 7, 14
    sheet.add_chart(chart, "F4")


def _recurrence_label(recurrence: str | None) -> str:
    """ "One-off", "Annual" or "Per dossier" in the edition's language, not the stored code."""
    return str(BudgetLine.Recurrence(recurrence).label) if recurrence else ""


def _budget_line_values(code: str, line: dict, yes_no: tuple[str, str]) -> list:
    return [
        code,
        line.get("source_text", ""),
        _decimal(line.get("amount")),
        _decimal(line.get("fte")),
        _recurrence_label(line.get("recurrence")),
        line.get("period_start"),
        line.get("period_end"),
        line.get("label", ""),
        yes_no[0] if line.get("regular_resources") else yes_no[1],
    ]


def _budget_sheet(sheet, content: ReportContent) -> None:
    labels = [
        _("Measure"),
        _("As printed in the plan"),
        _("Amount (EUR)"),
        _("FTE"),
        _("Recurrence"),
        _("First year"),
        _("Last year"),
        _("Funding source or label"),
        _("Within the regular resources"),
    ]
    for index, width in enumerate([9, 60, 16, 8, 12, 10, 10, 30, 12], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    last_line = 1 + sum(len(entry.budget_lines) for entry in content.measures)
    _declare_size(sheet, len(labels), last_line + 5)  # an empty row and four totals below
    sheet.append(xlsx_header_row(sheet, labels, **HEADER_STYLE))
    styles = xlsx_row_styles(sheet, BUDGET_LINE_KINDS)
    columns = sheet.table_columns(xlsx_row(sheet, [None] * len(labels), styles=styles))
    yes_no = (_("yes"), _("no"))
    for entry in content.measures:
        for line in entry.budget_lines:
            values = _budget_line_values(entry.code, line, yes_no)
            texts = [xlsx_text(value) if isinstance(value, str) else value for value in values]
            sheet.append_values(texts, columns)
    sheet.append([])
    budget = content.budget
    for label, value in (
        (_("Total one-off (EUR)"), budget.one_off),
        (_("Total annual (EUR per year)"), budget.annual),
        (_("Total per dossier (EUR)"), budget.per_dossier),
    ):
        sheet.append(
            _with_font(xlsx_row(sheet, [label, None, value], BUDGET_LINE_KINDS[:3]), LABEL_FONT)
        )
    cells = xlsx_row(sheet, [_("Total FTE"), None, None, budget.fte], ["text"] * 3 + ["fte"])
    sheet.append(_with_font(cells, LABEL_FONT))
    sheet.auto_filter.ref = f"A1:I{last_line}"
    if last_line > 1:
        _as_excel_table(sheet, "BudgetLines", labels)


def _change_values(change) -> list:
    return [
        change.code,
        change.status_before_label,
        change.status_after_label,
        change.percent_before,
        change.percent_after,
    ]


def _changes_sheet(sheet, content: ReportContent) -> None:
    changes = content.changes
    rows = _Rows(sheet)
    if changes.previous is None:
        text = _("This is the first report: there is no earlier report to compare with.")
        rows.append(xlsx_row(sheet, [text]))
        rows.write()
        return
    for index, width in enumerate([10, 18, 18, 16, 80], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    rows.append(_text_row(sheet, round_compared_text(changes.previous), SECTION_FONT))
    _section(
        rows,
        _("Measures whose status or completion changed"),
        [
            _("Measure"),
            _("Status before"),
            _("Status now"),
            _("Completion before (%)"),
            _("Completion now (%)"),
        ],
        [_change_values(change) for change in changes.measures],
    )
    for title, updates in (
        (_("New progress updates"), changes.new_updates),
        (_("Removed progress updates"), changes.removed_updates),
    ):
        _section(
            rows,
            title,
            [_("Measure"), _("Date"), _("Status"), _("Completion (%)"), _("Narrative")],
            [
                [u.measure_code, u.reported_on, u.status_label, u.percent, u.narrative]
                for u in updates
            ],
            UPDATE_KINDS,
        )
    rows.write()
