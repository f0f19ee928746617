"""Completion dates outside 2000–2100 and text-direction controls are refused, by the update
form and the API alike, with a message that says what to change (in English and Dutch)."""

import pytest
from django.test import Client

from measures.models import Measure, ProgressUpdate
from tests.api.conftest import OWN_MEASURE, token_client

pytestmark = pytest.mark.django_db

# U+202E RIGHT-TO-LEFT OVERRIDE makes "fdp.exe" display as "exe.pdf".
OVERRIDDEN = "Report attached: \u202efdp.exe"


def api_update(client, **overrides):
    body = {
        "implementation_status": "on_track",
        "progress_percent": 35,
        "narrative": "Two reference consultants trained.",
        **overrides,
    }
    return client.post(f"/api/v1/measures/{OWN_MEASURE}/progress-updates/", body, format="json")


@pytest.mark.parametrize("field", ["planned_date", "actual_date"])
@pytest.mark.parametrize("value", ["0001-01-01", "1999-12-31", "2101-01-01", "9999-12-31"])
def test_completion_dates_outside_the_century_are_refused(coordinator, field, value):
    response = api_update(token_client(coordinator), **{field: value})
    assert response.status_code == 400
    assert response.json()["errors"][field] == ["Give a date from 2000-01-01 to 2100-12-31."]
    assert not ProgressUpdate.objects.exists()


def test_completion_dates_within_the_century_are_accepted(coordinator):
    response = api_update(
        token_client(coordinator), planned_date="2000-01-01", actual_date="2100-12-31"
    )
    assert response.status_code == 201, response.json()


@pytest.mark.parametrize("character", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e"])
def test_embedding_and_override_controls_are_refused_in_the_narrative(coordinator, character):
    response = api_update(token_client(coordinator), narrative=f"Done {character}here")
    assert response.status_code == 400
    assert response.json()["errors"]["narrative"] == [
        "Remove the text-direction control characters (invisible characters)."
    ]


@pytest.mark.parametrize("character", ["\u2066", "\u2067", "\u2068", "\u2069"])
def test_isolate_controls_are_refused_in_the_reason(coordinator, character):
    response = api_update(
        token_client(coordinator),
        implementation_status="delayed",
        reason=f"Waiting {character}for the budget",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["reason"]


def test_right_to_left_text_itself_is_fine(coordinator):
    response = api_update(token_client(coordinator), narrative="ورشة عمل في أنتويرب")
    assert response.status_code == 201


def test_the_update_form_refuses_them_in_dutch(coordinator):
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(coordinator)
    measure = Measure.objects.get(code=OWN_MEASURE)
    response = client.post(
        f"/measures/{OWN_MEASURE}/updates/new/",
        {
            "reported_on": "2026-11-20",
            "implementation_status": "on_track",
            "progress_percent": "35",
            "narrative": OVERRIDDEN,
            "reason": "",
            "evidence_links": "",
            "planned_date": "9999-12-31",
            "actual_date": "",
            "visibility": "public",
            "expected_version": str(measure.version),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Verwijder de tekens die de schrijfrichting sturen" in page
    assert "Geef een datum van 2000-01-01 tot 2100-12-31." in page
    assert not ProgressUpdate.objects.exists()
