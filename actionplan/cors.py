"""CORS: public reads from any origin, credentialed use only from trusted origins."""

from corsheaders.middleware import (
    ACCESS_CONTROL_ALLOW_CREDENTIALS,
    ACCESS_CONTROL_ALLOW_ORIGIN,
    CorsMiddleware,
)
from django.conf import settings


class PortalCorsMiddleware(CorsMiddleware):
    """django-cors-headers answers every origin with "*" (no cookies, no credentials); an
    origin in CORS_TRUSTED_ORIGINS gets its own name back and may send credentials."""

    def add_response_headers(self, request, response):
        response = super().add_response_headers(request, response)
        origin = request.headers.get("origin")
        if ACCESS_CONTROL_ALLOW_ORIGIN in response and origin in settings.CORS_TRUSTED_ORIGINS:
            response[ACCESS_CONTROL_ALLOW_ORIGIN] = origin
            response[ACCESS_CONTROL_ALLOW_CREDENTIALS] = "true"
        return response
