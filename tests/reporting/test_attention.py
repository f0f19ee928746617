"""What parliament asks first comes first: delayed and discontinued measures with their
reason, planned date and coordinator right after the summary; measures without an update in
the round in one table; empty sections left out; evidence links that can be followed."""

import datetime
import io

import pytest
from pypdf import PdfReader

from reporting.builders import build_pdf
from reporting.models import Edition
from reporting.selectors import report_content
from tests.reporting.conftest import FIRST_HALF, SECOND_HALF, closed_round, pdf_text, update

pytestmark = pytest.mark.django_db


def flat(text: str) -> str:
    return " ".join(text.split())


def section(text: str, heading: str, next_heading: str) -> str:
    start = text.index(heading, text.index(heading) + 1)  # past the contents page
    return text[start : text.index(next_heading, start)]


def test_the_attention_section_lists_a_delayed_measure_with_reason_date_and_coordinator(
    plan, platform_admin
):
    closed_round(plan, platform_admin, FIRST_HALF, title="First half")
    update(
        "5.1",
        platform_admin,
        datetime.date(2026, 8, 1),
        "delayed",
        20,
        reason="The tender found no bidder.",
        planned_date=datetime.date(2027, 3, 31),
        evidence_links=["https://example.org/tender-5-1"],
    )
    reporting_round = closed_round(plan, platform_admin, SECOND_HALF, title="Second half")
    content = report_content(reporting_round=reporting_round, edition=Edition.PUBLIC)
    coordinator = ", ".join(next(e for e in content.measures if e.code == "5.1").responsible)
    assert coordinator == "WVG"  # the plan names one actor for 5.1

    pdf = build_pdf(content)
    text = flat(pdf_text(pdf))

    attention = section(text, "Delayed and discontinued measures", "What changed since")
    assert "5.1" in attention and "Delayed" in attention
    assert "The tender found no bidder." in attention
    assert "31 March 2027" in attention and coordinator in attention
    changes = section(text, "What changed since", "Measures without an update")
    assert "5.1" in changes and "The tender found no bidder." in changes
    assert "progress updates removed" not in text and "progress update removed" not in text
    without_update = section(text, "Measures without an update in this round", "Policy line")
    assert "5.2" in without_update and "5.1 " not in without_update
    assert "No progress has been reported on this measure" not in text
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in PdfReader(io.BytesIO(pdf)).pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object() and "/URI" in annotation.get_object()["/A"]
    ]
    assert "https://example.org/tender-5-1" in links


def test_a_report_with_nothing_delayed_has_no_attention_section(plan, platform_admin):
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    content = report_content(reporting_round=reporting_round, edition=Edition.PUBLIC)

    text = flat(pdf_text(build_pdf(content)))

    assert "Delayed and discontinued measures" not in text
