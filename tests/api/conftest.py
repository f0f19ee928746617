"""Clients and users for the API tests."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from rest_framework.test import APIClient

from actors.services import api_token_create
from tests.factories import PASSWORD, make_user

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


@pytest.fixture
def users(plan) -> dict:
    return {
        "platform_admin": make_user("admin", "platform_admin"),
        "coordinator": make_user("coord-wvg", "coordinator", ("WVG",)),
        "other_coordinator": make_user("coord-ov", "coordinator", ("OV",)),
        "evaluator": make_user("evaluator", "evaluator"),
        "ministry_viewer": make_user("ministry", "ministry_viewer"),
        # Signed in, but without a portal role (grant_role cannot make one).
        "no_role": get_user_model().objects.create_user(username="nobody", password=PASSWORD),
    }


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
