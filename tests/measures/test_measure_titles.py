"""Every measure has a short title from the plan's own words (recorded in the fixture), and
every surface that names a measure gives its code and title."""

import csv
import io
import json
from io import StringIO

import pytest
import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils.html import escape
from openpyxl import load_workbook

from measures.models import Measure
from reporting.builders import build_csv, build_xlsx
from reporting.models import Edition
from reporting.selectors import report_content
from tests.factories import record_update
from tests.reporting.conftest import FIRST_HALF, closed_round

pytestmark = pytest.mark.django_db

MEASURE = "5.1"  # WVG's alone; coord-wvg keeps it up to date


@pytest.fixture
def measure(plan) -> Measure:
    return Measure.objects.get(plan=plan, code=MEASURE)


def named(measure: Measure) -> str:
    """The measure as a page names it (escaped as HTML: titles hold apostrophes)."""
    return escape(f"{measure.code} {measure.title}")


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def fixture_document() -> dict:
    return yaml.safe_load(settings.PLAN_FIXTURE.read_text(encoding="utf-8"))


def test_every_measure_of_the_fixture_has_a_title_and_a_note_says_they_are_derived():
    document = fixture_document()
    titles = [measure.get("title") for measure in document["measures"]]
    assert len(titles) == 62 and all(title and title.strip() for title in titles)
    assert len(set(titles)) == len(titles)
    assert any("title is derived" in note for note in document["plan"]["notes"])


def test_titles_load_and_export_as_the_fixture_gives_them(plan):
    in_fixture = {m["code"]: m["title"] for m in fixture_document()["measures"]}
    assert dict(Measure.objects.filter(plan=plan).values_list("code", "title")) == in_fixture
    out = StringIO()
    call_command("export_plan", stdout=out)
    exported = {m["code"]: m["title"] for m in json.loads(out.getvalue())["measures"]}
    assert exported == in_fixture


def test_load_plan_shows_a_changed_title_and_apply_restores_it(measure):
    printed = measure.title
    Measure.objects.filter(pk=measure.pk).update(title="Renamed")
    out = StringIO()
    call_command("load_plan", stdout=out)
    assert f"measure {MEASURE}: title: " in out.getvalue()
    assert "'Renamed' -> " in out.getvalue()
    call_command("load_plan", "--apply", stdout=StringIO())
    measure.refresh_from_db()
    assert measure.title == printed


def test_the_measure_page_is_headed_by_code_and_title(client, measure):
    content = page(client, f"/measures/{MEASURE}/")
    assert f"<title>{named(measure)}" in content
    assert f"<h1>{named(measure)}" in content


def test_the_measure_list_names_each_row_by_code_and_title(client, measure):
    assert f">{named(measure)}</a>" in page(client, "/measures/?action=5")


def test_my_measures_name_each_measure_by_code_and_title(client, coordinator, measure):
    client.force_login(coordinator)
    content = page(client, "/measures/mine/")
    assert f'<span class="code">{measure.code}</span> {escape(measure.title)}</a>' in content


def test_the_actor_and_minister_pages_name_measures_by_code_and_title(client, measure):
    assert f">{named(measure)}</a>" in page(client, "/actors/WVG/")
    minister = measure.minister_links.first().minister
    slug = minister.portfolio.slug if minister.portfolio else minister.slug
    assert f">{named(measure)}</a>" in page(client, f"/ministers/{slug}/")


def test_the_plan_tree_names_measures_by_code_and_title(client, measure):
    assert f">{named(measure)}</a>" in page(client, "/plan/")


def test_the_dashboards_recent_updates_name_measures_by_code_and_title(
    client, coordinator, measure
):
    record_update(measure, coordinator)
    content = page(client, "/")
    recent = content[content.index('id="recent-heading"') : content.index('id="stale-heading"')]
    assert f">{named(measure)}</a>" in recent


def test_the_api_gives_each_measure_its_title_in_detail_list_and_schema(client, measure):
    detail = client.get(f"/api/v1/measures/{MEASURE}/").json()
    assert detail["title"] == measure.title
    listed = client.get("/api/v1/measures/?action=5").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert {row["code"]: row["title"] for row in rows}[MEASURE] == measure.title
    schema = client.get("/api/schema/?format=json").json()
    assert "title" in schema["components"]["schemas"]["Measure"]["properties"]


def test_the_admin_lists_measures_with_their_titles(client, measure):
    staff = get_user_model().objects.create_superuser("staff", "s@example.org", "pw-123456!")
    client.force_login(staff)
    assert escape(measure.title) in page(client, "/admin/measures/measure/?q=5.1")


def test_the_report_names_measures_by_code_and_title_in_its_sheet_and_csv(
    plan, platform_admin, measure
):
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    content = report_content(reporting_round=reporting_round, edition=Edition.PUBLIC)
    sheet = load_workbook(io.BytesIO(build_xlsx(content)))["Measures"]
    header = [cell.value for cell in sheet[1]]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[MEASURE][header.index("title")] == measure.title
    data = build_csv(content).decode("utf-8-sig")
    csv_rows = {row["code"]: row for row in csv.DictReader(io.StringIO(data))}
    assert csv_rows[MEASURE]["title"] == measure.title
