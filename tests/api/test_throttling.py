"""Too many requests are refused with 429 and Retry-After: per address for anonymous clients,
per user for signed-in ones."""

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "5/minute"},
    }


def test_anonymous_clients_are_throttled_per_address(plan, low_rates):
    client = APIClient(REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        assert client.get("/api/v1/plans/").status_code == 200
    refused = client.get("/api/v1/plans/")
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0
    elsewhere = APIClient(REMOTE_ADDR="203.0.113.8")
    assert elsewhere.get("/api/v1/plans/").status_code == 200


def test_signed_in_clients_are_throttled_per_user_at_their_own_rate(users, low_rates):
    client = token_client(users["evaluator"])
    for _ in range(5):
        assert client.get("/api/v1/plans/").status_code == 200
    assert client.get("/api/v1/plans/").status_code == 429
    # Another token of the same user shares the user's allowance.
    assert token_client(users["evaluator"], name="second").get("/api/v1/plans/").status_code == 429
    assert token_client(users["coordinator"]).get("/api/v1/plans/").status_code == 200


def test_writes_count_too(users, low_rates):
    client = token_client(users["coordinator"])
    url = "/api/v1/measures/5.1/progress-updates/"
    body = {"implementation_status": "on_track", "progress_percent": 5, "narrative": "News."}
    statuses = [client.post(url, body, format="json").status_code for _ in range(6)]
    assert statuses == [201] * 5 + [429]
