"""Who is asking, how often, and what the `security` log says about it.

`client_address` is the one rule for a request's address: the throttles of the API, the
sign-in lockout (django-axes), the export and password-reset limits and the security log all
use it, so a client cannot look like someone else to one of them and not to the others.
"""

import functools
import hashlib
import ipaddress
import logging
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from actionplan.limit_cache import limit_cache as cache

security_log = logging.getLogger("security")


def client_address(request: HttpRequest) -> str:
    """The address of the client that sent `request`.

    Only the proxies in front of the portal are believed: with TRUSTED_PROXY_COUNT = n, the
    n-th address from the right of X-Forwarded-For (the one the outermost trusted proxy saw).
    With 0 (the default: no proxy), the header is ignored. A header with fewer entries than
    there are proxies did not come through them all: the connection's own address is used.
    """
    remote_address = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_address
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < proxies:
        return remote_address
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_address


def log_security_event(
    event: str,
    *,
    request: HttpRequest | None = None,
    user=None,
    level: int = logging.WARNING,
    **details,
):
    """One line in the `security` log: the event, the user (or the name tried) and the address.

    Never pass a secret (a password, a token, a reset link) in `details`."""
    # The name tried (a failed sign-in) wins over whoever the session belongs to.
    username = details.pop("username", "")
    if user is None and request is not None and not username:
        user = getattr(request, "user", None)
    if not username and user is not None and getattr(user, "is_authenticated", False):
        username = user.get_username()
    fields = {
        "event": event,
        "user": username or "-",
        "address": client_address(request) if request is not None else "-",
        **details,
    }
    security_log.log(
        level,
        " ".join(f"{key}={value!s}" for key, value in fields.items()),
        extra={"security": fields},
    )


@dataclass(frozen=True)
class AttemptLimit:
    """At most `limit` attempts per `window` seconds for one key (an address, an account),
    counted in the default cache (shared by every process when CACHE_URL names Redis; per
    process while it is unreachable, see actionplan.limit_cache)."""

    scope: str
    limit: int
    window: int

    def _cache_key(self, key: str) -> str:
        # Hashed: the key may be an email address, and cache keys must be short and plain.
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        return f"attempts:{self.scope}:{digest}"

    def count(self, key: str) -> int:
        return cache.get(self._cache_key(key), 0)

    def exceeded(self, key: str) -> bool:
        return self.count(key) >= self.limit

    def record(self, key: str) -> int:
        """Count one attempt; returns the attempts in the current window, this one included."""
        cache_key = self._cache_key(key)
        if cache.add(cache_key, 1, self.window):
            return 1
        try:
            return cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, self.window)
            return 1


def attempt_limit(scope: str) -> AttemptLimit:
    """The limit named `scope` in settings.ATTEMPT_LIMITS: {"scope": (limit, seconds)}."""
    limit, window = settings.ATTEMPT_LIMITS[scope]
    return AttemptLimit(scope=scope, limit=limit, window=window)


def too_many_requests(request: HttpRequest, *, retry_after: int) -> HttpResponse:
    """The page that says a limit was reached (429 with Retry-After)."""
    response = render(
        request,
        "429.html",
        {"retry_after_minutes": max(1, -(-retry_after // 60))},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def throttle(scope: str):
    """Decorate a view: at most the attempts of `scope` per window, per signed-in user or else
    per address; beyond that a 429 page (logged as a security event)."""

    def decorate(view):
        @functools.wraps(view)
        def throttled_view(request, *args, **kwargs):
            limit = attempt_limit(scope)
            user = getattr(request, "user", None)
            key = f"user:{user.pk}" if user is not None and user.is_authenticated else None
            key = key or f"address:{client_address(request)}"
            attempts = limit.record(key)
            if attempts > limit.limit:
                if attempts == limit.limit + 1:  # once a window, not on every refused request
                    log_security_event("throttled", request=request, scope=scope)
                return too_many_requests(request, retry_after=limit.window)
            return view(request, *args, **kwargs)

        return throttled_view

    return decorate
