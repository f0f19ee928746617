"""Recording progress updates over the API: the permission rule of the pages, validation with
field-level errors, and no lost updates (409 for a stale write)."""

import pytest
from rest_framework.test import APIClient

from measures.models import Measure, ProgressUpdate
from tests.api.conftest import OTHER_MEASURE, OWN_MEASURE, session_client, token_client

pytestmark = pytest.mark.django_db


def payload(**overrides) -> dict:
    data = {
        "implementation_status": "on_track",
        "progress_percent": 35,
        "narrative": "Two reference consultants trained.",
        "visibility": "public",
        "evidence_links": ["https://example.org/report.pdf"],
    }
    data.update(overrides)
    return data


def post(client, code: str, headers=None, **overrides):
    return client.post(
        f"/api/v1/measures/{code}/progress-updates/",
        payload(**overrides),
        format="json",
        headers=headers or {},
    )


# role: (a measure of their own actor, a measure of another actor)
MATRIX = {
    "platform_admin": (201, 201),
    "coordinator": (201, 403),
    "other_coordinator": (403, 201),
    "evaluator": (403, 403),
    "ministry_viewer": (403, 403),
    "no_role": (403, 403),
}


@pytest.mark.parametrize("role", MATRIX)
@pytest.mark.parametrize("auth", ["token", "session"])
def test_who_may_record_progress_on_which_measure(users, role, auth):
    make_client = token_client if auth == "token" else session_client
    client = make_client(users[role])
    own, other = MATRIX[role]
    for code, expected in ((OWN_MEASURE, own), (OTHER_MEASURE, other)):
        before = ProgressUpdate.objects.filter(measure__code=code).count()
        response = post(client, code)
        assert response.status_code == expected, (role, code, response.content)
        after = ProgressUpdate.objects.filter(measure__code=code).count()
        assert after == before + (1 if expected == 201 else 0)
        if expected == 403:
            assert response.json()["code"] == "permission_denied"


@pytest.mark.parametrize("code", [OWN_MEASURE, OTHER_MEASURE])
def test_anonymous_clients_may_not_record_progress(anonymous, plan, code):
    response = post(anonymous, code)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not ProgressUpdate.objects.exists()


def test_a_recorded_update_becomes_the_measures_progress(users):
    client = token_client(users["coordinator"])
    measure = Measure.objects.get(code=OWN_MEASURE)
    response = post(client, OWN_MEASURE, expected_version=measure.version)
    assert response.status_code == 201
    body = response.json()
    update = ProgressUpdate.objects.get()
    assert body["id"] == update.pk
    assert body["measure"] == OWN_MEASURE
    assert body["author"] == "coord-wvg"
    assert body["evidence_links"] == ["https://example.org/report.pdf"]
    assert response["Location"].endswith(f"/api/v1/progress-updates/{update.pk}/")
    assert update.author == users["coordinator"]
    detail = client.get(f"/api/v1/measures/{OWN_MEASURE}/").json()
    assert detail["implementation_status"] == "on_track"
    assert detail["progress_percent"] == 35
    assert detail["version"] == measure.version + 1


def test_an_internal_update_stays_internal(users, anonymous):
    client = token_client(users["coordinator"])
    assert post(client, OWN_MEASURE, visibility="internal", progress_percent=70).status_code == 201
    assert anonymous.get(f"/api/v1/measures/{OWN_MEASURE}/").json()["progress_percent"] == 0
    assert client.get(f"/api/v1/measures/{OWN_MEASURE}/").json()["progress_percent"] == 70


@pytest.mark.parametrize("status", ["delayed", "discontinued"])
def test_a_delayed_or_discontinued_update_needs_a_reason(users, status):
    client = token_client(users["coordinator"])
    response = post(client, OWN_MEASURE, implementation_status=status)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["errors"]) == ["reason"]
    assert (
        post(
            client, OWN_MEASURE, implementation_status=status, reason="Waiting for funds."
        ).status_code
        == 201
    )


def test_invalid_fields_are_reported_field_by_field(users):
    client = token_client(users["coordinator"])
    response = post(
        client,
        OWN_MEASURE,
        implementation_status="finished",
        progress_percent=140,
        narrative="   ",
        visibility="secret",
        evidence_links=["not a link", "https://example.org/ok"],
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {
        "implementation_status",
        "progress_percent",
        "narrative",
        "visibility",
        "evidence_links.0",
    }
    assert all(isinstance(message, str) for messages in errors.values() for message in messages)
    assert not ProgressUpdate.objects.exists()


def test_rules_of_the_service_are_field_errors_too(users):
    client = token_client(users["coordinator"])
    future = post(client, OWN_MEASURE, reported_on="2999-01-01")
    assert future.status_code == 400 and list(future.json()["errors"]) == ["reported_on"]
    ftp = post(client, OWN_MEASURE, evidence_links=["ftp://example.org/file"])
    assert ftp.status_code == 400 and list(ftp.json()["errors"]) == ["evidence_links"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reported_on", "0001-01-01"),
        ("reported_on", "1999-12-31"),
        ("narrative", "Two consultants\u000btrained."),
        ("reason", "Waiting\u0007 for funds."),
    ],
)
def test_a_date_long_past_or_a_control_character_is_a_field_error(users, field, value):
    response = post(token_client(users["coordinator"]), OWN_MEASURE, **{field: value})
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["errors"]) == [field]
    assert not ProgressUpdate.objects.exists()


def test_an_unknown_plan_is_a_400_and_a_known_one_finds_the_measure(users, plan):
    client = token_client(users["coordinator"])
    url = f"/api/v1/measures/{OWN_MEASURE}/progress-updates/"
    unknown = client.post(f"{url}?plan=no-such-plan", payload(), format="json")
    assert unknown.status_code == 400
    assert list(unknown.json()["errors"]) == ["plan"]
    assert not ProgressUpdate.objects.exists()
    known = client.post(f"{url}?plan={plan.code}", payload(), format="json")
    assert known.status_code == 201
    assert known.json()["measure"] == OWN_MEASURE


def test_a_body_that_is_not_json_is_a_400(users):
    client = token_client(users["coordinator"])
    response = client.post(
        f"/api/v1/measures/{OWN_MEASURE}/progress-updates/",
        "{not json",
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_an_unknown_measure_is_a_404(users):
    response = post(token_client(users["platform_admin"]), "99.9")
    assert response.status_code == 404


# --- Stale writes ----------------------------------------------------------------------------


def test_a_stale_expected_version_is_a_409_and_writes_nothing(users):
    client = token_client(users["coordinator"])
    version = Measure.objects.get(code=OWN_MEASURE).version
    assert post(client, OWN_MEASURE, expected_version=version).status_code == 201
    stale = post(client, OWN_MEASURE, expected_version=version, narrative="Lost?")
    assert stale.status_code == 409
    body = stale.json()
    assert body["code"] == "stale_write"
    assert body["errors"]["expected_version"] == [f"The measure is now at version {version + 1}."]
    # The API's wording, not the update page's ("Your text is kept below").
    assert body["detail"] == (
        f"Measure {OWN_MEASURE} was changed by someone else since version {version}; "
        "fetch it again and retry with its current version."
    )
    assert ProgressUpdate.objects.count() == 1


def test_without_a_version_the_update_is_recorded_on_the_current_one(users):
    client = token_client(users["coordinator"])
    assert post(client, OWN_MEASURE).status_code == 201
    assert post(client, OWN_MEASURE).status_code == 201


def test_if_match_with_the_measures_etag_guards_the_write(users):
    client = token_client(users["coordinator"])
    etag = client.get(f"/api/v1/measures/{OWN_MEASURE}/")["ETag"]
    assert post(client, OWN_MEASURE, headers={"If-Match": etag}).status_code == 201
    stale = post(client, OWN_MEASURE, headers={"If-Match": etag})
    assert stale.status_code == 409
    assert "If-Match" in stale.json()["errors"]
    fresh = client.get(f"/api/v1/measures/{OWN_MEASURE}/")["ETag"]
    assert fresh != etag
    assert post(client, OWN_MEASURE, headers={"If-Match": fresh}).status_code == 201


def test_if_match_may_carry_the_version(users):
    client = token_client(users["coordinator"])
    version = Measure.objects.get(code=OWN_MEASURE).version
    assert post(client, OWN_MEASURE, headers={"If-Match": f'"{version + 5}"'}).status_code == 409
    assert post(client, OWN_MEASURE, headers={"If-Match": f'"{version}"'}).status_code == 201
    assert post(client, OWN_MEASURE, headers={"If-Match": "*"}).status_code == 201
    # A weak tag never matches for a write.
    current = Measure.objects.get(code=OWN_MEASURE).version
    assert post(client, OWN_MEASURE, headers={"If-Match": f'W/"{current}"'}).status_code == 409


def test_session_writes_need_the_csrf_token(users):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(users["coordinator"])  # client.login cannot: sign-in needs a request
    response = post(client, OWN_MEASURE)
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    client.get("/accounts/login/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    assert post(client, OWN_MEASURE, headers={"X-CSRFToken": token}).status_code == 201


def test_a_body_that_is_not_json_at_all_is_a_415(users):
    client = token_client(users["coordinator"])
    response = client.post(
        f"/api/v1/measures/{OWN_MEASURE}/progress-updates/",
        "implementation_status=on_track",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
