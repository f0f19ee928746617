"""Report runs: requesting one, building its PDF, XLSX and CSV from its round's snapshot,
building it again, and recording why a build failed."""

import datetime
import logging
import uuid

from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from reporting import builders
from reporting.errors import ReportBuildError
from reporting.models import Edition, ReportingRound, ReportRun, report_language_codes
from reporting.selectors import report_content
from reporting.services.access import builder_required, recorded_user
from reporting.services.queue import task_enqueue
from reporting.signals import report_published

logger = logging.getLogger(__name__)

# Errors worth another try of the same task (the database went away for a moment); anything
# else in a build is a fault of the report itself and is shown on the run's page instead.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
# How long a build may take; a run "building" for longer is taken over by the next task.
BUILD_TIME_LIMIT = settings.REPORT_BUILD_TIME_LIMIT


def report_run_request(
    *,
    reporting_round: ReportingRound,
    edition: str,
    requested_by=None,
    language: str = "",
    queue: bool = True,
) -> tuple[ReportRun, bool]:
    """The run of `edition` in `language` (default: the active language) for the closed round,
    queued for building if it is new (unless `queue` is false: the caller builds it itself, as
    `manage.py build_report` does).

    Asking again returns the same run (created False) and queues nothing: one round, edition
    and language make one report. Raises ValidationError for an open round or an unknown
    edition or language.
    """
    builder_required(requested_by)
    if edition not in Edition.values:
        raise ValidationError({"edition": [_("Choose the public or the internal edition.")]})
    if not reporting_round.is_closed:
        raise ValidationError(_("Close the round before building its report."))
    same_report = {
        "round": reporting_round,
        "edition": edition,
        "language": _report_language(language),
    }
    existing = ReportRun.objects.filter(**same_report).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            run = ReportRun.objects.create(**same_report, created_by=recorded_user(requested_by))
    except IntegrityError:  # the same request at the same moment: use the one that won
        return ReportRun.objects.get(**same_report), False
    if queue:
        task_enqueue("build_report_run", run.pk, background=True)
    return run, True


def _report_language(language: str) -> str:
    """`language` as a report language ("nl-be" is "nl"); the active language if empty.
    Raises ValidationError for a language reports are not written in."""
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).lower()
    if code not in report_language_codes():
        code = code.split("-")[0]
    if code not in report_language_codes():
        raise ValidationError({"language": [_("Choose English or Dutch.")]})
    return code


def _stuck_since(now: datetime.datetime) -> datetime.datetime:
    """A run still building that started before this moment has outlived the time limit."""
    return now - datetime.timedelta(seconds=BUILD_TIME_LIMIT)


def report_run_can_rebuild(run: ReportRun, *, now: datetime.datetime | None = None) -> bool:
    """A failed or finished run can be built again; so can one stuck building past the limit."""
    if run.state in {ReportRun.State.FAILED, ReportRun.State.DONE}:
        return True
    stuck_since = _stuck_since(now or timezone.now())
    return run.state == ReportRun.State.BUILDING and bool(
        run.started_at and run.started_at < stuck_since
    )


def report_run_rebuild(*, run: ReportRun, requested_by=None, queue: bool = True) -> ReportRun:
    """Queue the run to be built again (after a failure, or to rebuild its files)."""
    builder_required(requested_by)
    rebuildable = Q(state__in=[ReportRun.State.FAILED, ReportRun.State.DONE]) | Q(
        state=ReportRun.State.BUILDING, started_at__lt=_stuck_since(timezone.now())
    )
    # Conditional, so that two clicks on "Build again" queue one build, not two.
    reset = ReportRun.objects.filter(rebuildable, pk=run.pk).update(
        state=ReportRun.State.QUEUED,
        progress_percent=0,
        error_message="",
        build_token="",
        queued_at=timezone.now(),
        started_at=None,
        finished_at=None,
    )
    run.refresh_from_db()
    if not reset:
        raise ValidationError(_("This report is being built already."))
    if queue:
        task_enqueue("build_report_run", run.pk, background=True)
    return run


def _claim(run_id: int, token: str) -> ReportRun | None:
    """Take the run for building by `token`; None if another task has it or it is finished."""
    now = timezone.now()
    building = ReportRun.State.BUILDING
    claimed = (
        ReportRun.objects.filter(pk=run_id)
        .filter(
            Q(state=ReportRun.State.QUEUED)
            | Q(state=building, build_token=token)
            | Q(state=building, started_at__lt=_stuck_since(now))
        )
        .update(
            state=building,
            build_token=token,
            started_at=now,
            finished_at=None,
            progress_percent=1,
            error_message="",
            builds=F("builds") + 1,
        )
    )
    if not claimed:
        return None
    return ReportRun.objects.select_related("round__plan").get(pk=run_id)


def _progress(run: ReportRun, token: str, percent: int) -> None:
    ReportRun.objects.filter(pk=run.pk, build_token=token, state=ReportRun.State.BUILDING).update(
        progress_percent=percent
    )


def report_file_stem(run: ReportRun) -> str:
    """The files' name without extension: the round's title, the edition and the language."""
    kind = "evaluation-report" if run.round.is_evaluation else "progress-report"
    title = slugify(run.round.title)[:60].strip("-") or f"round-{run.round_id}"
    return f"{title if 'report' in title else f'{kind}-{title}'}-{run.edition}-{run.language}"


def report_run_build(*, run_id: int, token: str | None = None) -> ReportRun | None:
    """Build the run's PDF, XLSX and CSV from its round's snapshot and store them with it.

    Idempotent: a run that is done, failed, or being built by another task is left alone
    (returns None). Database hiccups propagate so that the task retries; any other error marks
    the run failed (see `report_run_failure_message` for what its page then says).
    """
    token = token or uuid.uuid4().hex
    run = _claim(run_id, token)
    if run is None:
        logger.info("Report run %s is not queued (or is taken): nothing to do", run_id)
        return None
    try:
        _store_files(run, token, _build_files(run, token))
    except TRANSIENT_ERRORS:
        raise
    except Exception as exc:
        logger.exception("Report run %s failed", run.pk)
        report_run_fail(run_id=run.pk, token=token, message=report_run_failure_message(exc))
    run.refresh_from_db()
    return run


def _build_files(run: ReportRun, token: str) -> dict[str, bytes]:
    """The run's files by extension, built in the run's language."""
    with translation.override(run.language or settings.LANGUAGE_CODE):
        content = report_content(reporting_round=run.round, edition=run.edition)
        _progress(run, token, 15)
        pdf = builders.build_pdf(content)
        _progress(run, token, 70)
        xlsx = builders.build_xlsx(content)
        _progress(run, token, 90)
        return {"pdf": pdf, "xlsx": xlsx, "csv": builders.build_csv(content)}


def _store_files(run: ReportRun, token: str, files: dict[str, bytes]) -> None:
    """Store the files with the run and mark it done, if `token` still holds it."""
    stem = report_file_stem(run)
    for extension, data in files.items():
        _store(run, f"{extension}_file", f"{stem}.{extension}", data)
    finished = ReportRun.objects.filter(pk=run.pk, build_token=token).update(
        state=ReportRun.State.DONE,
        progress_percent=100,
        finished_at=timezone.now(),
        pdf_file=run.pdf_file.name,
        xlsx_file=run.xlsx_file.name,
        csv_file=run.csv_file.name,
    )
    if not finished:
        logger.warning("Report run %s was taken over while building", run.pk)
    else:
        report_published.send(sender=ReportRun, run=run)


def _store(run: ReportRun, field_name: str, filename: str, data: bytes) -> None:
    """Store `data` as the run's file, replacing the file of an earlier build."""
    field = getattr(run, field_name)
    storage = field.storage
    name = field.field.generate_filename(run, filename)
    if field.name and field.name != name and storage.exists(field.name):
        storage.delete(field.name)
    if storage.exists(name):
        storage.delete(name)
    field.save(filename, ContentFile(data), save=False)


def report_run_failure_message(exc: BaseException) -> str:
    """What a run's page and the API say about why its build failed.

    Only the failures reporting itself names (a ReportBuildError, the time limit) are told as
    they are; any other error gets a generic message, because an exception's text may quote
    the report's data (openpyxl quotes the offending narrative) and every reader of reports
    sees this message. The error itself goes to the log.
    """
    if isinstance(exc, ReportBuildError):
        return str(exc)
    if isinstance(exc, SoftTimeLimitExceeded | TimeLimitExceeded):
        return _("Building took longer than %(minutes)d minutes and was stopped.") % {
            "minutes": BUILD_TIME_LIMIT // 60
        }
    return _(
        "An unexpected error stopped the build; the details are in the server log. "
        "Build the report again, or ask a platform administrator if it fails again."
    )


def report_run_fail(*, run_id: int, token: str | None, message: str = "") -> None:
    """Mark the run failed with `message` (if `token` still holds it; any holder if None).

    `message` is shown to every reader of reports: never an exception's own text (see
    `report_run_failure_message`)."""
    runs = ReportRun.objects.filter(pk=run_id).exclude(state=ReportRun.State.DONE)
    if token is not None:
        runs = runs.filter(build_token=token)
    try:
        runs.update(
            state=ReportRun.State.FAILED,
            error_message=message or _("The report could not be built."),
            finished_at=timezone.now(),
        )
    except DatabaseError:
        logger.exception("Could not mark report run %s failed", run_id)


def report_run_give_up(*, run_id: int, token: str | None, exc: BaseException) -> None:
    """The build task gave up on the run (retries spent, or killed at the time limit): log why
    and mark the run failed, if that task still holds it."""
    logger.error("Report run %s: its build task gave up", run_id, exc_info=exc)
    report_run_fail(run_id=run_id, token=token, message=report_run_failure_message(exc))
