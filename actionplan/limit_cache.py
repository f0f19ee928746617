"""The cache that counts requests for the abuse limits (API throttles, password-reset, token and
export limits), and what happens when it is unreachable.

The shared cache (Redis, CACHE_URL) is the one every process counts in. When it fails, a limit
must not take the portal down with it: reads and writes go on, counted in a cache of this
process alone (a local limit: each process allows the full rate) until the shared cache is
tried again, RETRY_SECONDS later. The outage is logged as a warning once per RETRY_SECONDS, not
once per request.
"""

import logging
import threading
import time

from django.core.cache import cache as shared_cache
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger(__name__)

# How long the local cache stands in after a failure before the shared cache is tried again.
RETRY_SECONDS = 30.0


class FailoverCache:
    """The cache methods the limits use (get, set, add, incr), on the shared cache while it
    answers and on a process-local cache while it does not."""

    def __init__(self):
        self._local = LocMemCache("limit-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
        self._lock = threading.Lock()
        self._shared_down_until = 0.0

    def get(self, key, default=None):
        return self._call("get", key, default)

    def set(self, key, value, timeout=None):
        return self._call("set", key, value, timeout)

    def add(self, key, value, timeout=None):
        return self._call("add", key, value, timeout)

    def incr(self, key, delta=1):
        return self._call("incr", key, delta)

    @property
    def shared_cache_down(self) -> bool:
        return time.monotonic() < self._shared_down_until

    def _call(self, method: str, *args):
        if not self.shared_cache_down:
            try:
                return getattr(shared_cache, method)(*args)
            except ValueError:  # incr of a missing key: the caller's to handle
                raise
            except Exception as error:  # noqa: BLE001 - any backend's connection errors
                self.shared_cache_failed(error)
        return getattr(self._local, method)(*args)

    def shared_cache_failed(self, error: Exception) -> None:
        """Take the shared cache for down for RETRY_SECONDS (any user of it may say so)."""
        with self._lock:
            if self.shared_cache_down:  # another thread noted it already
                return
            self._shared_down_until = time.monotonic() + RETRY_SECONDS
        logger.warning(
            "The shared cache is unreachable (%s: %s); request limits are counted per process "
            "for the next %d s.",
            error.__class__.__name__,
            error,
            RETRY_SECONDS,
        )


limit_cache = FailoverCache()
