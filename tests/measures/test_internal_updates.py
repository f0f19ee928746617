"""An anonymous visitor never sees an internal update, on any page."""

import pytest
from django.urls import reverse

from measures.models import Measure
from tests.factories import make_user, record_update

pytestmark = pytest.mark.django_db

SECRET = "Internal only: the partner withdrew its funding"


@pytest.fixture
def internal_update(plan):
    coordinator = make_user("coord-wvg", "coordinator", ("WVG",))
    measure = Measure.objects.get(code="5.1")
    record_update(
        measure,
        coordinator,
        implementation_status="on_track",
        progress_percent=30,
        narrative="Public: centres opened in 12 municipalities.",
        visibility="public",
    )
    record_update(
        measure,
        coordinator,
        implementation_status="delayed",
        progress_percent=35,
        narrative=SECRET,
        reason="Funding withdrawn internally.",
        visibility="internal",
    )
    return measure


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/plan/",
        "/measures/5.1/",
        "/measures/",
        "/measures/export.csv",
        "/actors/wvg/",
        "/api/v1/measures/5.1/",
        "/api/v1/measures/",
        "/api/v1/progress-updates/",
        "/api/v1/measures/5.1/progress-updates/",
    ],
)
def test_anonymous_visitor_never_sees_the_internal_narrative(client, internal_update, url):
    page = client.get(url, follow=True).getvalue().decode()
    assert SECRET not in page
    assert "Funding withdrawn internally." not in page


@pytest.mark.parametrize("url", ["/plan/", "/measures/5.1/"])
def test_anonymous_visitor_sees_the_public_status_not_the_internal_one(
    client, internal_update, url
):
    main = client.get(url).content.decode().split('id="main"', 1)[1]
    assert "status-delayed" not in main
    assert "status-on_track" in main


def test_anonymous_dashboard_counts_the_public_status(client, internal_update):
    summary = client.get("/").context["summary"]
    counts = {status: n for status, _label, n in summary["by_status"]}
    assert counts["delayed"] == 0
    assert counts["on_track"] == 1


def test_measure_page_shows_public_status_to_anonymous_and_internal_to_evaluators(
    client, internal_update
):
    anonymous_page = client.get("/measures/5.1/").content.decode()
    assert "30% complete" in anonymous_page
    assert "Public: centres opened in 12 municipalities." in anonymous_page

    client.force_login(make_user("evaluator", "evaluator"))
    evaluator_page = client.get(reverse("measures:detail", args=["5.1"])).content.decode()
    assert SECRET in evaluator_page
    assert "35% complete" in evaluator_page


def test_signed_in_user_without_a_role_sees_no_internal_update(client, internal_update):
    from django.contrib.auth import get_user_model

    nobody = get_user_model().objects.create_user("nobody", password="x-long-pass-1234")
    client.force_login(nobody)
    page = client.get("/measures/5.1/").content.decode()
    assert SECRET not in page
    assert "Funding withdrawn internally." not in page
    history = page[page.index("History of changes") :]
    assert "Delayed" not in history
    assert "On track" in history  # the public status change is shown


def test_an_update_made_public_later_does_not_show_its_internal_past(client, plan):
    from django.contrib.auth import get_user_model

    from measures.services import ProgressFields, progress_update_edit

    coordinator = make_user("coord-wvg", "coordinator", ("WVG",))
    measure = Measure.objects.get(code="5.1")
    update = record_update(measure, coordinator, narrative=SECRET, visibility="internal")
    measure.refresh_from_db()
    progress_update_edit(
        update=update,
        editor=coordinator,
        expected_version=measure.version,
        fields=ProgressFields(
            reported_on=update.reported_on,
            implementation_status="on_track",
            progress_percent=50,
            narrative="Now public: all centres open.",
            visibility="public",
        ),
    )
    nobody = get_user_model().objects.create_user("nobody", password="x-long-pass-1234")
    client.force_login(nobody)
    page = client.get("/measures/5.1/").content.decode()
    assert "Now public: all centres open." in page
    assert SECRET not in page


@pytest.mark.parametrize(
    "url",
    ["/measures/?implementation_status=delayed", "/api/v1/measures/?implementation_status=delayed"],
)
def test_filtering_on_the_internal_status_finds_nothing_for_anonymous_visitors(
    client, internal_update, url
):
    response = client.get(url)
    codes = (
        [m["code"] for m in response.json()["results"]]
        if url.startswith("/api/")
        else [m.code for m in response.context["measures"]]
    )
    assert codes == []


def test_the_xlsx_export_shows_anonymous_visitors_the_public_status(client, internal_update):
    from io import BytesIO

    from openpyxl import load_workbook

    response = client.get("/measures/export.xlsx", {"actor": "WVG"})
    sheet = load_workbook(BytesIO(response.getvalue())).worksheets[0]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "On track" in rows["5.1"] or "on_track" in rows["5.1"]
    assert not any(SECRET in str(cell) for row in rows.values() for cell in row)
    assert not any(str(cell) in {"Delayed", "delayed"} for cell in rows["5.1"])
