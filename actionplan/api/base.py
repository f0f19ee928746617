"""What every API view does: JSON (and CSV for lists), ETag/Last-Modified with 304 Not
Modified, JSON errors, and caching headers that keep one user's data out of another's cache."""

import datetime
import hashlib
import json

from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.encoders import JSONEncoder

from actionplan.api.errors import DETAIL_ERRORS, FORBIDDEN, JSON, LIST_ERRORS, NOT_MODIFIED
from actionplan.api.last_modified import last_modified_seconds
from actionplan.api.parameters import malformed_query_values, unknown_query_parameters
from actionplan.api.renderers import CSVRenderer
from actionplan.models import Plan

VARY = ("Accept", "Authorization", "Cookie")

CONDITIONAL_PARAMETERS = [
    OpenApiParameter(
        "If-None-Match",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description="The ETag of a representation you hold: answered with 304 Not Modified "
        "while it is still current.",
    ),
    OpenApiParameter(
        "If-Modified-Since",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description="An HTTP date (as in Last-Modified): answered with 304 Not Modified if "
        "nothing changed since. Ignored when If-None-Match is given.",
    ),
]
FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=["json", "csv"],
    description="`csv` for a CSV file (one row per result of the page; the same as "
    "`Accept: text/csv`). JSON otherwise.",
)

CSV_RESPONSE = OpenApiResponse(
    response=OpenApiTypes.STR,
    description="CSV (UTF-8): a header row, then one row per result of the page; nested "
    "values are flattened (lists joined with '; ').",
)


def list_responses(serializer) -> dict:
    """The responses of a paginated list endpoint, for extend_schema."""
    return {
        (200, JSON): serializer(many=True),
        (200, CSVRenderer.media_type): CSV_RESPONSE,
        304: NOT_MODIFIED,
        **LIST_ERRORS,
    }


def detail_responses(serializer) -> dict:
    return {200: serializer, 304: NOT_MODIFIED, **DETAIL_ERRORS}


def representation_etag(data, data_format: str) -> str:
    """An ETag that is a hash of exactly what the client receives, so it changes when, and
    only when, the representation does (for this client's visibility, in this format)."""
    payload = json.dumps(data, cls=JSONEncoder, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(f"{data_format}\n{payload}".encode()).hexdigest()
    return f'"{digest[:40]}"'


def marker_etag(*parts) -> str:
    """An ETag from what a representation depends on (change markers, the query, the audience,
    the format), known before the representation is built, so that answering If-None-Match
    costs one small query. Strong: the same parts always give the same bytes."""
    digest = hashlib.sha256("\n".join(map(str, parts)).encode()).hexdigest()
    return f'"{digest[:40]}"'


def conditional_answer(request, *, etag: str, last_modified) -> tuple[dict, int | None]:
    """The ETag and Last-Modified headers of a representation, and 304 (or 412) when the
    client's conditional headers say it holds it already, None when it must be sent."""
    headers = {"ETag": etag}
    not_modified_from = None
    if last_modified is not None:
        header, not_modified_from = last_modified_seconds(last_modified)
        headers["Last-Modified"] = http_date(header)
    answer = get_conditional_response(request, etag=etag, last_modified=not_modified_from)
    return headers, None if answer is None else answer.status_code


class EncodedJSON(bytes):
    """A response body already encoded as JSON (by orjson), sent as it is."""


class ApiJSONRenderer(JSONRenderer):
    """DRF's JSON renderer, which passes EncodedJSON through: a body is encoded once."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, EncodedJSON):
            return bytes(data)
        return super().render(data, accepted_media_type, renderer_context)


class ApiViewMixin:
    """Mixed into every API view."""

    renderer_classes = [ApiJSONRenderer, CSVRenderer]
    list_actions = ("list",)

    def get_renderers(self):
        renderers = super().get_renderers()
        if getattr(self, "action", None) in self.list_actions:
            return renderers
        # Outside a list (a detail, or a method the view does not take), JSON only; a CSV
        # list's own operation answers such a request's error in JSON too.
        json_only = [renderer for renderer in renderers if not isinstance(renderer, CSVRenderer)]
        return json_only or [ApiJSONRenderer()]

    def perform_content_negotiation(self, request, force=False):
        # An unknown ?format= is the client's mistake in a query parameter: a 400 naming it
        # (DRF answers 404). An Accept header that names no format given here stays a 406.
        if not hasattr(self, request.method.lower()):
            force = True  # a method the view does not take: its 405 comes next, in JSON
        requested = request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        formats = [renderer.format for renderer in self.get_renderers()]
        if requested is not None and requested not in formats and not force:
            raise ValidationError(
                {
                    self.settings.URL_FORMAT_OVERRIDE: [
                        _("Give one of: %(formats)s.") % {"formats": ", ".join(formats)}
                    ]
                }
            )
        return super().perform_content_negotiation(request, force)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        unknown = unknown_query_parameters(self, request)
        if unknown:
            message = _("Unknown parameter: see the API's schema for those there are.")
            raise ValidationError({name: [message] for name in unknown})
        malformed = malformed_query_values(self, request)
        if malformed:
            raise ValidationError(malformed)
        # No code, number or filter value holds a NUL character, and PostgreSQL refuses to
        # even compare with one: answer 404 / 400 before any query sees it.
        if any("\x00" in str(value) for value in kwargs.values()):
            raise NotFound()
        with_nul = sorted(
            name
            for name, values in request.query_params.lists()
            if "\x00" in name or any("\x00" in value for value in values)
        )
        if with_nul:
            raise ValidationError({name: [_("Remove the NUL character.")] for name in with_nul})

    def get_last_modified(self) -> datetime.datetime | None:
        """When the data behind this response last changed, if the view can tell cheaply."""
        return None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if not isinstance(response, Response):
            return response
        if response.status_code >= 400 and not isinstance(response.accepted_renderer, JSONRenderer):
            # Errors are JSON whatever format the client asked for.
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        patch_vary_headers(response, VARY)
        # Read the user without authenticating: a request that failed before authentication
        # (say, on an unknown ?format=) must not fail again here on a bad token.
        user = getattr(request, "_user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        patch_cache_control(response, no_cache=True)
        paginator = getattr(self, "_paginator", None)
        if getattr(paginator, "page", None) is not None:
            for name, value in paginator.pagination_headers().items():
                response[name] = value
        if response.has_header("ETag"):
            return response  # a view that answered the conditional request itself
        etag = representation_etag(response.data, response.accepted_renderer.format)
        response["ETag"] = etag
        last_modified = self.get_last_modified()
        not_modified_from = None
        if last_modified is not None:
            header, not_modified_from = last_modified_seconds(last_modified)
            response["Last-Modified"] = http_date(header)
        return get_conditional_response(
            request, etag=etag, last_modified=not_modified_from, response=response
        )


class ReadOnlyApiViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """List and retrieve, with the behaviour of ApiViewMixin."""


class PlanScopedLookupMixin:
    """Numbers and codes are unique within a plan, not across plans: a detail URL finds the
    object in the plan given by `?plan=`, or else in the default plan (as the pages' addresses
    do). An unknown `?plan=` is a 400 naming `plan` (as on the lists), a plan that lacks the
    object a 404."""

    lookup_is_number = False
    plan_order = ("plan__adoption_year", "plan__code")

    def get_object(self):
        value = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        queryset = self.filter_queryset(self.get_queryset())
        found = self.find_in_plan(queryset, self.lookup_field, value)
        self.check_object_permissions(self.request, found)
        return found

    def find_in_plan(self, queryset, field: str, value: str, *, not_found: str | None = None):
        """The object of `queryset` (already narrowed to `?plan=`, if given, else narrowed here
        to the default plan) whose `field` is `value`; NotFound (with `not_found`) if none."""
        if self.lookup_is_number:
            value = parse_number(value)
        if not self.request.query_params.get("plan"):
            default = Plan.objects.default()
            plan_code_field = getattr(self, "plan_code_field", "plan__code")
            queryset = queryset.filter(**{plan_code_field: getattr(default, "code", None)})
        found = queryset.filter(**{field: value}).order_by(*self.plan_order).first()
        if found is None:
            raise NotFound(not_found)
        return found


def parse_number(value: str) -> int:
    """A number in a URL (a policy line's or an action's): 404 for anything else."""
    if not value.isdigit() or not 0 < int(value) < 2**15:
        raise NotFound()
    return int(value)


def csv_list_view(viewset, *, prefix: str, basename: str):
    """The list of `viewset` as its own CSV operation (`/api/v1/<prefix>.csv`), for clients
    that pick their parser by the operation (a generated client parses the list's JSON
    operation as JSON, whatever `format` it sends): the same parameters and pages, CSV only."""
    csv_only = type(
        f"{viewset.__name__}Csv",
        (viewset,),
        {"renderer_classes": [CSVRenderer], "__module__": viewset.__module__},
    )
    restricted = viewset.permission_classes != api_settings.DEFAULT_PERMISSION_CLASSES
    extra_errors = {(403, JSON): FORBIDDEN} if restricted else {}
    path = f"/api/v1/{prefix}/".replace("(?P<measure_code>[^/]+)", "{measure_code}")
    csv_only = extend_schema_view(
        list=extend_schema(
            operation_id=f"{basename.replace('-', '_')}_list_csv",
            tags=[prefix.split("/")[0]],  # beside its JSON twin
            summary=f"List as CSV: {path}",
            description=f"The list of `GET {path}` (the same parameters, page by page, with "
            "`X-Total-Count` and `Link` headers) as a CSV file.",
            parameters=[OpenApiParameter("format", exclude=True)],
            responses={
                (200, CSVRenderer.media_type): CSV_RESPONSE,
                304: NOT_MODIFIED,
                **LIST_ERRORS,
                **extra_errors,
            },
        )
    )(csv_only)
    return csv_only.as_view({"get": "list"})
