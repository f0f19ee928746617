"""Exports of a measure list as CSV and XLSX: one row per measure, in the list's order.

Both formats write `measures.rows.MEASURE_COLUMNS` (the columns of every tabular output) with
the writers of actionplan.spreadsheets; euro totals come from the budget roll-up
(budgets.selectors), so that an export's totals are a page's totals. The measures are those of
`measures.selectors.measure_list`, read in batches as plain rows with their relations as the
API list reads them (measures.api.list_rows), without a model instance per measure: the CSV
is streamed and the XLSX written in openpyxl's write-only mode, so that an export's memory does
not grow with the number of measures.
"""

import tempfile
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from actionplan.remembered import remembering
from actionplan.spreadsheets import (
    DEFAULT_CSV,
    Column,
    CsvDialect,
    csv_lines,
    xlsx_header_row,
    xlsx_row,
    xlsx_table,
)
from actionplan.xlsx_stream import streamed_sheet
from budgets.selectors import BudgetTotals, budget_rollup
from measures.api.list_rows import measure_relations
from measures.models import Measure
from measures.rows import (
    LIST_ROW_FIELDS,
    MEASURE_COLUMNS,
    MeasureFacts,
    budget_columns,
    list_row_facts,
    measure_facts,
)

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Measures read from the database at a time, with their relations: memory holds one batch.
EXPORT_BATCH = 500
# Bytes of CSV handed to the server at a time.
CSV_CHUNK = 64 * 1024


def measures_in_batches(measures: Iterable[Measure]) -> Iterator[MeasureFacts]:
    """The facts of a measure list's measures. A queryset is read as plain rows (no model
    instance), EXPORT_BATCH measures at a time with their actors, ministers and budget lines
    (three queries a batch); any other iterable of measures is read as it is."""
    if not isinstance(measures, QuerySet):
        yield from map(measure_facts, measures)
        return
    rows = measures.prefetch_related(None).values(*LIST_ROW_FIELDS).iterator(EXPORT_BATCH)
    while batch := list(islice(rows, EXPORT_BATCH)):
        relations = measure_relations([row["pk"] for row in batch])
        yield from (list_row_facts(row, relations) for row in batch)


def measures_csv_chunks(
    measures: Iterable[Measure], dialect: CsvDialect = DEFAULT_CSV
) -> Iterator[bytes]:
    """The measures as CSV (see actionplan.spreadsheets.csv_table) in `dialect`, in chunks of
    about CSV_CHUNK bytes, for a streaming response. Each chunk is written remembering what
    stays the same through the export (actionplan.remembered)."""
    lines = csv_lines(MEASURE_COLUMNS, measures_in_batches(measures), dialect=dialect)
    memo: dict = {}
    while True:
        with remembering(memo):  # around each chunk: the response resumes us between them
            chunk = _next_chunk(lines)
        if not chunk:
            return
        yield chunk.encode("utf-8")


def _next_chunk(lines: Iterator[str]) -> str:
    """The next lines, about CSV_CHUNK characters of them ("" when there are none left)."""
    buffer: list[str] = []
    size = 0
    for line in lines:
        buffer.append(line)
        size += len(line)
        if size >= CSV_CHUNK:
            break
    return "".join(buffer)


def measures_xlsx(
    measures: Iterable[Measure], *, about: list[tuple[str, str]] | None = None
) -> IO[bytes]:
    """The measures as an XLSX workbook in a temporary file, to be sent as it is read: a
    sheet "Measures" (header row, frozen header and code column, filters, readable column
    widths, numbers as numbers) and a sheet "Budget totals" with the roll-up of the same
    measures, and, given `about` (pairs of a label and a text), a sheet "Filters" that says
    which list this is.

    The workbook is write-only: rows go to the file as the measures are read in batches, so
    memory stays the same for any number of measures."""
    workbook = Workbook(write_only=True)
    with remembering():  # what stays the same through the export (actionplan.remembered)
        sheet = streamed_sheet(workbook, _("Measures"))
        xlsx_table(sheet, MEASURE_COLUMNS, measures_in_batches(measures))
    _write_totals_sheet(workbook.create_sheet(_("Budget totals")), measures)
    if about is not None:
        xlsx_table(workbook.create_sheet(_("Filters")), ABOUT_COLUMNS, about)
    out = tempfile.TemporaryFile()  # noqa: SIM115 (the response closes it once sent)
    workbook.save(out)
    out.seek(0)
    return out


# The "Filters" sheet's rows are (label, text) pairs.
ABOUT_COLUMNS = [
    Column("item", gettext_lazy("Item"), lambda row: row[0], "text", 28),
    Column("value", gettext_lazy("Value"), lambda row: row[1], "long_text", 90),
]

# The totals sheet's rows are (label, BudgetTotals) pairs.
TOTAL_COLUMNS = [
    Column("label", gettext_lazy("Measures of this list"), lambda row: row[0], "long_text", 60),
    Column("measures", gettext_lazy("Measures"), lambda row: row[1].measures, "number", 10),
    *budget_columns(lambda row: row[1]),
    Column(
        "annual_without_period",
        gettext_lazy("Annual without a period (EUR)"),
        lambda row: row[1].annual_without_period,
        "euro",
        16,
    ),
    Column(
        "regular_resources_only_measures",
        gettext_lazy("Within the regular resources only"),
        lambda row: row[1].regular_resources_only_measures,
        "number",
        13,
    ),
]


def _write_totals_sheet(sheet, measures: Iterable[Measure]) -> None:
    rollup = budget_rollup(measures=measures)
    rows: list[tuple[str, BudgetTotals]] = [(_("All measures of this list"), rollup.total)]
    rows += [
        (_("Policy line %(label)s") % {"label": group.label}, group.totals)
        for group in rollup.by_policy_line
    ]
    rows += [(group.label, group.totals) for group in rollup.by_action]
    xlsx_table(sheet, TOTAL_COLUMNS, rows)
    sheet.auto_filter.ref = None
    sheet.append([])
    _euro_rows(
        sheet,
        [_("Year"), _("Annual (EUR)"), _("One-off in that year (EUR)")],
        [[year.year, year.annual, year.one_off] for year in rollup.by_year],
    )
    if rollup.by_period or rollup.one_off_without_period:
        sheet.append([])
        periods = [
            [f"{period.first_year}–{period.last_year}", period.one_off]
            for period in rollup.by_period
        ]
        _euro_rows(
            sheet,
            [_("One-off amounts not in a single year"), _("Amount (EUR)")],
            [*periods, [_("No period given"), rollup.one_off_without_period]],
        )


def _euro_rows(sheet, headers: list[str], rows: list[list]) -> None:
    """A small table below the sheet's last row: its first column a label, the others euro."""
    sheet.append(xlsx_header_row(sheet, headers))
    for values in rows:
        sheet.append(xlsx_row(sheet, values, ["text"] + ["euro"] * (len(values) - 1)))
