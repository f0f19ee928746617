"""Measures and their progress updates over the REST API."""

import re

import orjson
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response

from actionplan.api.base import (
    CONDITIONAL_PARAMETERS,
    FORMAT_PARAMETER,
    ApiViewMixin,
    EncodedJSON,
    PlanScopedLookupMixin,
    ReadOnlyApiViewSet,
    conditional_answer,
    detail_responses,
    list_responses,
    marker_etag,
    representation_etag,
)
from actionplan.api.errors import WRITE_ERRORS, Conflict
from actionplan.api.filters import PlanFilter, UpdatedSinceFilter
from actionplan.api.representations import cached_representation
from measures.api.filters import ProgressUpdateFilterSet, measure_filter_parameters
from measures.api.list_rows import measure_api_rows, measure_api_values
from measures.api.serializers import (
    MeasureSerializer,
    ProgressUpdateCreateSerializer,
    ProgressUpdateSerializer,
)
from measures.models import Measure
from measures.permissions import measure_can_update, user_can_read_internal
from measures.rows import API_MEASURE_COLUMNS, open_data_facts
from measures.selectors import (
    measure_list,
    measure_list_changed_at,
    measure_list_for,
    measure_list_marker,
    progress_update_list,
    progress_update_list_changed_at,
    progress_update_list_for,
)
from measures.services import StaleWriteError, VersionMismatchError, progress_update_create

CODE_PARAMETER = OpenApiParameter(
    "code",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="A measure's code, such as 5.10.",
    examples=[OpenApiExample("Measure 5.10", value="5.10")],
)
MEASURE_CODE_PARAMETER = OpenApiParameter(
    "measure_code",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="A measure's code, such as 5.1.",
    examples=[OpenApiExample("Measure 5.1", value="5.1")],
)
PLAN_PARAMETER = OpenApiParameter(
    "plan",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    description="A plan's code; without it, the default plan (as the pages' addresses). "
    "An unknown plan is a 400 naming `plan`; a plan without this measure, a 404.",
)
# An entity tag that names a measure's version, as If-Match may carry it: "7".
VERSION_TAG = re.compile(r'"[1-9][0-9]*"')
IF_MATCH_PARAMETER = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The measure's ETag (from GET /api/v1/measures/{code}/) or its version "
    '(`"7"`): if the measure has changed since, nothing is written and the answer is 409.',
)

WRITE_EXAMPLES = [
    OpenApiExample(
        "On track",
        value={
            "implementation_status": "on_track",
            "progress_percent": 40,
            "narrative": "Two of the five training days were held.",
            "evidence_links": ["https://example.org/training-report"],
        },
        request_only=True,
    ),
    OpenApiExample(
        "Delayed, internal",
        value={
            "implementation_status": "delayed",
            "progress_percent": 20,
            "narrative": "The call for projects opens later than planned.",
            "reason": "The budget was approved three months late.",
            "visibility": "internal",
            "planned_date": "2027-06-30",
        },
        request_only=True,
    ),
]

# Raised when the list's representation changes meaning, so that no client keeps an old one;
# a field added or removed changes it by itself (`list_representation`).
LIST_REPRESENTATION = "measures-1"


def list_representation() -> str:
    """What names the list's shape in its ETag (and so in its cache key): a release that adds
    a field gives new ETags, so that no client is told its list without it is current."""
    return f"{LIST_REPRESENTATION}:{','.join(MeasureSerializer._declared_fields)}"


class ReadsInternalMixin:
    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["reads_internal"] = user_can_read_internal(self.request.user)
        return context


@extend_schema_view(
    list=extend_schema(
        summary="List measures",
        description="Measures in code order (or as `ordering` says), filtered with the query "
        "string of the measure list page (`?actor=WVG&plan_status=N&q=...`): parameters "
        "combine (AND), several values of one parameter are alternatives (OR), an unknown "
        "value is a 400. Each measure is shaped as in `export_plan`, with its plan's code and "
        "the progress the client may see: anonymous clients and users without a portal role "
        "see the latest public update, portal users the latest update. `updated_since` lists "
        "the measures whose record changed after a moment (plan data or progress); "
        "`Last-Modified` follows the same timestamp.",
        parameters=[*measure_filter_parameters(), FORMAT_PARAMETER, *CONDITIONAL_PARAMETERS],
        responses=list_responses(MeasureSerializer),
    ),
    retrieve=extend_schema(
        summary="Get a measure",
        description="A measure by its code (`/api/v1/measures/5.10/`). Its `version` (and its "
        "ETag) are what a progress update names to avoid overwriting someone else's.",
        parameters=[CODE_PARAMETER, PLAN_PARAMETER, *CONDITIONAL_PARAMETERS],
        responses=detail_responses(MeasureSerializer),
    ),
)
class MeasureViewSet(ReadsInternalMixin, PlanScopedLookupMixin, ReadOnlyApiViewSet):
    serializer_class = MeasureSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    filter_backends = [UpdatedSinceFilter]
    # Annotated by with_visible_progress: anonymous clients follow public changes only.
    updated_since_field = "visible_changed_at"
    csv_filename = "measures"

    def get_queryset(self):
        # The measure list page's selector and FilterSet: the same query string gives the same
        # measures here, on the page and in its exports.
        result = measure_list(params=self.request.query_params, user=self.request.user)
        if not result.is_valid:
            raise ValidationError(result.errors)
        return result.measures

    def list(self, request, *args, **kwargs):
        # Answered from plain rows (measures.api.list_rows), its conditional GET decided from
        # the measures' change markers before any measure is read, its JSON encoded once.
        marker = measure_list_marker(user=request.user)
        data_format = request.accepted_renderer.format
        etag = marker_etag(list_representation(), marker, data_format, request.get_full_path())
        headers, status_code = conditional_answer(
            request, etag=etag, last_modified=marker.latest_change
        )
        if status_code is not None:
            if "If-None-Match" not in request.headers:
                # A date alone says nothing of the query (an ETag names it, and is given out
                # with a 200 of it only): a malformed query is a 400 all the same.
                self._queried_measures(request)
            return Response(status=status_code, headers=headers)
        if data_format != "json":
            return Response(self._list_body(request), headers=headers)
        # Kept per representation (audience, query, markers: the ETag) for the next reader.
        address = request.build_absolute_uri()
        data = cached_representation(etag, address, lambda: orjson.dumps(self._list_body(request)))
        # The page's Link and X-Total-Count are kept beside it (a cached body has no paginator).
        page_headers = cached_representation(
            etag, f"{address}#pagination", lambda: orjson.dumps(self._pagination_headers(request))
        )
        return Response(EncodedJSON(data), headers={**headers, **orjson.loads(page_headers)})

    def _queried_measures(self, request):
        """The list's measures, unread; a 400 for a malformed filter, page or page size."""
        measures = self.filter_queryset(self.get_queryset())
        self.paginator.check_query(request)
        return measures

    def _pagination_headers(self, request) -> dict:
        if getattr(self.paginator, "page", None) is None:  # the body came from the cache
            self.paginate_queryset(self._queried_measures(request))
        return self.paginator.pagination_headers()

    def _list_body(self, request) -> dict:
        page = self.paginate_queryset(measure_api_values(self._queried_measures(request)))
        rows = measure_api_rows(page, user=request.user)
        return self.get_paginated_response(rows).data

    def get_object(self):
        self.measure = super().get_object()
        return self.measure

    def get_last_modified(self):
        if self.action == "retrieve":
            return self.measure.visible_changed_at
        return measure_list_changed_at(user=self.request.user)

    # The measure list's CSV columns (measures.rows), read from the serialised measures.
    csv_columns = API_MEASURE_COLUMNS
    csv_item = staticmethod(open_data_facts)


@extend_schema_view(
    list=extend_schema(
        summary="List a measure's progress updates",
        description="The measure's updates the client may read, newest first: public ones for "
        "anonymous clients and users without a portal role, all for portal users.",
        parameters=[
            MEASURE_CODE_PARAMETER,
            PLAN_PARAMETER,
            FORMAT_PARAMETER,
            *CONDITIONAL_PARAMETERS,
        ],
        responses=list_responses(ProgressUpdateSerializer),
    ),
    create=extend_schema(
        summary="Record a progress update",
        description="Records a progress update on the measure and makes it the measure's "
        "current progress, under the rule of the pages: a platform administrator updates every "
        "measure, a coordinator the measures of their actors, nobody else. `reason` is "
        "required when `implementation_status` is delayed or discontinued. To avoid "
        "overwriting someone else's update, send the measure's `version` as "
        "`expected_version` or its ETag as If-Match: a stale one is refused with 409.",
        parameters=[MEASURE_CODE_PARAMETER, PLAN_PARAMETER, IF_MATCH_PARAMETER],
        request=ProgressUpdateCreateSerializer,
        examples=WRITE_EXAMPLES,
        responses={201: ProgressUpdateSerializer, **WRITE_ERRORS},
    ),
)
class MeasureProgressUpdateViewSet(
    ReadsInternalMixin,
    PlanScopedLookupMixin,
    ApiViewMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ProgressUpdateSerializer
    filter_backends = [UpdatedSinceFilter]
    csv_filename = "progress-updates"

    def get_measure(self) -> Measure:
        """The measure of the URL, found as GET /api/v1/measures/{code}/ finds it (so an
        unknown `?plan=` is a 400 here too, not a 404)."""
        if not hasattr(self, "_measure"):
            code = self.kwargs["measure_code"]
            # plan_code_field is not set: PlanFilter's default (plan__code) fits measures.
            measures = PlanFilter().filter_queryset(
                self.request, measure_list_for(user=self.request.user), self
            )
            self._measure = self.find_in_plan(
                measures,
                "code",
                code,
                not_found=_("There is no measure %(code)s.") % {"code": code},
            )
        return self._measure

    def get_serializer_class(self):
        # What a POST takes: OPTIONS describes it (DRF asks for the serializer as a POST).
        if self.request is not None and self.request.method == "POST":
            return ProgressUpdateCreateSerializer
        return super().get_serializer_class()

    def get_queryset(self):
        measure = self.get_measure()
        return progress_update_list(measure=measure, user=self.request.user).select_related(
            "measure"
        )

    def get_last_modified(self):
        return progress_update_list_changed_at(user=self.request.user, measure=self.get_measure())

    def create(self, request, *args, **kwargs):
        measure = self.get_measure()
        if not measure_can_update(request.user, measure):
            # 401 for a client that is not signed in, 403 for one that may not.
            self.permission_denied(
                request, message=_("You may not update measure %(code)s.") % {"code": measure.code}
            )
        serializer = ProgressUpdateCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        context = self.get_serializer_context()
        try:
            update = progress_update_create(
                measure=measure,
                author=request.user,
                expected_version=serializer.validated_data.get("expected_version"),
                matching_versions=self._if_match_versions(measure, context),
                fields=serializer.progress_fields(today=timezone.localdate()),
            )
        except StaleWriteError as error:
            raise _conflict(error) from error
        location = reverse("api:progress-update-detail", args=[update.pk])
        return Response(
            ProgressUpdateSerializer(update, context=context).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": request.build_absolute_uri(location)},
        )

    def _if_match_versions(self, measure: Measure, context) -> set[int] | None:
        """The measure versions the If-Match header names (None without one, or with `*`):
        the measure's current version for its current ETag, N for a tag `"N"`. If-Match
        compares strongly: a weak tag (W/"...") names no version."""
        header = self.request.headers.get("If-Match", "").strip()
        tags = {tag.strip() for tag in header.split(",") if tag.strip()}
        if not header or "*" in tags:
            return None
        strong = {
            tag if tag.startswith('"') else f'"{tag}"' for tag in tags if not tag.startswith("W/")
        }
        current_etag = representation_etag(MeasureSerializer(measure, context=context).data, "json")
        versions = {measure.version} if current_etag in strong else set()
        return versions | {int(tag[1:-1]) for tag in strong if VERSION_TAG.fullmatch(tag)}


def _conflict(error: StaleWriteError) -> Conflict:
    """The 409 of a stale write, in the API's wording (not the update page's "Your text is
    kept below"), naming the argument that was stale."""
    measure = error.measure
    measure.refresh_from_db(fields=["version"])
    now_at = _("The measure is now at version %(version)d.") % {"version": measure.version}
    if isinstance(error, VersionMismatchError):
        return Conflict(
            _("Measure %(code)s has changed since the version you name.") % {"code": measure.code},
            errors={"If-Match": [now_at]},
        )
    return Conflict(
        _(
            "Measure %(code)s was changed by someone else since version %(version)d; "
            "fetch it again and retry with its current version."
        )
        % {"code": measure.code, "version": error.expected_version},
        errors={"expected_version": [now_at]},
    )


@extend_schema_view(
    list=extend_schema(
        summary="List progress updates",
        description="Progress updates of every measure that the client may read (public ones "
        "for anonymous clients and users without a portal role), newest first. For "
        "incremental sync, pass `updated_since` (recorded or edited after that moment) and "
        "`ordering=updated_at`.",
        parameters=[FORMAT_PARAMETER, *CONDITIONAL_PARAMETERS],
        responses=list_responses(ProgressUpdateSerializer),
    ),
    retrieve=extend_schema(
        summary="Get a progress update",
        parameters=CONDITIONAL_PARAMETERS,
        responses=detail_responses(ProgressUpdateSerializer),
    ),
)
class ProgressUpdateViewSet(ReadsInternalMixin, ReadOnlyApiViewSet):
    serializer_class = ProgressUpdateSerializer
    filter_backends = [PlanFilter, DjangoFilterBackend, UpdatedSinceFilter, OrderingFilter]
    filterset_class = ProgressUpdateFilterSet
    plan_code_field = "measure__plan__code"
    ordering_fields = ["reported_on", "created_at", "updated_at", "id"]
    ordering = ["-reported_on", "-created_at", "-id"]
    csv_filename = "progress-updates"

    def get_queryset(self):
        return progress_update_list_for(user=self.request.user)

    def get_object(self):
        self.update = super().get_object()
        return self.update

    def get_last_modified(self):
        if self.action == "retrieve":
            return self.update.updated_at
        return progress_update_list_changed_at(user=self.request.user)
