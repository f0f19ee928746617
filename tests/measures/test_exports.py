"""CSV and XLSX exports hold exactly the filtered list, in its order, with its totals."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from measures.models import Measure
from tests.factories import make_user, record_update

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "actor=WVG&plan_status=N",
    "actor=KB&budget=euro&ordering=-budget",
    "q=Opvoedingslijn",
    "year=2017&ordering=-code",
    "policy_line=5&ordering=status",
]


def csv_rows(client, query: str) -> list[dict]:
    response = client.get(f"/measures/export.csv?{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.streaming  # written as the measures are read
    text = response.getvalue().decode("utf-8")
    assert text.startswith("\ufeff")  # so that spreadsheet programs read UTF-8
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def xlsx_workbook(client, query: str):
    response = client.get(f"/measures/export.xlsx?{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response.streaming  # sent from a file, not held in memory
    return load_workbook(io.BytesIO(response.getvalue()))


def xlsx_rows(workbook) -> list[dict]:
    sheet = workbook["Measures"]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def total(rows: list[dict], column: str) -> Decimal:
    """A column's sum; an empty cell (no amount of that kind: not applicable) adds nothing."""
    return sum((Decimal(row[column]) for row in rows if row[column] not in ("", None)), Decimal())


def listed(client, query: str):
    response = client.get(f"/measures/?{query}")
    assert response.status_code == 200
    return response.context["measures"], response.context["budget_totals"]


@pytest.mark.parametrize("query", QUERIES)
def test_csv_rows_are_the_filtered_list_in_its_order_with_its_totals(client, plan, query):
    measures, listed_totals = listed(client, query)
    rows = csv_rows(client, query)
    assert [row["code"] for row in rows] == [measure.code for measure in measures]
    assert total(rows, "one_off") == listed_totals.one_off
    assert total(rows, "annual") == listed_totals.annual
    assert total(rows, "annual_over_period") == listed_totals.annual_over_period
    assert total(rows, "euro_as_printed") == listed_totals.euro_as_printed
    assert total(rows, "fte") == listed_totals.fte


@pytest.mark.parametrize("query", QUERIES)
def test_xlsx_rows_are_the_filtered_list_in_its_order_with_its_totals(client, plan, query):
    measures, listed_totals = listed(client, query)
    workbook = xlsx_workbook(client, query)
    rows = xlsx_rows(workbook)
    assert [row["code"] for row in rows] == [measure.code for measure in measures]
    assert total(rows, "one_off") == listed_totals.one_off
    assert total(rows, "annual") == listed_totals.annual
    assert total(rows, "euro_as_printed") == listed_totals.euro_as_printed
    totals = workbook["Budget totals"]
    header = [cell.value for cell in totals[1]]
    all_measures = dict(zip(header, [cell.value for cell in totals[2]], strict=True))
    assert all_measures["measures"] == len(measures)
    assert all_measures["one_off"] == listed_totals.one_off
    assert all_measures["annual_over_period"] == listed_totals.annual_over_period


def test_whole_plan_export_sums_to_the_euro_amounts_of_the_plan_text(client, plan):
    rows = csv_rows(client, "")
    assert len(rows) == 62
    assert total(rows, "euro_as_printed") == Decimal("8089443")


def test_csv_marks_coordinators_and_lists_ministers_and_budget_in_words(client, plan):
    rows = {row["code"]: row for row in csv_rows(client, "action=4,6")}
    assert rows["6.2"]["actors"] == "WVG (coordinator); WSE; OV; CJSM; KB"
    assert rows["6.2"]["ministers"].split("; ") == [
        "Minister for Welfare",
        "Minister for Work and Sport",
        "Minister for Education",
        "Minister for Culture",
        "Minister for Housing, Integration and Civic integration",
    ]
    assert rows["6.2"]["budget"] == "€200,000 per year; Within the regular resources"
    # One rule for "within the regular resources only": 6.2 also has a euro amount.
    assert rows["6.2"]["regular_resources_only"] == "false"
    assert rows["4.1"]["regular_resources_only"] == "false"
    assert rows["6.1"]["regular_resources_only"] == "true"
    assert rows["4.1"]["budget"] == "€568,311 per year, 2017–2018"
    assert rows["4.1"]["annual_over_period"] == "1136622"
    assert rows["4.2"]["annual_over_period"] == "9000000"
    assert rows["4.1"]["policy_line"] == "2"
    assert rows["4.1"]["description"].startswith("Financial support of municipalities")
    assert "<p>" not in rows["4.1"]["description"]


def test_xlsx_is_readable_header_frozen_panes_widths_numbers(client, plan):
    workbook = xlsx_workbook(client, "actor=WVG")
    sheet = workbook["Measures"]
    assert sheet.freeze_panes == "B2"
    assert sheet["A1"].value == "code" and sheet["A1"].font.bold
    assert sheet["A1"].comment.text == "Code"  # the heading in the reader's language
    assert sheet.auto_filter.ref == sheet.dimensions
    widths = {letter: sheet.column_dimensions[letter].width for letter in "AHIJ"}
    assert widths["A"] < 12 and widths["H"] >= 60 and widths["I"] >= 30 and widths["J"] >= 30
    assert sheet["H2"].alignment.wrap_text
    rows = xlsx_rows(workbook)
    row_5_8 = next(row for row in rows if row["code"] == "5.8")
    assert row_5_8["one_off"] == 546000  # a number, not text
    one_off = list(row_5_8).index("one_off") + 1
    assert sheet.cell(row=rows.index(row_5_8) + 2, column=one_off).number_format == "#,##0"


def test_exports_show_the_progress_the_reader_may_see(client, plan):
    coordinator = make_user("coord-wvg", "coordinator", ("WVG",))
    record_update(
        Measure.objects.get(code="5.1"),
        coordinator,
        implementation_status="delayed",
        progress_percent=30,
        reason="Staff left.",
        visibility="internal",
    )
    anonymous = {row["code"]: row for row in csv_rows(client, "action=5")}
    assert anonymous["5.1"]["implementation_status"] == "Not started"
    assert csv_rows(client, "implementation_status=delayed") == []
    client.force_login(make_user("ministry", "ministry_viewer"))
    signed_in = {row["code"]: row for row in csv_rows(client, "action=5")}
    assert signed_in["5.1"]["implementation_status"] == "Delayed"
    assert signed_in["5.1"]["progress_percent"] == "30"
    assert signed_in["5.1"]["last_update"] == timezone.localdate().isoformat()  # recorded today
    assert anonymous["5.1"]["last_update"] == ""


def test_text_that_looks_like_a_formula_stays_text(client, plan):
    Measure.objects.filter(code="1.2").update(
        description="<p>=HYPERLINK(&quot;x&quot;) K&amp;G</p>"
    )
    row = csv_rows(client, "q=1.2")[0]
    assert row["description"] == '\'=HYPERLINK("x") K&G'
    sheet = xlsx_workbook(client, "q=1.2")["Measures"]
    assert sheet["H2"].value == '=HYPERLINK("x") K&G'
    assert sheet["H2"].data_type == "s"


@pytest.mark.parametrize("export", ["export.csv", "export.xlsx"])
@pytest.mark.parametrize("query", ["actor=NOPE", "year=abc", "ordering=zzz", "minister=x"])
def test_an_invalid_query_is_a_clear_error_not_an_export(client, plan, export, query):
    response = client.get(f"/measures/{export}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Export not possible" in response.content.decode()


def test_export_is_offered_as_a_named_download(client, plan):
    response = client.get("/measures/export.xlsx?actor=WVG")
    assert response["Content-Disposition"].startswith('attachment; filename="measures-')
    assert response["Content-Disposition"].endswith('.xlsx"')


def test_exports_give_each_measure_its_title_beside_its_code(client, plan):
    titles = dict(Measure.objects.filter(plan=plan).values_list("code", "title"))
    csv_titles = {row["code"]: row["title"] for row in csv_rows(client, "action=5")}
    assert csv_titles and all(csv_titles[code] == titles[code] for code in csv_titles)
    workbook = xlsx_workbook(client, "action=5")
    assert {row["code"]: row["title"] for row in xlsx_rows(workbook)} == csv_titles
