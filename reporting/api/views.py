import django_filters
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import FileResponse, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.renderers import BaseRenderer

from actionplan.api.base import (
    CONDITIONAL_PARAMETERS,
    FORMAT_PARAMETER,
    VARY,
    ReadOnlyApiViewSet,
    conditional_answer,
    detail_responses,
    list_responses,
    marker_etag,
)
from actionplan.api.errors import FORBIDDEN, JSON, NOT_FOUND, NOT_MODIFIED, READ_ERRORS
from actionplan.api.filters import PlanFilter
from reporting.api.serializers import FILE_KINDS, ReportRunSerializer
from reporting.models import Edition, ReportRun
from reporting.permissions import user_can_see_reports
from reporting.selectors import ReportFileUnavailable, report_run_file_open


class CanSeeReports(BasePermission):
    """Report runs are for clients with a portal role (reporting.permissions): 401 without
    credentials, 403 for a user without a role."""

    def has_permission(self, request, view) -> bool:
        return user_can_see_reports(request.user)


class ReportRunFilterSet(django_filters.FilterSet):
    edition = django_filters.ChoiceFilter(choices=Edition.choices, help_text="public or internal.")
    state = django_filters.ChoiceFilter(
        choices=ReportRun.State.choices, help_text="queued, building, done or failed."
    )
    round = django_filters.NumberFilter(
        field_name="round_id", min_value=1, max_value=2**63 - 1, help_text="A round's id."
    )

    class Meta:
        model = ReportRun
        fields = ["edition", "language", "state", "round"]


class FileRenderer(BaseRenderer):
    """Lets a download answer whatever Accept says; the file sets its own type."""

    media_type = "*/*"
    format = "file"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


@extend_schema_view(
    list=extend_schema(
        summary="List report runs",
        description="The progress and evaluation reports built from closed reporting rounds, "
        "newest first, for clients with a portal role (every role reads internal updates, so "
        "both editions; a user without a role gets 403). Each gives its files' download "
        "addresses once built.",
        parameters=[FORMAT_PARAMETER, *CONDITIONAL_PARAMETERS],
        responses={**list_responses(ReportRunSerializer), (403, JSON): FORBIDDEN},
    ),
    retrieve=extend_schema(
        summary="Get a report run",
        parameters=CONDITIONAL_PARAMETERS,
        responses={**detail_responses(ReportRunSerializer), (403, JSON): FORBIDDEN},
    ),
    file=extend_schema(
        summary="Download a report file",
        description="The PDF, the XLSX workbook or the CSV of a finished run, with an ETag "
        "and Last-Modified (the time it was built): send them back for 304 Not Modified. The "
        "body is the file's bytes, under its own type (application/octet-stream stands for "
        "any of them, for clients that read every download as bytes).",
        parameters=[
            OpenApiParameter(
                "kind",
                {"type": "string", "enum": list(FILE_KINDS)},
                OpenApiParameter.PATH,
                description="pdf, xlsx or csv.",
            ),
            *CONDITIONAL_PARAMETERS,
        ],
        responses={
            **{
                (200, media_type): OpenApiResponse(OpenApiTypes.BINARY, description="The file.")
                for media_type in ["application/octet-stream", *FILE_KINDS.values()]
            },
            304: NOT_MODIFIED,
            **READ_ERRORS,
            (403, JSON): FORBIDDEN,
            (404, JSON): NOT_FOUND,
        },
    ),
)
class ReportRunViewSet(ReadOnlyApiViewSet):
    serializer_class = ReportRunSerializer
    permission_classes = [CanSeeReports]
    filter_backends = [PlanFilter, DjangoFilterBackend]
    filterset_class = ReportRunFilterSet
    plan_code_field = "round__plan__code"
    csv_filename = "report-runs"

    def get_queryset(self):
        return ReportRun.objects.select_related("round__plan").order_by("-created_at", "-pk")

    def get_renderers(self):
        if getattr(self, "action", None) == "file":
            return [FileRenderer()]
        return super().get_renderers()

    @action(detail=True, url_path=r"files/(?P<kind>[^/]+)", url_name="file", filter_backends=[])
    def file(self, request, pk=None, kind=None):
        run = self.get_object()
        try:
            opened = report_run_file_open(run=run, kind=kind, user=request.user)
        except ReportFileUnavailable as exc:
            raise NotFound(str(exc)) from exc
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        # The file changes only when the run is built again: its name, size and build time
        # name this version, so a client that holds it gets 304 without a byte read.
        etag = marker_etag(
            "report-file", run.pk, kind, opened.filename, opened.handle.size, run.finished_at
        )
        headers, status_code = conditional_answer(request, etag=etag, last_modified=run.finished_at)
        if status_code is not None:
            opened.handle.close()
            response = (
                HttpResponseNotModified()
                if status_code == 304
                else HttpResponse(status=status_code)
            )
        else:
            response = FileResponse(
                opened.handle,
                as_attachment=True,
                filename=opened.filename,
                content_type=opened.content_type,
            )
        for name, value in headers.items():
            response[name] = value
        # Files for portal roles only: never kept by a shared cache.
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, VARY)
        return response
