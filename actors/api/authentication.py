"""API tokens on requests: `Authorization: Bearer <token>` (or `Token <token>`)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from actionplan.security import attempt_limit, client_address, log_security_event
from actors.services import api_token_authenticate

KEYWORDS = ("bearer", "token")


class ApiTokenAuthentication(BaseAuthentication):
    """A per-user token made in the portal (/account/tokens/). A revoked or unknown token,
    or one of a deactivated user, is refused with 401; no header at all means anonymous."""

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower().decode("latin-1") not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Give the token after the keyword: Authorization: Bearer <token>.")
            )
        # Guessing tokens: after too many wrong ones from an address, none is even looked up.
        failures = attempt_limit("api-token-failures")
        address = client_address(request)
        if failures.exceeded(address):
            raise exceptions.Throttled(wait=failures.window)
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError:
            secret = ""
        token = api_token_authenticate(secret=secret)
        if token is None:
            failures.record(address)
            # The Django request: DRF's would authenticate again to tell the user.
            log_security_event("api_token_refused", request=request._request)
            raise exceptions.AuthenticationFailed(_("Invalid or revoked API token."))
        return token.user, token

    def authenticate_header(self, request) -> str:
        # Makes DRF answer 401 (not 403) to a request that needs a user and has none.
        return 'Bearer realm="api"'


class ApiTokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, made at /account/tokens/ in the portal: "
            "`Authorization: Bearer <token>` (`Token <token>` is accepted too). Without a "
            "token (or a session) a client is anonymous and reads public data only.",
        }
