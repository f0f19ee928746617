"""The report as an XLSX workbook to analyse: a summary sheet, one row per measure, a budget
sheet (one row per budget line) and the changes since the previous report.

Every cell is written by actionplan.spreadsheets: texts typed as text, so that a narrative such
as `=HYPERLINK(...)` is shown as written, never run as a formula, and a stray control character
in stored data cannot stop the workbook from being built; money stays Decimal.
"""

import datetime
import io
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from actionplan.spreadsheets import (
    NUMBER_FORMATS,
    WRAP,
    xlsx_append,
    xlsx_cell,
    xlsx_header,
    xlsx_table,
    xlsx_text,
)
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
EUR_FORMAT = NUMBER_FORMATS["euro"]
FTE_FORMAT = NUMBER_FORMATS["fte"]


def _naive_utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC).replace(tzinfo=None)


def _decimal(value) -> Decimal | None:
    """An amount of a frozen budget line (a string) as a Decimal."""
    return None if value in (None, "") else Decimal(str(value))


def build_xlsx(content: ReportContent) -> bytes:
    workbook = Workbook()
    _summary_sheet(workbook.active, content)
    sheet = workbook.create_sheet(_("Measures"))
    xlsx_table(sheet, REPORT_MEASURE_COLUMNS, report_facts(content), **HEADER_STYLE)
    _as_excel_table(sheet, "Measures")
    _budget_sheet(workbook.create_sheet(_("Budget")), content)
    _changes_sheet(workbook.create_sheet(_("Changes")), content)
    workbook.properties.title = xlsx_text(f"{content.round.title} – {content.plan.title}")[:250]
    workbook.properties.creator = xlsx_text(content.plan.government)
    workbook.properties.language = translation.get_language()
    workbook.properties.subject = xlsx_text(content.edition_label)
    if content.round.closed_at:
        # Stamped with the moment the round closed, so a rebuilt workbook is the same.
        workbook.properties.created = _naive_utc(content.round.closed_at)
        workbook.properties.modified = _naive_utc(content.round.closed_at)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _as_excel_table(sheet, name: str) -> None:
    """Make the sheet's filtered range an Excel table (named, striped, read as a table by
    screen readers); a table brings its own filter."""
    ref = sheet.auto_filter.ref
    sheet.auto_filter.ref = None
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    sheet.add_table(table)


def _section(sheet, row: int, title: str, headers: list[str], rows: list[list]) -> int:
    """A titled table starting at `row`; returns the table's last row."""
    xlsx_cell(sheet, row, 1, title).font = SECTION_FONT
    xlsx_header(sheet, row + 1, headers, **HEADER_STYLE)
    for offset, values in enumerate(rows, start=row + 2):
        for column, value in enumerate(values, start=1):
            xlsx_cell(sheet, offset, column, value)
    return row + 1 + len(rows)


def _summary_sheet(sheet, content: ReportContent) -> None:
    sheet.title = _("Summary")
    xlsx_cell(sheet, 1, 1, content.plan.title).font = TITLE_FONT
    xlsx_cell(sheet, 2, 1, content.round.title).font = SECTION_FONT
    xlsx_cell(sheet, 3, 1, round_situation_text(content.round)).font = Font(bold=True)
    row = _summary_facts(sheet, content, 5) + 2
    status_header = row + 1
    row = _section(
        sheet,
        row,
        _("Implementation status"),
        [_("Status"), _("Measures"), _("Share (%)")],
        [[count.label, count.count, count.percent] for count in content.by_status],
    )
    _status_chart(sheet, status_header, row)
    row = _section(
        sheet,
        row + 2,
        _("Status in the plan (B/V/N)"),
        [_("In the plan"), _("Measures"), _("Share (%)")],
        [[count.label, count.count, count.percent] for count in content.by_plan_status],
    )
    row = _section(
        sheet,
        row + 2,
        _("Progress per policy line"),
        [_("Policy line"), _("Measures"), _("Completed"), _("Average completion (%)")],
        [
            [f"{g.number}. {g.title}", g.measures, g.completed, g.average_percent]
            for g in content.by_policy_line
        ],
    )
    row = _section(
        sheet,
        row + 2,
        _("Progress per portfolio"),
        [_("Portfolio"), _("Measures"), _("Completed"), _("Average completion (%)")]
        + [_("Titles as printed")],
        [
            [g.name, g.measures, g.completed, g.average_percent, g.titles_text]
            for g in content.by_portfolio
        ],
    )
    _summary_budget(sheet, content, row + 2)
    sheet.column_dimensions["A"].width = 48
    for column in "BCD":
        sheet.column_dimensions[column].width = 16


def _summary_facts(sheet, content: ReportContent, row: int) -> int:
    """The round's facts from `row` on, one per row; returns the last row."""
    round_ = content.round
    facts = [
        (_("Edition"), content.edition_label, None),
        (
            _("Reporting period"),
            f"{round_.period_start:%Y-%m-%d} – {round_.period_end:%Y-%m-%d}",
            None,
        ),
        (_("Situation at the end of the period"), round_.situation_date, "yyyy-mm-dd"),
        (_("Closed"), round_closed_text(round_), None),
        (_("Measures"), content.total, None),
        (_("Average completion (%)"), content.average_percent, None),
        (_("Measures completed"), content.completed, None),
        (_("Measures updated in this round"), content.updated_in_round, None),
        (_("Measures without an update in this round"), content.not_updated_in_round, None),
    ]
    for offset, (label, value, number_format) in enumerate(facts):
        xlsx_cell(sheet, row + offset, 1, label).font = Font(bold=True)
        cell = xlsx_cell(sheet, row + offset, 2, value)
        if number_format:
            cell.number_format = number_format
    return row + len(facts) - 1


def _summary_budget(sheet, content: ReportContent, row: int) -> None:
    budget = content.budget
    totals = [
        (_("One-off amounts (EUR)"), budget.one_off, EUR_FORMAT),
        (_("Annual amounts (EUR per year)"), budget.annual, EUR_FORMAT),
        (_("Annual amounts over their periods (EUR)"), budget.annual_over_period, EUR_FORMAT),
        (
            _("Annual amounts without a period (EUR per year)"),
            budget.annual_without_period,
            EUR_FORMAT,
        ),
        (_("Amounts per dossier (EUR)"), budget.per_dossier, EUR_FORMAT),
        (_("Staff (FTE)"), budget.fte, FTE_FORMAT),
        (_("Measures with a euro amount"), budget.euro_measures, "0"),
        (_("Measures with staff (FTE)"), budget.fte_measures, "0"),
        (
            _("Measures within the regular resources only"),
            budget.regular_resources_only_measures,
            "0",
        ),
    ]
    _section(
        sheet,
        row,
        _("Budget totals"),
        [_("Kind"), _("Total")],
        [[label, value] for label, value, _format in totals],
    )
    for offset, (_label, _value, number_format) in enumerate(totals, start=row + 2):
        sheet.cell(row=offset, column=2).number_format = number_format


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


def _budget_line_values(code: str, line: dict) -> list:
    return [
        code,
        line.get("source_text", ""),
        _decimal(line.get("amount")),
        _decimal(line.get("fte")),
        _recurrence_label(line.get("recurrence")),
        line.get("period_start"),
        line.get("period_end"),
        line.get("label", ""),
        _("yes") if line.get("regular_resources") else _("no"),
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
    xlsx_header(sheet, 1, labels, **HEADER_STYLE)
    for entry in content.measures:
        for line in entry.budget_lines:
            cells = xlsx_append(sheet, _budget_line_values(entry.code, line))
            cells[2].number_format = EUR_FORMAT
            cells[3].number_format = FTE_FORMAT
    last_line = sheet.max_row
    sheet.append([])
    budget = content.budget
    for label, value in (
        (_("Total one-off (EUR)"), budget.one_off),
        (_("Total annual (EUR per year)"), budget.annual),
        (_("Total per dossier (EUR)"), budget.per_dossier),
    ):
        cells = xlsx_append(sheet, [label, None, value])
        cells[0].font = Font(bold=True)
        cells[2].number_format = EUR_FORMAT
    cells = xlsx_append(sheet, [_("Total FTE"), None, None, budget.fte])
    cells[0].font = Font(bold=True)
    cells[3].number_format = FTE_FORMAT
    for index, width in enumerate([9, 60, 16, 8, 12, 10, 10, 30, 12], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:I{last_line}"
    if last_line > 1:
        _as_excel_table(sheet, "BudgetLines")


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
    if changes.previous is None:
        xlsx_cell(
            sheet, 1, 1, _("This is the first report: there is no earlier report to compare with.")
        )
        return
    compared = round_compared_text(changes.previous)
    xlsx_cell(sheet, 1, 1, compared).font = SECTION_FONT
    row = _section(
        sheet,
        3,
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
        first = row + 4
        row = _section(
            sheet,
            row + 2,
            title,
            [_("Measure"), _("Date"), _("Status"), _("Completion (%)"), _("Narrative")],
            [
                [u.measure_code, u.reported_on, u.status_label, u.percent, u.narrative]
                for u in updates
            ],
        )
        for cells in sheet.iter_rows(min_row=first, max_row=row, max_col=5):
            cells[1].number_format = NUMBER_FORMATS["date"]
            cells[4].alignment = WRAP
    for index, width in enumerate([10, 18, 18, 16, 80], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
