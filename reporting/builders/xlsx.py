"""The report as an XLSX workbook to analyse: a summary sheet, one row per measure, a budget
sheet (one row per budget line) and the changes since the previous report.

Every text goes through `actionplan.spreadsheets.xlsx_text` and into a cell typed as text, so
that a narrative such as `=HYPERLINK(...)` is shown as written, never run as a formula, and a
stray control character in stored data cannot stop the workbook from being built.
"""

import datetime
import io
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from actionplan.spreadsheets import xlsx_text
from reporting.selectors import MeasureEntry, ReportContent

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B4F8A")
TITLE_FONT = Font(bold=True, size=14, color="0B3D6B")
SECTION_FONT = Font(bold=True, size=11, color="0B3D6B")
EUR_FORMAT = '#,##0.00 "€"'
WRAP = Alignment(wrap_text=True, vertical="top")


def measure_columns() -> list[tuple[str, int]]:
    """The columns of one measure row (shared by the Measures sheet and the CSV)."""
    return [
        (_("Code"), 8),
        (_("Policy line"), 8),
        (_("Action"), 8),
        (_("Status in the plan (B/V/N)"), 10),
        (_("Implementation status"), 16),
        (_("Completion (%)"), 12),
        (_("Date of the latest update"), 14),
        (_("Updates in the round"), 10),
        (_("Narrative"), 60),
        (_("Reason"), 30),
        (_("Coordinators"), 14),
        (_("Partners"), 24),
        (_("Ministers"), 30),
        (_("Budget as printed"), 40),
        (_("One-off amount (EUR)"), 16),
        (_("Annual amount (EUR)"), 16),
        (_("Per dossier (EUR)"), 14),
        (_("FTE"), 8),
        (_("Within the regular resources"), 12),
        (_("Description"), 60),
    ]


def measure_row(entry: MeasureEntry) -> list:
    budget = entry.budget
    return [
        entry.code,
        entry.policy_line_number,
        entry.action_number,
        entry.plan_status,
        entry.status_label,
        entry.percent,
        entry.reported_on,
        entry.updates_in_round,
        entry.narrative,
        entry.reason,
        ", ".join(entry.coordinators),
        ", ".join(entry.partners),
        "; ".join(entry.ministers),
        entry.budget_as_printed,
        budget.one_off or None,
        budget.annual or None,
        budget.per_dossier or None,
        budget.fte or None,
        _("yes") if budget.regular_resources_measures else _("no"),
        entry.description_text,
    ]


def _cell(sheet, row: int, column: int, value):
    """Write `value` to a cell: text cleaned and typed as text, anything else as it is."""
    if not isinstance(value, str):
        return sheet.cell(row=row, column=column, value=value)
    cell = sheet.cell(row=row, column=column, value=xlsx_text(value))
    cell.data_type = "s"  # text, never a formula
    return cell


def _append(sheet, values: list) -> None:
    """Append a row of values, its texts written as `_cell` writes them."""
    sheet.append([xlsx_text(value) if isinstance(value, str) else value for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # text, never a formula


def _header(sheet, row: int, labels: list[str]) -> None:
    for column, label in enumerate(labels, start=1):
        cell = _cell(sheet, row, column, label)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _naive_local(moment: datetime.datetime) -> datetime.datetime:
    """Spreadsheets know no time zones: the portal's local time, as people read it."""
    return timezone.localtime(moment).replace(tzinfo=None)


def _naive_utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC).replace(tzinfo=None)


def _number(value):
    return float(value) if isinstance(value, Decimal) else value


def build_xlsx(content: ReportContent) -> bytes:
    workbook = Workbook()
    _summary_sheet(workbook.active, content)
    _measures_sheet(workbook.create_sheet(_("Measures")), content)
    _budget_sheet(workbook.create_sheet(_("Budget")), content)
    _changes_sheet(workbook.create_sheet(_("Changes")), content)
    workbook.properties.title = xlsx_text(f"{content.round.title} – {content.plan.title}")[:250]
    workbook.properties.creator = xlsx_text(content.plan.government)
    if content.round.closed_at:
        # Stamped with the moment the round closed, so a rebuilt workbook is the same.
        workbook.properties.created = _naive_utc(content.round.closed_at)
        workbook.properties.modified = _naive_utc(content.round.closed_at)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _summary_sheet(sheet, content: ReportContent) -> None:
    sheet.title = _("Summary")
    round_ = content.round
    _cell(sheet, 1, 1, content.plan.title).font = TITLE_FONT
    _cell(sheet, 2, 1, round_.title).font = SECTION_FONT
    facts = [
        (_("Edition"), content.edition_label),
        (_("Reporting period"), f"{round_.period_start:%Y-%m-%d} – {round_.period_end:%Y-%m-%d}"),
        (_("Situation as at"), _naive_local(round_.closed_at) if round_.closed_at else ""),
        (_("Measures"), content.total),
        (_("Average completion (%)"), content.average_percent),
        (_("Measures completed"), content.completed),
        (_("Measures updated in this round"), content.updated_in_round),
        (_("Measures without an update in this round"), content.not_updated_in_round),
    ]
    row = 4
    for label, value in facts:
        _cell(sheet, row, 1, label).font = Font(bold=True)
        cell = _cell(sheet, row, 2, value)
        if label == _("Situation as at"):
            cell.number_format = "yyyy-mm-dd hh:mm"
        row += 1

    row += 1
    _cell(sheet, row, 1, _("Implementation status")).font = SECTION_FONT
    row += 1
    _header(sheet, row, [_("Status"), _("Measures"), _("Share (%)")])
    status_first = row + 1
    for count in content.by_status:
        row += 1
        _cell(sheet, row, 1, count.label)
        _cell(sheet, row, 2, count.count)
        _cell(sheet, row, 3, count.percent)
    status_last = row

    row += 2
    _cell(sheet, row, 1, _("Status in the plan (B/V/N)")).font = SECTION_FONT
    row += 1
    _header(sheet, row, [_("In the plan"), _("Measures"), _("Share (%)")])
    for count in content.by_plan_status:
        row += 1
        _cell(sheet, row, 1, count.label)
        _cell(sheet, row, 2, count.count)
        _cell(sheet, row, 3, count.percent)

    row += 2
    _cell(sheet, row, 1, _("Progress per policy line")).font = SECTION_FONT
    row += 1
    _header(
        sheet,
        row,
        [_("Policy line"), _("Measures"), _("Completed"), _("Average completion (%)")],
    )
    for group in content.by_policy_line:
        row += 1
        _cell(sheet, row, 1, f"{group.number}. {group.title}")
        _cell(sheet, row, 2, group.measures)
        _cell(sheet, row, 3, group.completed)
        _cell(sheet, row, 4, group.average_percent)

    row += 2
    _cell(sheet, row, 1, _("Budget totals")).font = SECTION_FONT
    row += 1
    _header(sheet, row, [_("Kind"), _("Total")])
    budget = content.budget
    for label, value, number_format in (
        (_("One-off amounts (EUR)"), budget.one_off, EUR_FORMAT),
        (_("Annual amounts (EUR per year)"), budget.annual, EUR_FORMAT),
        (_("Annual amounts over their periods (EUR)"), budget.annual_over_period, EUR_FORMAT),
        (
            _("Annual amounts without a period (EUR per year)"),
            budget.annual_without_period,
            EUR_FORMAT,
        ),
        (_("Amounts per dossier (EUR)"), budget.per_dossier, EUR_FORMAT),
        (_("Staff (FTE)"), budget.fte, "0.00"),
        (_("Measures with a euro amount"), budget.euro_measures, "0"),
        (_("Measures with staff (FTE)"), budget.fte_measures, "0"),
        (
            _("Measures within the regular resources only"),
            budget.regular_resources_only_measures,
            "0",
        ),
    ):
        row += 1
        _cell(sheet, row, 1, label)
        cell = _cell(sheet, row, 2, _number(value))
        cell.number_format = number_format

    chart = BarChart()
    chart.type = "bar"
    chart.title = _("Measures by implementation status")
    chart.legend = None
    chart.y_axis.title = _("Measures")
    data = Reference(sheet, min_col=2, min_row=status_first - 1, max_row=status_last)
    categories = Reference(sheet, min_col=1, min_row=status_first, max_row=status_last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    chart.height, chart.width = 7, 14
    sheet.add_chart(chart, "F4")

    sheet.column_dimensions["A"].width = 48
    for column in "BCD":
        sheet.column_dimensions[column].width = 16


def _measures_sheet(sheet, content: ReportContent) -> None:
    columns = measure_columns()
    _header(sheet, 1, [label for label, _width in columns])
    for entry in content.measures:
        _append(sheet, [_number(value) for value in measure_row(entry)])
    for index, (_label, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    last = sheet.max_row
    for row in sheet.iter_rows(min_row=2, max_row=last):
        for cell in row:
            cell.alignment = WRAP
        row[6].number_format = "yyyy-mm-dd"
        for cell in row[14:17]:
            cell.number_format = EUR_FORMAT
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"


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
    _header(sheet, 1, labels)
    for entry in content.measures:
        for line in entry.budget_lines:
            _append(
                sheet,
                [
                    entry.code,
                    line.get("source_text", ""),
                    float(line["amount"]) if line.get("amount") is not None else None,
                    float(line["fte"]) if line.get("fte") is not None else None,
                    line.get("recurrence") or "",
                    line.get("period_start"),
                    line.get("period_end"),
                    line.get("label", ""),
                    _("yes") if line.get("regular_resources") else _("no"),
                ],
            )
            sheet.cell(row=sheet.max_row, column=3).number_format = EUR_FORMAT
    last_line = sheet.max_row
    sheet.append([])
    budget = content.budget
    for label, value in (
        (_("Total one-off (EUR)"), budget.one_off),
        (_("Total annual (EUR per year)"), budget.annual),
        (_("Total per dossier (EUR)"), budget.per_dossier),
    ):
        _append(sheet, [label, None, float(value)])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        sheet.cell(row=sheet.max_row, column=3).number_format = EUR_FORMAT
    _append(sheet, [_("Total FTE"), None, None, float(budget.fte)])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    for index, width in enumerate([9, 60, 16, 8, 12, 10, 10, 30, 12], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:I{last_line}"


def _changes_sheet(sheet, content: ReportContent) -> None:
    changes = content.changes
    if changes.previous is None:
        _cell(
            sheet, 1, 1, _("This is the first report: there is no earlier report to compare with.")
        )
        return
    compared = _("Compared with: %(title)s") % {"title": changes.previous.title}
    _cell(sheet, 1, 1, compared).font = SECTION_FONT
    row = 3
    _cell(sheet, row, 1, _("Measures whose status or completion changed")).font = SECTION_FONT
    row += 1
    _header(
        sheet,
        row,
        [
            _("Measure"),
            _("Status before"),
            _("Status now"),
            _("Completion before (%)"),
            _("Completion now (%)"),
        ],
    )
    for change in changes.measures:
        row += 1
        for column, value in enumerate(
            [
                change.code,
                change.status_before_label,
                change.status_after_label,
                change.percent_before,
                change.percent_after,
            ],
            start=1,
        ):
            _cell(sheet, row, column, value)
    for title, updates in (
        (_("New progress updates"), changes.new_updates),
        (_("Removed progress updates"), changes.removed_updates),
    ):
        row += 2
        _cell(sheet, row, 1, title).font = SECTION_FONT
        row += 1
        _header(
            sheet,
            row,
            [_("Measure"), _("Date"), _("Status"), _("Completion (%)"), _("Narrative")],
        )
        for update in updates:
            row += 1
            for column, value in enumerate(
                [
                    update.measure_code,
                    update.reported_on,
                    update.status_label,
                    update.percent,
                    update.narrative,
                ],
                start=1,
            ):
                cell = _cell(sheet, row, column, value)
                cell.alignment = WRAP
            sheet.cell(row=row, column=2).number_format = "yyyy-mm-dd"
    for index, width in enumerate([10, 18, 18, 16, 80], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
