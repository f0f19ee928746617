"""Values kept in the shared cache that must never cost a request its answer: when the cache is
down or full, the value is built each time (fail open), and a cache found down is left alone
as the request limits leave it (actionplan.limit_cache), so that an outage costs one timeout
per RETRY_SECONDS, not one a request.

A key names exactly what its value depends on (change markers, versions, the audience, the
language, the query): a cached value is never stale, and an old one simply expires."""

import hashlib
from collections.abc import Callable, Iterable

from django.core.cache import cache

from actionplan.limit_cache import limit_cache


def cache_key(prefix: str, *parts) -> str:
    """A short key for `parts` (anything with a stable str), under `prefix`."""
    digest = hashlib.sha256("\n".join(map(str, parts)).encode()).hexdigest()[:40]
    return f"{prefix}:{digest}"


def cached(key: str, build: Callable[[], object], seconds: int):
    """The value at `key`, or `build()`'s, kept for `seconds`."""
    return cached_many([key], lambda missing: {key: build()}, seconds)[key]


def cached_many(keys: Iterable[str], build: Callable[[list[str]], dict], seconds: int) -> dict:
    """The values at `keys`, those missing built at once by `build(missing keys)` (which
    returns them by key) and kept for `seconds`."""
    keys = list(keys)
    found = _call("get_many", keys) or {}
    missing = [key for key in keys if key not in found]
    if missing:
        built = build(missing)
        _call("set_many", built, seconds)
        found.update(built)
    return found


def _call(method: str, *args):
    if limit_cache.shared_cache_down:
        return None
    try:
        return getattr(cache, method)(*args)
    except Exception as error:  # noqa: BLE001 - any failure of the cache: answer without it
        limit_cache.shared_cache_failed(error)  # logged there, once per outage
        return None
