"""Clients for the API tests (users of every role come from tests/conftest.py)."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from actors.services import api_token_create

# No test is throttled unless it asks to be (tests/api/test_throttling.py sets its own rates).
GENEROUS_RATES = {"anon": "100000/minute", "user": "100000/minute"}

OWN_MEASURE = "5.1"  # carried out by WVG alone
OTHER_MEASURE = "12.3"  # carried out by OV alone


@pytest.fixture(autouse=True)
def generous_throttle_rates(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": GENEROUS_RATES}
    cache.clear()  # throttle history lives in the cache
    yield
    cache.clear()


def token_client(user, name: str = "tool") -> APIClient:
    """A client that sends a fresh API token of `user`."""
    secret = api_token_create(user=user, name=name).secret
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def session_client(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()
