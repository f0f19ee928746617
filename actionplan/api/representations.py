"""Encoded API representations kept in the cache, keyed by their ETag.

An ETag of `marker_etag` names exactly one representation: it is made from everything the
bytes depend on (the change markers, the audience, the query, the format), so a cached body
is never stale. A change to a measure moves the markers and with them the key; old entries
simply expire. The cache may be down or full: then the body is built each time (fail open),
and a cache found down is left alone as the request limits leave it (actionplan.limit_cache),
so that an outage costs one timeout per RETRY_SECONDS, not two a request.
"""

from collections.abc import Callable

from actionplan.cached import cache_key, cached

# Long enough to serve many readers between changes, short enough to free unused entries.
REPRESENTATION_SECONDS = 15 * 60


def cached_representation(etag: str, address: str, build: Callable[[], bytes]) -> bytes:
    """The body `etag` names at `address` (the absolute address: pagination links hold the
    host), from the cache, or built by `build` and cached."""
    return cached(cache_key("representation", etag, address), build, REPRESENTATION_SECONDS)
