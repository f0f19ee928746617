"""Redis as the cache (API throttling, abuse limits) stopped during API reads and progress
writes: reads and writes keep working while it is down, and after it is back."""

import pytest
from django.core.cache import caches

from measures.models import ProgressUpdate
from tests.api.conftest import token_client
from tests.faults.conftest import wait_for

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

OWN_MEASURE = "5.1"  # carried out by WVG alone, the coordinator's actor


@pytest.fixture
def cache_on_private_redis(settings, private_redis):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": private_redis.url(1),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    caches["default"].clear()
    yield
    caches.close_all()


def read_and_write(anonymous, writer, step: str) -> list[tuple[str, int, str]]:
    """An anonymous read, a token read and a progress write; (what, status, content type)."""
    responses = {
        "anonymous read": anonymous.get("/api/v1/measures/"),
        "token read": writer.get(f"/api/v1/measures/{OWN_MEASURE}/"),
        "progress write": writer.post(
            f"/api/v1/measures/{OWN_MEASURE}/progress-updates/",
            {
                "implementation_status": "on_track",
                "progress_percent": 40,
                "narrative": f"Written while the cache is {step}.",
                "visibility": "public",
            },
            format="json",
        ),
    }
    return [(what, r.status_code, r.get("Content-Type", "")) for what, r in responses.items()]


def test_api_reads_and_progress_writes_work_while_the_cache_is_down(
    plan, coordinator, private_redis, cache_on_private_redis
):
    from rest_framework.test import APIClient

    anonymous, writer = APIClient(), token_client(coordinator)
    expected = [("anonymous read", 200), ("token read", 200), ("progress write", 201)]

    for step in ("up", "down", "back"):
        if step == "down":
            private_redis.stop()
        elif step == "back":
            private_redis.start()
            wait_for(private_redis.answers, 10, "Redis back")
        answered = read_and_write(anonymous, writer, step)
        assert [(what, status) for what, status, _type in answered] == expected, (step, answered)

    written = ProgressUpdate.objects.filter(
        measure__code=OWN_MEASURE, narrative__startswith="Written"
    )
    assert written.count() == 3
