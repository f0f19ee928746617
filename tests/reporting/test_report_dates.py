"""A report states the situation at the end of its round's period and, apart, when and by whom
the round was closed: never the closing moment as the date of the data."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reporting.builders import build_pdf, build_xlsx
from reporting.models import Edition, ReportingRound
from reporting.selectors import report_content
from reporting.services import round_open
from tests.reporting.conftest import FIRST_HALF, SECOND_HALF, closed_round, pdf_text

pytestmark = pytest.mark.django_db

CLOSING_MOMENT = datetime.datetime(2026, 11, 30, 14, 13, tzinfo=datetime.UTC)


def closed_late(plan, by, period, title):
    """A round closed on 30 November 2026, months after its period ended."""
    reporting_round = closed_round(plan, by, period, title=title)
    ReportingRound.objects.filter(pk=reporting_round.pk).update(closed_at=CLOSING_MOMENT)
    return ReportingRound.objects.get(pk=reporting_round.pk)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_cover_shows_the_period_end_and_apart_the_closing_day(plan, platform_admin):
    reporting_round = closed_late(plan, platform_admin, FIRST_HALF, "First half")
    content = report_content(reporting_round=reporting_round, edition=Edition.PUBLIC)

    text = flat(pdf_text(build_pdf(content)))

    assert "Situation at the end of the period: 30 June 2026" in text
    assert f"Closed on 30 November 2026 by {platform_admin.get_username()}" in text
    assert "14:13" not in text


def test_the_summary_sheet_shows_the_period_end_not_the_closing_time(plan, platform_admin):
    reporting_round = closed_late(plan, platform_admin, FIRST_HALF, "First half")
    content = report_content(reporting_round=reporting_round, edition=Edition.PUBLIC)

    sheet = load_workbook(io.BytesIO(build_xlsx(content)))["Summary"]
    facts = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=3, max_row=12)}

    assert sheet["A3"].value == "Situation at the end of the period: 30 June 2026"
    assert facts["Situation at the end of the period"] == datetime.datetime(2026, 6, 30)
    assert facts["Closed"] == f"Closed on 30 November 2026 by {platform_admin.get_username()}"


def test_the_comparison_names_the_previous_period_end(plan, platform_admin):
    closed_late(plan, platform_admin, FIRST_HALF, "First half")
    reporting_round = closed_round(plan, platform_admin, SECOND_HALF, title="Second half")
    content = report_content(reporting_round=reporting_round, edition=Edition.PUBLIC)

    pdf = flat(pdf_text(build_pdf(content)))
    changes = load_workbook(io.BytesIO(build_xlsx(content)))["Changes"]

    compared = "Compared with the situation at 30 June 2026, as reported in “First half”."
    assert compared in pdf
    assert changes["A1"].value == compared
    assert "30 November 2026" not in changes["A1"].value


def test_the_round_page_and_the_closing_message_name_the_period_end(client, plan, evaluator):
    reporting_round = round_open(
        plan=plan,
        title="Third quarter",
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 9, 30),
        deadline=datetime.date(2026, 10, 15),
        opened_by=evaluator,
    )
    client.force_login(evaluator)

    response = client.post(
        reverse("reporting:round-close", args=[reporting_round.pk]), {"confirm": "yes"}, follow=True
    )

    page = flat(response.content.decode())
    assert "reported up to the end of the period, 30 September 2026" in page
    assert "as it stands now" not in page
    today = timezone.localdate().strftime("%-d %B %Y")
    assert f"Closed on {today} by {evaluator.get_username()}" in page
