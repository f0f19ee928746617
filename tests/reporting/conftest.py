"""Fixtures for reporting: rounds with recorded progress, report files kept in a temporary
MEDIA_ROOT. Users of each role come from tests/conftest.py."""

import datetime
import io

import pytest

from measures.models import Measure
from reporting.services import round_close, round_open
from tests.factories import record_update

FIRST_HALF = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
SECOND_HALF = (datetime.date(2026, 7, 1), datetime.date(2026, 11, 28))


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Report files go to a temporary folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def measure(code: str) -> Measure:
    return Measure.objects.get(code=code)


def update(code: str, author, day: datetime.date, status: str, percent: int, **extra):
    values = {
        "reported_on": day,
        "implementation_status": status,
        "progress_percent": percent,
        "narrative": extra.pop("narrative", f"Progress on {code} reported on {day}."),
    }
    if status in {"delayed", "discontinued"}:
        values.setdefault("reason", "Waiting for the partners.")
    values.update(extra)
    return record_update(measure(code), author, **values)


def closed_round(plan, by, period, title="Progress report"):
    reporting_round = round_open(
        plan=plan,
        title=title,
        period_start=period[0],
        period_end=period[1],
        deadline=period[1] + datetime.timedelta(days=14),
        opened_by=by,
    )
    return round_close(reporting_round=reporting_round, closed_by=by)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def xlsx_cells(data: bytes) -> dict[str, list[list]]:
    """Every sheet's cell values, row by row."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True)
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in workbook.worksheets
    }


@pytest.fixture
def fast_pdf(monkeypatch):
    """Skip WeasyPrint where a test is about something else than the PDF's content."""
    import reporting.builders

    monkeypatch.setattr(reporting.builders, "build_pdf", lambda content: b"%PDF-1.7 test\n")
