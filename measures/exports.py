"""Exports of a measure list as CSV and XLSX: one row per measure, in the list's order.

Both formats share the columns and the values of `measure_export_rows`; euro totals come from
the budget roll-up (budgets.selectors), so that an export's totals are a page's totals. The
measures are those of `measures.selectors.measure_list`, with their relations prefetched: an
export makes no query of its own.
"""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from actionplan.html import html_to_text
from actionplan.spreadsheets import csv_text, xlsx_text
from budgets.selectors import BudgetTotals, budget_line_text, budget_rollup, measure_budget_totals
from measures.models import ImplementationStatus, Measure

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int  # in characters, for the XLSX
    kind: str = "text"  # text, long_text, number, euro, fte, percent, date


COLUMNS = [
    Column("code", gettext_lazy("Code"), 8),
    Column("plan_status", gettext_lazy("B/V/N"), 7),
    Column("policy_line", gettext_lazy("Policy line"), 10, "number"),
    Column("action", gettext_lazy("Action"), 8, "number"),
    Column("description", gettext_lazy("Description"), 80, "long_text"),
    Column("actors", gettext_lazy("Actors (coordinator marked)"), 36, "long_text"),
    Column("ministers", gettext_lazy("Ministers"), 44, "long_text"),
    Column("budget", gettext_lazy("Budget"), 44, "long_text"),
    Column("one_off", gettext_lazy("One-off (EUR)"), 14, "euro"),
    Column("annual", gettext_lazy("Annual (EUR per year)"), 14, "euro"),
    Column("annual_over_period", gettext_lazy("Annual over its period (EUR)"), 16, "euro"),
    Column("per_dossier", gettext_lazy("Per dossier (EUR)"), 13, "euro"),
    Column("euro_as_printed", gettext_lazy("Euro as printed (EUR)"), 15, "euro"),
    Column("fte", gettext_lazy("FTE"), 7, "fte"),
    Column("regular_resources", gettext_lazy("Within the regular resources"), 13),
    Column("implementation_status", gettext_lazy("Implementation status"), 18),
    Column("progress", gettext_lazy("Completion (%)"), 12, "percent"),
    Column("last_update", gettext_lazy("Last update"), 12, "date"),
]


def actors_text(measure: Measure) -> str:
    """ "KB (coordinator); OV; WVG": the actors in the plan's order, coordinators marked."""
    return "; ".join(
        _("%(code)s (coordinator)") % {"code": link.actor.code}
        if link.is_coordinator
        else link.actor.code
        for link in measure.actor_links.all()
    )


def ministers_text(measure: Measure) -> str:
    # Ministers' titles hold commas, so they are separated by semicolons.
    return "; ".join(link.minister.title for link in measure.minister_links.all())


def budget_text(measure: Measure) -> str:
    return "; ".join(budget_line_text(line) for line in measure.budget_lines.all())


def measure_export_row(measure: Measure) -> dict:
    """A measure as the values of the export's columns (numbers as numbers)."""
    totals: BudgetTotals = measure_budget_totals(measure)
    last_update = measure.visible_last_update_at
    return {
        "code": measure.code,
        "plan_status": measure.plan_status,
        "policy_line": measure.action.policy_line.number,
        "action": measure.action.number,
        "description": html_to_text(measure.description),
        "actors": actors_text(measure),
        "ministers": ministers_text(measure),
        "budget": budget_text(measure),
        "one_off": totals.one_off,
        "annual": totals.annual,
        "annual_over_period": totals.annual_over_period,
        "per_dossier": totals.per_dossier,
        "euro_as_printed": totals.euro_as_printed,
        "fte": totals.fte,
        "regular_resources": _("yes") if totals.regular_resources_measures else _("no"),
        "implementation_status": str(ImplementationStatus(measure.visible_status).label),
        "progress": measure.visible_percent,
        "last_update": timezone.localdate(last_update) if last_update else None,
    }


def measure_export_rows(measures: Iterable[Measure]) -> list[dict]:
    return [measure_export_row(measure) for measure in measures]


def measures_csv(measures: Iterable[Measure]) -> str:
    """The measures as CSV (comma-separated, a header row, numbers without thousands
    separators, dates as YYYY-MM-DD). Starts with a byte-order mark so that spreadsheet
    programs read it as UTF-8."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([str(column.header) for column in COLUMNS])
    for row in measure_export_rows(measures):
        writer.writerow([_csv_value(row[column.key]) for column in COLUMNS])
    return out.getvalue()


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return csv_text(value)


NUMBER_FORMATS = {
    "euro": "#,##0",
    "fte": "0.0#",
    "number": "0",
    "percent": "0",
    "date": "yyyy-mm-dd",
}


def measures_xlsx(measures: Iterable[Measure]) -> bytes:
    """The measures as an XLSX workbook: a sheet "Measures" (header row, frozen header and code
    column, filters, readable column widths, numbers as numbers) and a sheet "Budget totals"
    with the roll-up of the same measures."""
    measures = list(measures)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Measures"))
    _write_table(
        sheet,
        [str(column.header) for column in COLUMNS],
        [[row[column.key] for column in COLUMNS] for row in measure_export_rows(measures)],
        COLUMNS,
    )
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    _write_totals_sheet(workbook.create_sheet(str(_("Budget totals"))), measures)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _write_table(sheet, headers: list[str], rows: list[list], columns: list[Column]) -> None:
    sheet.append(headers)
    header_fill = PatternFill("solid", fgColor="DDE3E8")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for values in rows:
        sheet.append([xlsx_text(value) if isinstance(value, str) else value for value in values])
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        number_format = NUMBER_FORMATS.get(column.kind)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
            if number_format:
                cell.number_format = number_format
            cell.alignment = wrap if column.kind == "long_text" else top


TOTAL_COLUMNS = [
    Column("label", gettext_lazy("Measures of this list"), 60, "long_text"),
    Column("measures", gettext_lazy("Measures"), 10, "number"),
    Column("one_off", gettext_lazy("One-off (EUR)"), 14, "euro"),
    Column("annual", gettext_lazy("Annual (EUR per year)"), 14, "euro"),
    Column("annual_over_period", gettext_lazy("Annual over its period (EUR)"), 16, "euro"),
    Column("annual_without_period", gettext_lazy("Annual without a period (EUR)"), 16, "euro"),
    Column("per_dossier", gettext_lazy("Per dossier (EUR)"), 13, "euro"),
    Column("euro_as_printed", gettext_lazy("Euro as printed (EUR)"), 15, "euro"),
    Column("fte", gettext_lazy("FTE"), 7, "fte"),
    Column(
        "regular_resources_measures", gettext_lazy("Within the regular resources"), 13, "number"
    ),
]


def _totals_row(label: str, totals: BudgetTotals) -> list:
    return [label] + [getattr(totals, column.key) for column in TOTAL_COLUMNS[1:]]


def _write_totals_sheet(sheet, measures: list[Measure]) -> None:
    rollup = budget_rollup(measures=measures)
    rows = [_totals_row(str(_("All measures of this list")), rollup.total)]
    rows += [
        _totals_row(_("Policy line %(label)s") % {"label": group.label}, group.totals)
        for group in rollup.by_policy_line
    ]
    rows += [_totals_row(group.label, group.totals) for group in rollup.by_action]
    _write_table(sheet, [str(column.header) for column in TOTAL_COLUMNS], rows, TOTAL_COLUMNS)
    sheet.freeze_panes = "B2"
    sheet.append([])
    sheet.append([str(_("Year")), str(_("Annual (EUR)")), str(_("One-off in that year (EUR)"))])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for year in rollup.by_year:
        sheet.append([year.year, year.annual, year.one_off])
        for cell in sheet[sheet.max_row][1:]:
            cell.number_format = NUMBER_FORMATS["euro"]
    if rollup.by_period or rollup.one_off_without_period:
        sheet.append([])
        sheet.append([str(_("One-off amounts not in a single year")), str(_("Amount (EUR)"))])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for period in rollup.by_period:
            sheet.append([f"{period.first_year}–{period.last_year}", period.one_off])
            sheet[sheet.max_row][1].number_format = NUMBER_FORMATS["euro"]
        sheet.append([str(_("No period given")), rollup.one_off_without_period])
        sheet[sheet.max_row][1].number_format = NUMBER_FORMATS["euro"]
