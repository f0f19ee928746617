"""The API's JSON parser: DRF's, with a limit on nesting and on the size of the body."""

import io
import re

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser

# No request of this API nests deeper than a few levels; Python's json module gives up
# (RecursionError, a 500) at about a thousand.
MAX_JSON_DEPTH = 32
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKET = re.compile(r"[\[\]{}]")


class RequestBodyTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "request_too_large"


def json_depth_exceeds(text: str, limit: int) -> bool:
    """Whether the JSON `text` nests arrays and objects deeper than `limit`. Strings are
    skipped (brackets inside them do not count); stops at the first bracket too deep."""
    depth = 0
    for bracket in _JSON_BRACKET.finditer(_JSON_STRING.sub('""', text)):
        if bracket.group() in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


class LimitedJSONParser(JSONParser):
    """Refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE (413) and JSON nested deeper than
    MAX_JSON_DEPTH (400), before the json module reads it."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read(limit + 1) if limit is not None else stream.read()
        if limit is not None and len(body) > limit:
            raise RequestBodyTooLarge(
                _("The request body is too large: send at most %(size)d bytes.") % {"size": limit}
            )
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            raise exceptions.ParseError(
                _("The body is not valid %(encoding)s.") % {"encoding": encoding}
            ) from exc
        if json_depth_exceeds(text, MAX_JSON_DEPTH):
            raise exceptions.ParseError(
                _("The JSON is nested too deeply (at most %(depth)d levels).")
                % {"depth": MAX_JSON_DEPTH}
            )
        return super().parse(io.BytesIO(body), media_type, parser_context)
