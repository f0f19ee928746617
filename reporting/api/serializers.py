from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reporting.models import ReportingRound, ReportRun
from reporting.permissions import report_run_can_download
from reporting.selectors import REPORT_FILE_TYPES

FILE_KINDS = {kind: media.split(";")[0] for kind, media in REPORT_FILE_TYPES.items()}


class ReportingRoundRefSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text="Plan code.")

    class Meta:
        model = ReportingRound
        fields = ["id", "plan", "title", "period_start", "period_end", "state", "is_evaluation"]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": "The round's id."},
            "title": {"help_text": "The round's title."},
            "period_start": {"help_text": "First day of the period reported on."},
            "period_end": {"help_text": "Last day of the period reported on."},
            "state": {"help_text": "open, or closed (frozen: its reports never change)."},
            "is_evaluation": {"help_text": "Whether this is the plan's evaluation report."},
        }


class ReportFilesSerializer(serializers.Serializer):
    pdf = serializers.URLField(allow_null=True, help_text="The PDF report, when built.")
    xlsx = serializers.URLField(allow_null=True, help_text="The XLSX workbook, when built.")
    csv = serializers.URLField(allow_null=True, help_text="The CSV of the measures, when built.")


class ReportRunSerializer(serializers.ModelSerializer):
    round = ReportingRoundRefSerializer(read_only=True, help_text="The round reported on.")
    files = serializers.SerializerMethodField(
        help_text="Where to download each file (through this API): null until the run was "
        "first built (or for an edition the client may not read); a run being built again "
        "keeps its previous files until the new build replaces them."
    )

    class Meta:
        model = ReportRun
        fields = [
            "id",
            "round",
            "edition",
            "state",
            "progress_percent",
            "language",
            "error_message",
            "created_at",
            "started_at",
            "finished_at",
            "files",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": "The run's id."},
            "edition": {"help_text": "public (public updates only) or internal (all)."},
            "state": {"help_text": "queued, building, done or failed."},
            "progress_percent": {"help_text": "How far the build is, 0 to 100."},
            "language": {"help_text": "The report's language."},
            "error_message": {
                "help_text": "Why the build failed, if it did: the reason reporting names (such "
                "as the time limit), or a generic message for an unexpected error (whose "
                "details go to the server log, never here)."
            },
            "created_at": {"help_text": "When the report was asked for."},
            "started_at": {"help_text": "When its (latest) build started."},
            "finished_at": {"help_text": "When its (latest) build ended."},
        }

    @extend_schema_field(ReportFilesSerializer)
    def get_files(self, run: ReportRun) -> dict:
        request = self.context["request"]
        downloadable = report_run_can_download(request.user, run)
        return {
            kind: request.build_absolute_uri(
                reverse("api:report-run-file", kwargs={"pk": run.pk, "kind": kind})
            )
            if downloadable and run.file_for(kind)
            else None
            for kind in FILE_KINDS
        }
