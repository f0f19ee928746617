"""Errors as JSON: one shape for every error the API returns, with field-level details."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler


class DatabaseUnavailable(exceptions.APIException):
    """The database cannot be reached (restarting, failing over): try again in a moment."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = _("The database is unavailable for a moment: try again shortly.")
    default_code = "database_unavailable"


class Conflict(exceptions.APIException):
    """The write names a version of the resource that is no longer current."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The resource was changed by someone else; nothing was written.")
    default_code = "stale_write"

    def __init__(self, detail=None, code=None, errors: dict[str, list[str]] | None = None):
        super().__init__(detail, code)
        self.errors = errors or {}


def api_exception_handler(exc, context):
    """DRF's handler, with Django's ValidationError (from services) as a 400 and every error
    body shaped as {"status", "code", "detail", "errors"}."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {_non_field_key(): exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, OperationalError | InterfaceError):
        exc = DatabaseUnavailable()
    response = exception_handler(exc, context)
    if response is None:
        return None
    response.data = error_body(exc, response.status_code)
    return response


def error_body(exc: exceptions.APIException, status_code: int) -> dict:
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        if not isinstance(detail, dict):
            detail = {_non_field_key(): detail}
        return {
            "status": status_code,
            "code": "invalid",
            "detail": str(_("The request is not valid: see the errors of each field.")),
            "errors": _flatten(detail),
        }
    codes = exc.get_codes()
    code = codes if isinstance(codes, str) else exc.default_code
    return {
        "status": status_code,
        "code": code,
        "detail": str(exc.detail) if isinstance(exc.detail, str) else str(exc.default_detail),
        "errors": getattr(exc, "errors", {}),
    }


def _non_field_key() -> str:
    return api_settings.NON_FIELD_ERRORS_KEY


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """{"evidence_links": {0: ["Enter a valid URL."]}} -> {"evidence_links.0": [...]}."""
    flat: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        for index, value in enumerate(detail):
            if value:
                flat.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
    else:
        items = detail if isinstance(detail, list) else [detail]
        flat.setdefault(prefix or _non_field_key(), []).extend(str(item) for item in items)
    return flat


# --- Documentation of errors -----------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status code, repeated.")
    code = serializers.CharField(
        help_text="A stable, machine-readable code: invalid, not_authenticated, "
        "authentication_failed, permission_denied, not_found, stale_write, throttled, "
        "parse_error, unsupported_media_type, not_acceptable, method_not_allowed, "
        "database_unavailable (503)."
    )
    detail = serializers.CharField(help_text="A human-readable explanation.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="For a 400 (and a 409): the messages of each faulty field, keyed by field "
        "name (`non_field_errors` for the request as a whole; `field.index` inside a list).",
    )


def _response(
    status_code: int, description: str, code: str, detail: str, errors=None
) -> OpenApiResponse:
    return OpenApiResponse(
        response=ErrorSerializer,
        description=description,
        examples=[
            OpenApiExample(
                code,
                value={
                    "status": status_code,
                    "code": code,
                    "detail": detail,
                    "errors": errors or {},
                },
                response_only=True,
            )
        ],
    )


BAD_REQUEST = _response(
    400,
    "The request is not valid: a query parameter or field is wrong (see `errors`).",
    "invalid",
    "The request is not valid: see the errors of each field.",
    {"updated_since": ["Give a date and time such as 2026-11-01T00:00:00Z."]},
)
UNAUTHORIZED = _response(
    401,
    "Authentication is needed, or the token given is invalid or revoked.",
    "authentication_failed",
    "Invalid or revoked API token.",
)
FORBIDDEN = _response(
    403,
    "The user may not do this (for example, update a measure of another actor).",
    "permission_denied",
    "You may not update measure 5.1.",
)
NOT_FOUND = _response(404, "There is no such resource (or page).", "not_found", "Not found.")
CONFLICT = _response(
    409,
    "Stale write: the measure changed since the version given in `expected_version` or "
    "`If-Match`; nothing was written. Fetch the measure again and retry.",
    "stale_write",
    "Measure 5.1 was changed by someone else since version 3; fetch it again and retry with "
    "its current version.",
    {"expected_version": ["The measure is now at version 4."]},
)
THROTTLED = _response(
    429,
    "Too many requests: wait the number of seconds in the Retry-After header.",
    "throttled",
    "Request was throttled. Expected available in 30 seconds.",
)
NOT_ACCEPTABLE = _response(
    406,
    "The Accept header names no format this endpoint gives (JSON; CSV for lists).",
    "not_acceptable",
    "Could not satisfy the request Accept header.",
)
UNSUPPORTED_MEDIA_TYPE = _response(
    415,
    "The body is not JSON: send it with Content-Type: application/json.",
    "unsupported_media_type",
    'Unsupported media type "text/plain" in request.',
)
NOT_MODIFIED = OpenApiResponse(
    description="Not modified: the representation still has the ETag given in "
    "If-None-Match (or has not changed since If-Modified-Since). No body."
)

JSON = "application/json"
# Errors are JSON whatever format was asked for (a CSV list fails with a JSON body).
READ_ERRORS = {
    (400, JSON): BAD_REQUEST,
    (401, JSON): UNAUTHORIZED,
    (406, JSON): NOT_ACCEPTABLE,
    (429, JSON): THROTTLED,
}
DETAIL_ERRORS = {**READ_ERRORS, (404, JSON): NOT_FOUND}
LIST_ERRORS = {**READ_ERRORS, (404, JSON): NOT_FOUND}
WRITE_ERRORS = {
    (400, JSON): BAD_REQUEST,
    (401, JSON): UNAUTHORIZED,
    (403, JSON): FORBIDDEN,
    (404, JSON): NOT_FOUND,
    (406, JSON): NOT_ACCEPTABLE,
    (409, JSON): CONFLICT,
    (415, JSON): UNSUPPORTED_MEDIA_TYPE,
    (429, JSON): THROTTLED,
}


def api_not_found(request, *args, **kwargs):
    """A JSON 404 for a path under /api/ that names no endpoint."""
    return JsonResponse(
        {
            "status": 404,
            "code": "not_found",
            "detail": str(_("There is no such endpoint. See /api/docs/ for those there are.")),
            "errors": {},
        },
        status=404,
    )
