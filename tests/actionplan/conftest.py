"""Fixtures for the tests of outages: a cache that does not answer."""

import socket

import pytest

from actionplan.limit_cache import limit_cache


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def cache_down(settings):
    """Django's real Redis backend, pointed at a port where no Redis answers."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/2",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    limit_cache.__init__()  # forget an earlier test's outage and counts
    yield
    limit_cache.__init__()
