"""Middleware of the portal's own: errors under /api/ are JSON, whatever raised them."""

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

API_PATH_PREFIX = "/api/"


def _error_codes_and_details() -> dict[int, tuple[str, str]]:
    return {
        400: ("bad_request", _("The request could not be understood.")),
        403: ("permission_denied", _("You may not do this.")),
        404: ("not_found", _("There is no such endpoint. See /api/docs/ for those there are.")),
        405: ("method_not_allowed", _("This method is not allowed here.")),
        413: (
            "request_too_large",
            _("The request body is too large: send at most %(size)d bytes.")
            % {"size": settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0},
        ),
        429: ("throttled", _("Too many requests: wait a while, then try again.")),
        500: ("server_error", _("The portal could not complete this request; try again later.")),
        503: ("unavailable", _("The portal is unavailable for a moment; try again later.")),
    }


def api_error_response(status: int) -> JsonResponse:
    """An error in the API's documented shape: {"status", "code", "detail", "errors"}."""
    code, detail = _error_codes_and_details().get(
        status, ("server_error" if status >= 500 else "error", _("The request failed."))
    )
    return JsonResponse(
        {"status": status, "code": code, "detail": detail, "errors": {}}, status=status
    )


def _is_json(response: HttpResponse) -> bool:
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return content_type == "application/json" or content_type.endswith("+json")


class ApiErrorsAsJsonMiddleware:
    """Every error answered under /api/ is JSON in the API's shape: also those that do not come
    from a DRF view (a 500 anywhere, a body over DATA_UPLOAD_MAX_MEMORY_SIZE, a disallowed Host,
    a CSRF failure), which Django would answer with an HTML page.

    It comes first in MIDDLEWARE so that it sees the answers of all the others; the exception
    itself is logged by Django as usual before the HTML page is replaced here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path_info.startswith(API_PATH_PREFIX)
            or _is_json(response)
        ):
            return response
        status = response.status_code
        if getattr(request, "_body_too_large", False):
            status = 413
        elif getattr(request, "_database_unavailable", False):
            status = 503  # outside the API's views (a middleware read the database): a 503 too
        json_response = api_error_response(status)
        for header in ("Retry-After", "Allow", "WWW-Authenticate"):
            if header in response:
                json_response[header] = response[header]
        return json_response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        # Django answers RequestDataTooBig with 400 (as every SuspiciousOperation); the API
        # says 413, so that a client knows to send less rather than something else.
        if isinstance(exception, RequestDataTooBig):
            request._body_too_large = True


@receiver(got_request_exception)
def _note_database_unavailable(sender, request=None, **kwargs) -> None:
    """An unreachable database, wherever the request met it (a middleware reading the session
    too): the API then answers 503, "try again", not 500."""
    if request is not None and isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        request._database_unavailable = True
