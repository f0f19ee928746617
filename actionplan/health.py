"""Readiness: can this process serve, and is the rest of the stack there? Each dependency is
checked apart (database, cache, broker, Celery worker), so that an operator sees which one is
missing. Liveness (/healthz/) checks none of them: a process whose database is down is alive.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

# The worker writes its heartbeat (actionplan.tasks.record_worker_heartbeat, every
# HEARTBEAT_INTERVAL seconds through Celery beat); older than HEARTBEAT_STALE_AFTER, it is
# missing (the worker, beat or the broker between them is down).
HEARTBEAT_KEY = "health:worker-heartbeat"
HEARTBEAT_INTERVAL = settings.CELERY_BEAT_SCHEDULE["worker-heartbeat"]["schedule"]
HEARTBEAT_STALE_AFTER = 4 * HEARTBEAT_INTERVAL
BROKER_TIMEOUT_SECONDS = 2


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any driver's failure means "not ready"
        return Check("database", False, _failure(error))
    return Check("database", True, "ok")


def check_cache() -> Check:
    """The shared cache answers a write and a read. Without CACHE_URL the cache is the
    process's own memory: nothing to reach."""
    if not settings.CACHE_URL:
        return Check("cache", True, "local memory (not configured)")
    try:
        cache.set("health:probe", "ok", 10)
        if cache.get("health:probe") != "ok":
            return Check("cache", False, "a value written could not be read back")
    except Exception as error:  # noqa: BLE001
        return Check("cache", False, _failure(error))
    return Check("cache", True, "ok")


def check_broker() -> Check:
    if not settings.CELERY_BROKER_URL:
        return Check("broker", True, "not configured (tasks run in the web process)")
    from actionplan.celery import app

    try:
        with app.connection_for_write(
            settings.CELERY_BROKER_URL, connect_timeout=BROKER_TIMEOUT_SECONDS
        ) as broker:
            broker.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
    except Exception as error:  # noqa: BLE001
        return Check("broker", False, _failure(error))
    return Check("broker", True, "ok")


def check_worker(*, now: datetime.datetime | None = None) -> Check:
    """The latest heartbeat of a Celery worker is recent."""
    if not settings.CELERY_BROKER_URL:
        return Check("worker", True, "not configured (tasks run in the web process)")
    try:
        beat = cache.get(HEARTBEAT_KEY)
    except Exception as error:  # noqa: BLE001
        return Check("worker", False, f"heartbeat unreadable: {_failure(error)}")
    if beat is None:
        return Check("worker", False, "no heartbeat yet")
    age = ((now or timezone.now()) - beat).total_seconds()
    if age > HEARTBEAT_STALE_AFTER:
        return Check("worker", False, f"stale since {beat.isoformat(timespec='seconds')}")
    return Check("worker", True, f"heartbeat {int(age)} s ago")


def worker_heartbeat_record(*, now: datetime.datetime | None = None) -> None:
    """Note that a worker is alive and taking tasks (kept a little longer than it counts)."""
    cache.set(HEARTBEAT_KEY, now or timezone.now(), 10 * HEARTBEAT_STALE_AFTER)


def readiness() -> list[Check]:
    return [check_database(), check_cache(), check_broker(), check_worker()]


def _failure(error: Exception) -> str:
    # The kind of error only: the message may name hosts and users of the internal network.
    return f"unavailable ({error.__class__.__name__})"
