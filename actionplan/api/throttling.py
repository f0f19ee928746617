"""Throttles for anonymous clients (per address) and signed-in ones (per user).

DRF's own classes read their rates once, at import; these read them on every request, so that
a change of REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] (in a deployment or a test) takes effect.
A client's address is actionplan.security.client_address: X-Forwarded-For counts only as far
as TRUSTED_PROXY_COUNT allows, so rotating it changes nothing. They count in
actionplan.limit_cache: with the shared cache down, the API answers, limited per process.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from actionplan.limit_cache import limit_cache
from actionplan.security import client_address


class _RatesFromSettings:
    cache = limit_cache

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request) -> str:
        return client_address(request)


class AnonymousThrottle(_RatesFromSettings, AnonRateThrottle):
    scope = "anon"


class UserThrottle(_RatesFromSettings, UserRateThrottle):
    scope = "user"
