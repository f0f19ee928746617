"""CORS: public reads from any origin without credentials; credentials only for trusted
origins; writes from another origin only with a token."""

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db

ELSEWHERE = "https://notebook.example.org"
TRUSTED = "https://dashboard.example.gov"
PUBLIC_READS = [
    "/api/v1/measures/",
    "/api/v1/measures/?format=csv",
    "/api/schema/",
    "/measures/export.csv",
    "/feeds/progress.atom",
    "/api/v1/changes/",
]
WRITE = "/api/v1/measures/5.1/progress-updates/"
UPDATE = {"implementation_status": "on_track", "progress_percent": 5, "narrative": "News."}


@pytest.fixture(autouse=True)
def trusted_origin(settings):
    settings.CORS_TRUSTED_ORIGINS = [TRUSTED]


@pytest.mark.parametrize("url", PUBLIC_READS)
def test_public_reads_are_readable_from_any_origin_without_credentials(client, plan, url):
    response = client.get(url, HTTP_ORIGIN=ELSEWHERE)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "origin" in response["Vary"].lower()


def test_a_trusted_origin_may_read_with_credentials(client, plan):
    response = client.get("/api/v1/measures/", HTTP_ORIGIN=TRUSTED)
    assert response["Access-Control-Allow-Origin"] == TRUSTED
    assert response["Access-Control-Allow-Credentials"] == "true"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_pages_get_no_cors_headers(client, plan):
    response = client.get("/measures/", HTTP_ORIGIN=ELSEWHERE)
    assert "Access-Control-Allow-Origin" not in response


def test_a_preflight_for_a_token_write_is_allowed_without_credentials(client, plan):
    response = client.options(
        WRITE,
        HTTP_ORIGIN=ELSEWHERE,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "authorization" in response["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


def test_a_cross_origin_write_with_a_token_is_recorded(users):
    client = token_client(users["coordinator"])
    response = client.post(WRITE, UPDATE, format="json", HTTP_ORIGIN=ELSEWHERE)
    assert response.status_code == 201
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("origin", [ELSEWHERE, TRUSTED])
def test_a_cross_origin_write_with_the_session_cookie_is_refused(users, origin):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(users["coordinator"])
    response = client.post(WRITE, UPDATE, format="json", HTTP_ORIGIN=origin)
    assert response.status_code == 403
