"""A report at a hundred times the plan: closing the round and reading the report make as many
queries for a few measures as for hundreds, and from COMPACT_LAYOUT_FROM measures on the PDF
gives each measure one line, still bookmarked and with its pages numbered "Page X of Y"."""

import datetime
import importlib
import io
import re

import pytest
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from bench.synthetic import synthetic_plan
from measures.models import Measure, ProgressUpdate
from reporting import builders
from reporting.builders.pdf import render_report_html
from reporting.models import Edition
from reporting.selectors import report_content
from reporting.services import round_close, round_open
from tests.reporting.conftest import FIRST_HALF, closed_round, pdf_text, update
from tests.reporting.test_accessible_files import outline_titles

pytestmark = pytest.mark.django_db


def with_updates(plan) -> None:
    """Two updates on each measure of `plan` in the first half of 2026, one of them public."""
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            measure=measure,
            reported_on=datetime.date(2026, 2, day),
            implementation_status="on_track",
            progress_percent=10 * day,
            narrative=f"Step {day} of {measure.code}.",
            visibility=visibility,
        )
        for measure in Measure.objects.filter(plan=plan)
        for day, visibility in ((1, "public"), (2, "internal"))
    )


def queries(action) -> int:
    """The queries `action` makes, apart from the INSERTs that write rows in batches (their
    number follows the rows and the database's limit on a statement's parameters)."""
    reset_queries()
    with CaptureQueriesContext(connection) as context:
        action()
    return sum(
        1 for query in context.captured_queries if not query["sql"].startswith("INSERT INTO")
    )


def close_and_read(plan) -> tuple[int, int]:
    """The queries of closing a round of `plan` (INSERTs apart), and of reading and writing its report
    (content, the PDF's HTML, the workbook and the CSV) in both editions."""
    reporting_round = round_open(
        plan=plan,
        title="First half",
        period_start=FIRST_HALF[0],
        period_end=FIRST_HALF[1],
        deadline=FIRST_HALF[1],
    )
    closing = queries(lambda: round_close(reporting_round=reporting_round))

    def read():
        for edition in Edition.values:
            content = report_content(reporting_round=reporting_round, edition=edition)
            render_report_html(content)
            builders.build_xlsx(content)
            builders.build_csv(content)

    return closing, queries(read)


def test_closing_and_reporting_make_as_many_queries_for_10_as_for_600_measures(plan):
    few, many = synthetic_plan("ten", 10), synthetic_plan("many", 600)
    with_updates(few)
    with_updates(many)

    assert close_and_read(few) == close_and_read(many)


def test_a_compact_report_bookmarks_each_measure_on_its_line_and_numbers_its_pages(
    plan, platform_admin, monkeypatch
):
    # The module, not the function of the same name that reporting.selectors exports.
    selector_module = importlib.import_module("reporting.selectors.report_content")
    monkeypatch.setattr(selector_module, "COMPACT_LAYOUT_FROM", 20)
    update("5.10", platform_admin, datetime.date(2026, 3, 1), "delayed", 40, visibility="public")
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    content = report_content(reporting_round=reporting_round, edition=Edition.PUBLIC)
    assert content.is_compact

    data = builders.build_pdf(content)

    reader = PdfReader(io.BytesIO(data))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    # Each measure's bookmark names it by code and title, on its line or in the table of
    # measures without an update.
    assert {entry.code_and_title for entry in content.measures} <= set(
        outline_titles(reader.outline)
    )
    pages = len(reader.pages)
    numbers = [int(n) for n in re.findall(rf"Page (\d+) of {pages}\b", pdf_text(data))]
    assert numbers == list(range(2, pages + 1))  # the cover has no page number
    text = " ".join(pdf_text(data).split())  # lines joined: a sentence may wrap
    assert "Progress on 5.10 reported on 2026-03-01." in text
    assert "each measure updated in this round is one line" in text
