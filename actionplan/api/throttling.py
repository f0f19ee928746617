"""Throttles for anonymous clients (per IP address) and signed-in ones (per user).

DRF's own classes read their rates once, at import; these read them on every request, so that
a change of REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] (in a deployment or a test) takes effect.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _RatesFromSettings:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonymousThrottle(_RatesFromSettings, AnonRateThrottle):
    scope = "anon"


class UserThrottle(_RatesFromSettings, UserRateThrottle):
    scope = "user"
