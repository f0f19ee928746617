"""/healthz/ says the process is alive; /readyz/ says which dependency is missing."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from actionplan.health import HEARTBEAT_STALE_AFTER, worker_heartbeat_record
from actionplan.tasks import record_worker_heartbeat
from tests.actionplan.conftest import closed_port

pytestmark = pytest.mark.django_db

REDIS = "redis://127.0.0.1:6379/2"


@pytest.fixture
def broker(settings):
    """A broker is configured (the Compose stack): point it where `url` says."""

    def configure(url: str) -> None:
        settings.CELERY_BROKER_URL = url

    cache.clear()  # no heartbeat from an earlier test
    yield configure
    cache.clear()


def readiness_of(client) -> tuple[int, dict]:
    response = client.get("/readyz/")
    return response.status_code, response.json()["checks"]


def test_liveness_asks_no_dependency(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_without_broker_says_what_is_not_configured(client):
    status, checks = readiness_of(client)
    assert status == 200
    assert checks["database"] == {"ok": True, "detail": "ok"}
    assert checks["broker"]["ok"] and "not configured" in checks["broker"]["detail"]
    assert checks["worker"]["ok"] and "not configured" in checks["worker"]["detail"]


def test_not_ready_while_the_cache_is_down(client, settings, cache_down):
    settings.CACHE_URL = "redis://unreachable"
    status, checks = readiness_of(client)
    assert status == 503
    assert checks["cache"]["ok"] is False
    assert checks["cache"]["detail"].startswith("unavailable")
    assert checks["database"]["ok"] is True


def test_not_ready_while_the_broker_is_down(client, broker):
    broker(f"redis://127.0.0.1:{closed_port()}/2")
    status, checks = readiness_of(client)
    assert status == 503
    assert checks["broker"]["ok"] is False
    assert checks["worker"] == {"ok": False, "detail": "no heartbeat yet"}


def test_a_stale_worker_heartbeat_says_since_when(client, broker):
    broker(REDIS)
    long_ago = timezone.now() - datetime.timedelta(seconds=HEARTBEAT_STALE_AFTER + 5)
    worker_heartbeat_record(now=long_ago)
    status, checks = readiness_of(client)
    assert status == 503
    assert checks["worker"]["detail"] == f"stale since {long_ago.isoformat(timespec='seconds')}"


def test_ready_with_broker_and_a_recent_worker_heartbeat(client, broker):
    broker(REDIS)
    record_worker_heartbeat.delay()  # what beat has a worker run every half minute
    status, checks = readiness_of(client)
    assert status == 200, checks
    assert checks["broker"] == {"ok": True, "detail": "ok"}
    assert checks["worker"]["ok"] is True
