"""Schemathesis against the served schema, with the plan loaded: over every operation, no
server error and no response that breaks the schema, for an anonymous client and for a
platform administrator's token (who may write)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    allow_header_conformance,
    content_type_conformance,
    ignored_auth,
    missing_required_header,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from actionplan.wsgi import application
from actors.services import api_token_create
from tests.factories import make_user

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    # Data the schema forbids (a wrong type, a value outside an enum or a range, a missing
    # required field, an unknown parameter) is refused with a 4xx, never served.
    negative_data_rejection,
    missing_required_header,
    unsupported_method,
    allow_header_conformance,
    ignored_auth,
]


@pytest.fixture
def admin_headers(plan) -> dict:
    admin = make_user("schemathesis-admin", "platform_admin")
    return {"Authorization": f"Bearer {api_token_create(user=admin, name='schemathesis').secret}"}


# schemathesis calls the WSGI application in-process, as host "localhost": the schema is read
# from the served endpoint when the tests are collected, and every call is made to the app.
with override_settings(ALLOWED_HOSTS=["localhost"]):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture(autouse=True)
def localhost_allowed(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]


@pytest.fixture(autouse=True)
def keep_the_test_connection_open():
    """schemathesis calls the WSGI app directly, whose request signals would close the
    database connection that holds the test's transaction (Django's test client unhooks
    them the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# schemathesis asks for gzip, as HTTP clients do, but its WSGI transport hands the body over
# undecoded: ask for the bytes as they are (compression has tests of its own).
IDENTITY = {"Accept-Encoding": "identity"}

HYPOTHESIS = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@schema.parametrize()
@HYPOTHESIS
def test_every_operation_conforms_to_the_schema_for_anonymous_clients(case, plan):
    case.call_and_validate(headers=IDENTITY, checks=CHECKS)


@schema.parametrize()
@HYPOTHESIS
def test_every_operation_conforms_to_the_schema_for_a_platform_administrator(case, admin_headers):
    case.call_and_validate(headers={**admin_headers, **IDENTITY}, checks=CHECKS)
