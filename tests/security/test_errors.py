"""Rough edges answered cleanly: a disallowed Host is a 400, the API's errors are JSON in its
documented shape (400, 413, 500 included), nested JSON is refused."""

import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from actionplan.api.views import PlanViewSet
from tests.api.conftest import OWN_MEASURE, token_client

pytestmark = pytest.mark.django_db

ERROR_KEYS = {"status", "code", "detail", "errors"}


def assert_api_error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["status"] == status
    assert body["code"] == code
    assert body["detail"]
    return body


def post_update(client, body: bytes):
    return client.generic(
        "POST",
        f"/api/v1/measures/{OWN_MEASURE}/progress-updates/",
        body,
        content_type="application/json",
    )


def test_a_disallowed_host_is_a_bad_request_page(plan):
    response = Client().get("/measures/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_a_disallowed_host_on_the_api_is_a_json_bad_request(plan):
    response = APIClient().get("/api/v1/plans/", HTTP_HOST="attacker.example")
    assert_api_error(response, 400, "bad_request")


def test_deeply_nested_json_is_a_bad_request(coordinator):
    body = b'{"narrative": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    response = post_update(token_client(coordinator), body)
    error = assert_api_error(response, 400, "parse_error")
    assert "nested too deeply" in error["detail"]


def test_brackets_inside_strings_are_not_nesting(coordinator):
    body = {
        "implementation_status": "on_track",
        "progress_percent": 10,
        "narrative": "[[[[" * 100 + "{{{{" * 100,
        "expected_version": 1,
    }
    response = post_update(token_client(coordinator), json.dumps(body).encode())
    assert response.status_code in {201, 409}, response.json()


def test_a_body_over_the_upload_limit_is_a_json_413(coordinator, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    body = json.dumps({"narrative": "x" * 5_000}).encode()
    error = assert_api_error(post_update(token_client(coordinator), body), 413, "request_too_large")
    assert "2000" in error["detail"]


def test_a_form_body_over_the_upload_limit_on_the_api_is_a_json_413(coordinator, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    client = token_client(coordinator)
    response = client.post(
        f"/api/v1/measures/{OWN_MEASURE}/progress-updates/",
        "narrative=" + "x" * 5_000,
        content_type="application/x-www-form-urlencoded",
    )
    # Not a body this API reads (JSON only), but never an HTML page either.
    assert response["Content-Type"].startswith("application/json")
    assert response.status_code in {413, 415}


def test_a_server_error_on_the_api_is_json(plan, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(PlanViewSet, "list", fail)
    client = APIClient(raise_request_exception=False)
    body = assert_api_error(client.get("/api/v1/plans/"), 500, "server_error")
    assert "a bug" not in body["detail"]


def test_a_server_error_on_a_page_stays_a_page(plan, monkeypatch):
    from actionplan import views

    def fail(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views, "plan_get", fail)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
