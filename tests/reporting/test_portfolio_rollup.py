"""Reports roll up by portfolio: a portfolio counts the measures printed under any of its
titles, and the report shows those titles beside it (PDF, XLSX); each measure row names its
portfolios (XLSX, CSV)."""

import csv
import io

import pytest

from actors.models import Minister, Portfolio
from measures.models import Measure
from reporting.builders import build_csv, build_pdf, build_xlsx
from reporting.models import Edition
from reporting.selectors import report_content
from tests.reporting.conftest import FIRST_HALF, closed_round, pdf_text, update, xlsx_cells

pytestmark = pytest.mark.django_db


def youth_and_media() -> tuple[Portfolio, list[str], set[str]]:
    """The portfolio, its printed titles and the codes of the measures under any of them."""
    portfolio = Portfolio.objects.get(slug="youth-and-media")
    titles = sorted(portfolio.titles.values_list("title", flat=True))
    codes = set(
        Measure.objects.filter(ministers__portfolio=portfolio).values_list("code", flat=True)
    )
    return portfolio, titles, codes


def test_the_report_rolls_up_by_portfolio_with_its_printed_titles(plan, platform_admin):
    portfolio, titles, codes = youth_and_media()
    assert len(titles) > 1 and len(codes) > 1  # the plan prints it under several titles
    completed = sorted(codes)[0]
    update(completed, platform_admin, FIRST_HALF[0], "completed", 100)
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)

    content = report_content(reporting_round=reporting_round, edition=Edition.INTERNAL)

    group = next(group for group in content.by_portfolio if group.key == portfolio.slug)
    assert group.name == portfolio.name
    assert group.titles == titles
    assert group.measures == len(codes)
    assert group.completed == 1
    # No printed title of the portfolio stands as a group of its own.
    assert not {g.name for g in content.by_portfolio} & set(titles)


def test_the_report_files_show_the_portfolio_roll_up_and_each_measures_portfolios(
    plan, platform_admin
):
    portfolio, titles, codes = youth_and_media()
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    content = report_content(reporting_round=reporting_round, edition=Edition.PUBLIC)

    summary = xlsx_cells(build_xlsx(content))["Summary"]
    row = next(row for row in summary if row[0] == portfolio.name)
    assert row[1] == len(codes) and row[4] == "; ".join(titles)
    text = " ".join(pdf_text(build_pdf(content)).split())
    assert "Progress per portfolio" in text and portfolio.name in text
    rows = list(csv.DictReader(io.StringIO(build_csv(content).decode("utf-8-sig"))))
    in_portfolio = {r["code"] for r in rows if portfolio.name in r["portfolios"].split("; ")}
    assert in_portfolio == codes


def test_a_report_keeps_the_portfolios_as_they_stood_when_the_round_closed(plan, platform_admin):
    portfolio, titles, codes = youth_and_media()
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    moved = Portfolio.objects.create(slug="media-alone", name="Media alone")
    Minister.objects.filter(title="Minister for Media").update(portfolio=moved)

    content = report_content(reporting_round=reporting_round, edition=Edition.PUBLIC)

    group = next(group for group in content.by_portfolio if group.key == portfolio.slug)
    assert group.titles == titles and group.measures == len(codes)
    assert "Media alone" not in {g.name for g in content.by_portfolio}
