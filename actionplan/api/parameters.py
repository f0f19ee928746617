"""The query parameters each API operation accepts are those its OpenAPI schema declares: one
list, read from the schema generator, so that the schema and the 400 for an unknown parameter
never disagree."""

import functools

from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from rest_framework.settings import api_settings

from actionplan.api.schema_view import SCHEMA_LANGUAGE


@functools.cache
def declared_query_parameters() -> dict[tuple[type, str], frozenset[str]]:
    """{(view class, action or HTTP method): the names of the query parameters the schema
    declares for that operation}, for every operation of the schema (built once a process)."""
    generator = SchemaGenerator()
    with translation.override(SCHEMA_LANGUAGE):
        schema = generator.get_schema(request=None, public=True)
    declared = {}
    for path, _path_regex, method, view in generator._get_paths_and_endpoints():
        operation = schema["paths"].get(path, {}).get(method.lower())
        if operation is None:
            continue
        names = frozenset(
            parameter["name"]
            for parameter in operation.get("parameters", [])
            if parameter["in"] == "query"
        )
        declared[(type(view), operation_key(view, method))] = names
    return declared


def operation_key(view, method: str) -> str:
    """What tells a view's operations apart: a viewset's action, else the HTTP method."""
    return getattr(view, "action", None) or method.lower()


def unknown_query_parameters(view, request) -> list[str]:
    """The query parameters of `request` that its operation does not declare, sorted; none for
    an operation outside the schema (OPTIONS, say)."""
    method = "GET" if request.method == "HEAD" else request.method
    names = declared_query_parameters().get((type(view), operation_key(view, method)))
    if names is None:
        return []
    # `format` is checked by content negotiation: any operation takes the format it serves.
    names = names | {api_settings.URL_FORMAT_OVERRIDE}
    return sorted(name for name in request.query_params if name not in names)
