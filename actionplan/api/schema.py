"""How the OpenAPI schema describes an operation: drf-spectacular's AutoSchema, with the
headers every paginated list sends documented on its 200 responses."""

from drf_spectacular.openapi import AutoSchema

PAGINATION_HEADERS = {
    "X-Total-Count": {
        "schema": {"type": "integer", "minimum": 0},
        "description": "How many results there are in all (on every page).",
        "required": True,
    },
    "Link": {
        "schema": {"type": "string"},
        "description": 'The neighbouring pages (RFC 8288): `<url>; rel="next"`, '
        '`<url>; rel="prev"`, and `rel="first"` and `rel="last"`. In CSV too, where the body '
        "has no room for them.",
    },
}


class ApiAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, with the pagination headers of a list's 200 responses."""

    def _get_response_headers_for_code(self, status_code, direction="response"):
        headers = super()._get_response_headers_for_code(status_code, direction)
        paginated = self._is_list_view() and self._get_paginator() is not None
        if str(status_code) == "200" and self.method == "GET" and paginated:
            headers = {**PAGINATION_HEADERS, **headers}
        return headers
