"""Encoded API representations kept in the cache, keyed by their ETag.

An ETag of `marker_etag` names exactly one representation: it is made from everything the
bytes depend on (the change markers, the audience, the query, the format), so a cached body
is never stale. A change to a measure moves the markers and with them the key; old entries
simply expire. The cache may be down or full: then the body is built each time (fail open).
"""

import hashlib
import logging
from collections.abc import Callable

from django.core.cache import cache

logger = logging.getLogger(__name__)

# Long enough to serve many readers between changes, short enough to free unused entries.
REPRESENTATION_SECONDS = 15 * 60


def cached_representation(etag: str, address: str, build: Callable[[], bytes]) -> bytes:
    """The body `etag` names at `address` (the absolute address: pagination links hold the
    host), from the cache, or built by `build` and cached."""
    digest = hashlib.sha256(f"{etag}\n{address}".encode()).hexdigest()[:40]
    key = f"representation:{digest}"
    try:
        body = cache.get(key)
    except Exception:  # any failure of the cache: answer without it
        logger.warning("representation cache unavailable", exc_info=True)
        return build()
    if body is None:
        body = build()
        try:
            cache.set(key, body, REPRESENTATION_SECONDS)
        except Exception:
            logger.warning("representation cache unavailable", exc_info=True)
    return body
