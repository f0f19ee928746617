"""With the shared cache (Redis) unreachable, the portal keeps answering: the request limits
that count in it fall back to a per-process count, with one warning in the log."""

import logging

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from actionplan.limit_cache import limit_cache
from measures.models import Measure
from tests.api.conftest import OWN_MEASURE, token_client
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "5/minute", "user": "50/minute"},
    }


def test_the_cache_fixture_really_is_unreachable(cache_down):
    with pytest.raises(Exception, match="(?i)connect"):
        cache.get("anything")


def test_anonymous_api_reads_answer_while_the_cache_is_down(plan, cache_down, strict_rates):
    client = APIClient(REMOTE_ADDR="203.0.113.7")
    for path in ("/api/v1/plans/", "/api/v1/measures/", f"/api/v1/measures/{OWN_MEASURE}/"):
        response = client.get(path)
        assert response.status_code == 200, (path, response.content[:200])
        assert response["Content-Type"].startswith("application/json")


def test_a_token_write_is_recorded_while_the_cache_is_down(coordinator, cache_down, strict_rates):
    client = token_client(coordinator)
    measure = Measure.objects.get(code=OWN_MEASURE)
    response = client.post(
        f"/api/v1/measures/{OWN_MEASURE}/progress-updates/",
        {
            "implementation_status": "on_track",
            "progress_percent": 55,
            "narrative": "Written while the cache was down.",
            "visibility": "public",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    measure.refresh_from_db()
    assert measure.progress_percent == 55


def test_pages_and_sign_in_answer_while_the_cache_is_down(coordinator, client, cache_down):
    for path in ("/", "/measures/", f"/measures/{OWN_MEASURE}/", "/accounts/login/"):
        assert client.get(path).status_code == 200, path
    # Sessions are kept in the database, not the cache: signing in works and lasts.
    signed_in = client.post(
        "/accounts/login/", {"username": coordinator.username, "password": PASSWORD}
    )
    assert signed_in.status_code == 302
    assert client.get("/account/tokens/").status_code == 200
    reset = client.post("/accounts/password_reset/", {"email": "coord-wvg@example.org"})
    assert reset.status_code == 302


def test_the_limit_still_holds_per_process_while_the_cache_is_down(plan, cache_down, strict_rates):
    client = APIClient(REMOTE_ADDR="203.0.113.9")
    answers = [client.get("/api/v1/plans/").status_code for _ in range(6)]
    assert answers == [200] * 5 + [429]


def test_the_outage_is_logged_once_not_on_every_request(plan, cache_down, caplog):
    client = APIClient()
    with caplog.at_level(logging.WARNING, logger="actionplan.limit_cache"):
        for _ in range(10):
            assert client.get("/api/v1/plans/").status_code == 200
    warnings = [r for r in caplog.records if r.name == "actionplan.limit_cache"]
    assert len(warnings) == 1
    assert "unreachable" in warnings[0].getMessage()


def test_the_shared_cache_is_used_again_once_it_answers(plan, cache_down, settings):
    client = APIClient()
    assert client.get("/api/v1/plans/").status_code == 200
    assert limit_cache.shared_cache_down
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    limit_cache._shared_down_until = 0.0  # the retry time has come
    assert client.get("/api/v1/plans/").status_code == 200
    assert not limit_cache.shared_cache_down
    assert cache.get("throttle_anon_127.0.0.1")  # counted in the shared cache again
