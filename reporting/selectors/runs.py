"""Reads about report runs: a round's runs, a run's downloads and opening one of its files."""

import os
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from reporting.models import ReportingRound, ReportRun
from reporting.permissions import report_run_can_download

REPORT_FILE_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
# The files of a run in the order its page offers them, with their labels.
REPORT_FILE_LABELS = (("pdf", "PDF"), ("xlsx", "XLSX"), ("csv", "CSV"))


class ReportFileUnavailable(Exception):
    """The requested report file cannot be served; the message says why."""


@dataclass
class OpenReportFile:
    handle: object
    filename: str
    content_type: str


def report_run_queryset() -> QuerySet[ReportRun]:
    """Runs with their round, plan and requester (a run's page shows all three)."""
    return ReportRun.objects.select_related("round__plan", "created_by")


def report_run_list(*, reporting_round: ReportingRound) -> QuerySet[ReportRun]:
    return ReportRun.objects.filter(round=reporting_round).order_by("edition", "language")


def report_run_downloads(*, run: ReportRun, user) -> list[dict]:
    """The files of the run's last good build that `user` may download: kind, label and file
    name. A run being built again keeps them until the new build replaces them."""
    if not report_run_can_download(user, run):
        return []
    downloads = []
    for kind, label in REPORT_FILE_LABELS:
        file = run.file_for(kind)
        if file:
            downloads.append({"kind": kind, "label": label, "name": os.path.basename(file.name)})
    return downloads


def report_run_file_open(*, run: ReportRun, kind: str, user) -> OpenReportFile:
    """Open the PDF, XLSX or CSV of the run's last good build for `user` (pages and API alike;
    a run being built again keeps its files until the new build replaces them).

    Raises PermissionDenied when the edition is not for this user, and ReportFileUnavailable
    for an unknown kind, a run never built, or a file missing from storage.
    """
    if kind not in REPORT_FILE_TYPES:
        raise ReportFileUnavailable(_("There is no such file."))
    if not report_run_can_download(user, run):
        raise PermissionDenied(_("The internal edition is for readers of internal updates."))
    stored = run.file_for(kind)
    if stored is None:
        raise ReportFileUnavailable(_("This report has no such file (yet)."))
    try:
        handle = stored.open("rb")
    except FileNotFoundError as exc:
        raise ReportFileUnavailable(_("The file is missing: build the report again.")) from exc
    return OpenReportFile(handle, os.path.basename(stored.name), REPORT_FILE_TYPES[kind])
