"""The report files show stored text as written: never as a spreadsheet formula, never broken
by a stray control character, and the PDF's page headers without HTML escapes."""

import csv
import datetime
import io
import zipfile

import pytest
from django.utils import translation
from openpyxl import load_workbook

from actionplan.money import money_text
from measures.models import ProgressUpdate
from measures.rows import actors_text
from reporting.builders import build_csv, build_pdf, build_xlsx
from reporting.builders.rows import entry_facts
from reporting.models import Edition, ReportRun
from reporting.selectors import report_content
from reporting.services import report_run_build, report_run_request
from reporting.templatetags.reporting import css_string
from tests.reporting.conftest import FIRST_HALF, SECOND_HALF, closed_round, pdf_text, update

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x","y")'


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(
            archive.read(name).decode()
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
        )


def measure_cells(sheet, code: str) -> dict:
    """The cells of a measure's row on the Measures sheet, by header."""
    rows = sheet.iter_rows()
    headers = [cell.value for cell in next(rows)]
    return next(dict(zip(headers, row, strict=True)) for row in rows if row[0].value == code)


def find_cell(sheet, value):
    return next(cell for row in sheet.iter_rows() for cell in row if cell.value == value)


def test_a_narrative_that_looks_like_a_formula_is_text_in_the_workbook_and_the_csv(
    plan, platform_admin
):
    closed_round(plan, platform_admin, FIRST_HALF, title="First half")
    update("5.1", platform_admin, datetime.date(2026, 8, 1), "on_track", 30, narrative=FORMULA)
    reporting_round = closed_round(plan, platform_admin, SECOND_HALF, title="=SUM(1,2)")
    content = report_content(reporting_round=reporting_round, edition=Edition.INTERNAL)

    data = build_xlsx(content)
    assert "<f>" not in sheet_xml(data)  # not a single formula in the workbook
    workbook = load_workbook(io.BytesIO(data))
    narrative = measure_cells(workbook["Measures"], "5.1")["narrative"]
    assert (narrative.value, narrative.data_type) == (FORMULA, "s")
    changed = find_cell(workbook["Changes"], FORMULA)
    assert changed.data_type == "s"
    title = workbook["Summary"]["A2"]
    assert (title.value, title.data_type) == ("=SUM(1,2)", "s")

    rows = csv_rows(build_csv(content))
    narrative_column = rows[0].index("narrative")
    row_51 = next(row for row in rows if row[0] == "5.1")
    assert row_51[narrative_column] == "'" + FORMULA


def test_a_control_character_in_a_frozen_narrative_does_not_stop_the_report(plan, platform_admin):
    closed_round(plan, platform_admin, FIRST_HALF, title="First half")
    recorded = update("5.1", platform_admin, datetime.date(2026, 8, 1), "on_track", 30)
    # Data recorded before the progress service refused control characters.
    ProgressUpdate.objects.filter(pk=recorded.pk).update(
        narrative="Tender\x0bpublished in August.", reason="Waiting\x0cfor the partners."
    )
    reporting_round = closed_round(plan, platform_admin, SECOND_HALF, title="Second half")
    run, _ = report_run_request(
        reporting_round=reporting_round, edition=Edition.INTERNAL, queue=False
    )

    run = report_run_build(run_id=run.pk)

    assert run.state == ReportRun.State.DONE, run.error_message
    workbook = load_workbook(io.BytesIO(run.xlsx_file.read()))
    narrative = measure_cells(workbook["Measures"], "5.1")["narrative"]
    assert narrative.value == "Tenderpublished in August."
    assert find_cell(workbook["Changes"], "Tenderpublished in August.")
    csv_text = run.csv_file.read().decode("utf-8-sig")
    assert "Tenderpublished in August." in csv_text and "\x0b" not in csv_text
    assert "Tenderpublished in August." in " ".join(pdf_text(run.pdf_file.read()).split())


def test_the_pdf_page_headers_show_the_round_title_as_written(plan, platform_admin):
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF, title="Q&A 'x'")
    content = report_content(reporting_round=reporting_round, edition=Edition.PUBLIC)

    text = pdf_text(build_pdf(content))

    assert f"{plan.government} · Q&A 'x'" in text
    assert "&amp;" not in text and "&#x27;" not in text


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        ("Q&A 'x'", '"Q&A \\27 x\\27 "'),
        ('say "hi"', '"say \\22 hi\\22 "'),
        ("back\\slash", '"back\\5c slash"'),
        ("</style><p>x", '"\\3c /style\\3e \\3c p\\3e x"'),
        ("two\nlines", '"two lines"'),
        ("tab\x0bbed", '"tab bed"'),
        ("bell\x07", '"bell\\7 "'),
        (None, '""'),
    ],
)
def test_css_string_is_a_quoted_css_literal_that_cannot_end_the_style_element(value, literal):
    assert css_string(value) == literal
    assert "</" not in css_string(value)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_pdf_writes_money_and_actors_as_every_table_does(plan, platform_admin, language):
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    with translation.override(language):
        content = report_content(reporting_round=reporting_round, edition=Edition.PUBLIC)
        text = " ".join(pdf_text(build_pdf(content)).split())
        one_off = money_text(content.budget.one_off)
        # 6.2: a coordinator and four partners.
        entry = next(entry for entry in content.measures if entry.code == "6.2")
        actors = actors_text(entry_facts(entry, plan.code))

    assert one_off.startswith("€") and one_off in text
    assert actors.count("; ") == 4 and actors in text
