"""The query parameters each API operation accepts are those its OpenAPI schema declares: one
list, read from the schema generator, so that the schema and the 400 for an unknown parameter
never disagree."""

import functools
import logging

from django.utils import translation
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from drf_spectacular.generators import SchemaGenerator
from rest_framework.settings import api_settings

from actionplan.api.schema_view import SCHEMA_LANGUAGE

logger = logging.getLogger(__name__)


@functools.cache
def declared_query_parameters() -> dict[tuple[type, str], dict[str, dict]]:
    """{(view class, action or HTTP method): {name: schema} of the query parameters the schema
    declares for that operation}, for every operation of the schema (built once a process)."""
    generator = SchemaGenerator()
    try:
        with translation.override(SCHEMA_LANGUAGE):
            schema = generator.get_schema(request=None, public=True)
    except Exception:
        # The API must answer even if its schema cannot be built here: no parameter checks in
        # this process (logged once), rather than a 500 on every request.
        logger.exception("API schema not built: query parameters are not checked")
        return {}
    declared = {}
    for path, _path_regex, method, view in generator._get_paths_and_endpoints():
        operation = schema["paths"].get(path, {}).get(method.lower())
        if operation is None:
            continue
        declared[(type(view), operation_key(view, method))] = {
            parameter["name"]: parameter.get("schema", {})
            for parameter in operation.get("parameters", [])
            if parameter["in"] == "query"
        }
    return declared


def operation_key(view, method: str) -> str:
    """What tells a view's operations apart: a viewset's action, else the HTTP method."""
    return getattr(view, "action", None) or method.lower()


def _declared(view, request) -> dict[str, dict] | None:
    method = "GET" if request.method == "HEAD" else request.method
    return declared_query_parameters().get((type(view), operation_key(view, method)))


def unknown_query_parameters(view, request) -> list[str]:
    """The query parameters of `request` that its operation does not declare, sorted; none for
    an operation outside the schema (OPTIONS, say)."""
    declared = _declared(view, request)
    if declared is None:
        return []
    # `format` is checked by content negotiation: any operation takes the format it serves.
    names = {*declared, api_settings.URL_FORMAT_OVERRIDE}
    return sorted(name for name in request.query_params if name not in names)


def malformed_query_values(view, request) -> dict[str, list[str]]:
    """{name: [message]} for each declared query parameter whose value its schema refuses
    in a way the filters would pass over (empty, not a boolean, a date or a listed value)."""
    declared = _declared(view, request) or {}
    errors = {}
    for name, values in request.query_params.lists():
        schema = declared.get(name)
        if schema is None or name == api_settings.URL_FORMAT_OVERRIDE:
            continue
        for value in values:
            message = _refusal(schema, value)
            if message:
                errors[name] = [message]
                break
    return errors


def _refusal(schema: dict, value: str) -> str | None:
    """Why `value` does not fit `schema`, None if it does (or if the filter decides)."""
    kind = schema.get("type")
    if kind == "array":
        if not value.strip():
            # No values: an empty list, where an item may be any text; where items are codes
            # or numbers, an empty value reads as one empty item, which none of them is.
            free_text = _refusal(schema.get("items", {}), "") is None
            return None if free_text else str(_("Give a value, or leave the parameter out."))
        # Each value is checked by the filter (all of a list's errors in one answer); an
        # empty one between commas it would pass over.
        items = value.split(",")
        if not all(item.strip() for item in items):
            return str(_("Leave out the empty values between the commas."))
        if len(items) > schema.get("maxItems", len(items)):
            return str(_("Give at most %(count)s values.") % {"count": schema["maxItems"]})
        if schema.get("items", {}).get("type") == "integer":
            return next(filter(None, (_integer_refusal(schema["items"], i) for i in items)), None)
        return None
    if len(value) > schema.get("maxLength", len(value)):
        return str(_("Give at most %(count)s characters.") % {"count": schema["maxLength"]})
    if kind == "string" and "enum" not in schema and "format" not in schema:
        return None  # free text, where empty means no filter
    if not value.strip():
        return str(_("Give a value, or leave the parameter out."))
    if kind == "boolean" and value not in ("true", "false"):
        return str(_("Give true or false."))
    if "enum" in schema and value not in schema["enum"]:
        return str(_("Give one of: %(values)s.") % {"values": ", ".join(schema["enum"])})
    if schema.get("format") == "date" and parse_date_or_none(value) is None:
        return str(_("Give a date such as 2026-11-01."))
    return None


def _integer_refusal(schema: dict, value: str) -> str | None:
    """A whole number of ASCII digits, at least the schema's minimum: refused here, before a
    conditional request could answer 304 to a value the filters would refuse."""
    minimum, maximum = schema.get("minimum"), schema.get("maximum")
    if not (value.isascii() and value.lstrip("-").isdigit()):
        return str(_("Give a whole number."))
    if minimum is not None and int(value) < minimum:
        return str(_("Give a whole number from %(minimum)s.") % {"minimum": minimum})
    if maximum is not None and int(value) > maximum:
        return str(_("Give a whole number up to %(maximum)s.") % {"maximum": maximum})
    return None


def parse_date_or_none(value: str):
    try:
        return parse_date(value)
    except ValueError:
        return None
