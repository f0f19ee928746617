"""Reports in Dutch and English: every heading, label and status in the edition's language,
money and dates in its style; the language is part of what makes two requests the same
report."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from reporting.models import Edition, ReportRun
from reporting.services import report_run_build, report_run_request
from tests.reporting.conftest import FIRST_HALF, closed_round, pdf_text, update

pytestmark = pytest.mark.django_db

DUTCH_MONEY = re.compile(r"€ \d{1,3}(\.\d{3})+\b")
ENGLISH_MONEY = re.compile(r"€\d{1,3}(,\d{3})+\b")


def built(reporting_round, language: str) -> ReportRun:
    run, _created = report_run_request(
        reporting_round=reporting_round, edition=Edition.PUBLIC, language=language, queue=False
    )
    return report_run_build(run_id=run.pk)


def test_the_dutch_edition_is_written_in_dutch_with_dutch_money_and_dates(plan, platform_admin):
    update("5.1", platform_admin, datetime.date(2026, 3, 1), "delayed", 20)
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF, title="Eerste helft")

    run = built(reporting_round, "nl")

    assert run.state == ReportRun.State.DONE, run.error_message
    text = " ".join(pdf_text(run.pdf_file.read()).split())
    for dutch in ("Samenvatting", "Uitvoeringsstatus", "Vertraagd"):
        assert dutch in text
    assert "Situatie op het einde van de periode: 30 juni 2026" in text
    assert DUTCH_MONEY.search(text) and not ENGLISH_MONEY.search(text)
    assert "Summary" not in text and "Delayed" not in text
    workbook = load_workbook(io.BytesIO(run.xlsx_file.read()))
    assert workbook.sheetnames[0] == "Samenvatting"
    summary = [cell for row in workbook["Samenvatting"].iter_rows(values_only=True) for cell in row]
    assert "Uitvoeringsstatus" in summary and "Vertraagd" in summary
    header = run.csv_file.read().decode("utf-8-sig").splitlines()[0]
    assert "implementation_status" in header.split(",")  # a data contract: stable column names


def test_the_english_edition_keeps_english_labels_and_money(plan, platform_admin, fast_pdf):
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)

    run = built(reporting_round, "en")

    workbook = load_workbook(io.BytesIO(run.xlsx_file.read()))
    assert workbook.sheetnames[0] == "Summary"


def test_the_language_is_part_of_what_makes_two_requests_the_same_report(plan, platform_admin):
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)

    def request(language):
        return report_run_request(
            reporting_round=reporting_round, edition=Edition.PUBLIC, language=language, queue=False
        )

    dutch, created_dutch = request("nl")
    again, created_again = request("nl-be")
    english, created_english = request("en")

    assert created_dutch and not created_again and again == dutch
    assert created_english and english != dutch
    assert ReportRun.objects.count() == 2


@pytest.mark.parametrize("language", ["nl", "en"])
def test_build_report_writes_the_three_files_in_either_language(
    plan, platform_admin, fast_pdf, tmp_path, language
):
    closed_round(plan, platform_admin, FIRST_HALF, title="First half")

    call_command(
        "build_report",
        "--edition",
        "public",
        "--language",
        language,
        "--output",
        str(tmp_path / "out"),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )

    names = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert names == [
        f"progress-report-first-half-public-{language}.{ext}" for ext in ("csv", "pdf", "xlsx")
    ]
    assert ReportRun.objects.get().language == language
