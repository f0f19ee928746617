"""Building a report run: claiming it, its heartbeat, building its PDF, XLSX and CSV from its
round's snapshot, putting the new files in place of the old ones, and recording why a build
failed."""

import contextlib
import logging
import threading
import time
import uuid

from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from reporting import builders
from reporting.errors import ReportBuildError
from reporting.models import ReportRun
from reporting.models.runs import report_file_path
from reporting.selectors import report_content
from reporting.services.queue import thread_start
from reporting.services.run_rules import (
    BUILD_STALL_SECONDS,
    BUILD_TIME_LIMIT,
    HEARTBEAT_SECONDS,
    run_building_lost,
)
from reporting.signals import report_published

logger = logging.getLogger(__name__)

# Errors worth another try of the same task (the database went away for a moment); anything
# else in a build is a fault of the report itself and is shown on the run's page instead.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
# Tries of a build in a thread of the web process (no broker), waiting 2, 4, 8 s between them.
THREAD_BUILD_TRIES = 4
FILE_KINDS = ("pdf", "xlsx", "csv")


def _claim(run_id: int, token: str) -> ReportRun | None:
    """Take the run for building by `token`; None if another live task has it or it is
    finished. A run whose builder went silent (see `run_building_lost`) is taken over."""
    now = timezone.now()
    claimed = (
        ReportRun.objects.filter(pk=run_id)
        .filter(
            Q(state=ReportRun.State.QUEUED)
            | Q(state=ReportRun.State.BUILDING, build_token=token)
            | run_building_lost(now)
        )
        .update(
            state=ReportRun.State.BUILDING,
            build_token=token,
            started_at=now,
            heartbeat_at=now,
            finished_at=None,
            progress_percent=1,
            error_message="",
            builds=F("builds") + 1,
        )
    )
    if not claimed:
        return None
    return ReportRun.objects.select_related("round__plan").get(pk=run_id)


def _held(run_id: int, token: str):
    return ReportRun.objects.filter(pk=run_id, build_token=token, state=ReportRun.State.BUILDING)


def _progress(run: ReportRun, token: str, percent: int) -> None:
    _held(run.pk, token).update(progress_percent=percent, heartbeat_at=timezone.now())


@contextlib.contextmanager
def _heartbeat(run_id: int, token: str):
    """While the block runs, tell every HEARTBEAT_SECONDS that the build is alive (a step such
    as the PDF may take longer than the stall allowance). A killed worker stops beating."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(HEARTBEAT_SECONDS):
            try:
                _held(run_id, token).update(heartbeat_at=timezone.now())
            except DatabaseError:
                logger.warning("Report run %s: heartbeat not recorded", run_id, exc_info=True)

    thread = thread_start(beat, name=f"report-run-{run_id}-heartbeat")
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=BUILD_STALL_SECONDS)


def report_file_stem(run: ReportRun) -> str:
    """The files' name without extension: the round's title, the edition and the language."""
    kind = "evaluation-report" if run.round.is_evaluation else "progress-report"
    title = slugify(run.round.title)[:60].strip("-") or f"round-{run.round_id}"
    return f"{title if 'report' in title else f'{kind}-{title}'}-{run.edition}-{run.language}"


def report_run_build(*, run_id: int, token: str | None = None) -> ReportRun | None:
    """Build the run's PDF, XLSX and CSV from its round's snapshot and store them with it.

    Idempotent: a run that is done, failed, or being built by another live task is left alone
    (returns None). Database hiccups propagate so that the task retries; any other error marks
    the run failed (see `report_run_failure_message` for what its page then says).
    """
    token = token or uuid.uuid4().hex
    run = _claim(run_id, token)
    if run is None:
        logger.info("Report run %s is not queued (or is taken): nothing to do", run_id)
        return None
    try:
        with _heartbeat(run.pk, token):
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
    """Write the new files beside the old ones, then, if `token` still holds the run, point the
    run at them and delete the old ones; otherwise delete the new ones. Until that moment the
    previous build's files stay downloadable, and a build taken over never touches them."""
    stem = report_file_stem(run)
    storage = run.pdf_file.storage
    new = {
        kind: storage.save(report_file_path(run, f"{token[:16]}/{stem}.{kind}"), ContentFile(data))
        for kind, data in files.items()
    }
    old = [run.file_for(kind).name for kind in FILE_KINDS if run.file_for(kind)]
    finished = _held(run.pk, token).update(
        state=ReportRun.State.DONE,
        progress_percent=100,
        finished_at=timezone.now(),
        restarts=0,
        **{f"{kind}_file": name for kind, name in new.items()},
    )
    if finished:
        _delete_files(storage, [name for name in old if name not in new.values()])
        run.refresh_from_db()
        report_published.send(sender=ReportRun, run=run)
    else:
        logger.warning("Report run %s was taken over while building", run.pk)
        _delete_files(storage, list(new.values()))


def _delete_files(storage, names: list[str]) -> None:
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("Could not delete the old report file %s", name, exc_info=True)


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
            "minutes": max(1, BUILD_TIME_LIMIT // 60)
        }
    return _(
        "An unexpected error stopped the build; the details are in the server log. "
        "Build the report again, or ask a platform administrator if it fails again."
    )


def report_run_fail(
    *, run_id: int, token: str | None, message: str = "", tries: int = 1, unclaimed: bool = False
) -> None:
    """Mark the run failed with `message` (if `token` still holds it; any holder if None; also
    if no build has claimed it yet when `unclaimed`), trying `tries` times a second apart if
    the database refuses (a locked SQLite file, a dropped connection).

    `message` is shown to every reader of reports: never an exception's own text (see
    `report_run_failure_message`)."""
    runs = ReportRun.objects.filter(pk=run_id).exclude(state=ReportRun.State.DONE)
    if token is not None:
        held = Q(build_token=token)
        runs = runs.filter(held | Q(state=ReportRun.State.QUEUED) if unclaimed else held)
    for attempt in range(1, tries + 1):
        try:
            runs.update(
                state=ReportRun.State.FAILED,
                error_message=message or _("The report could not be built."),
                finished_at=timezone.now(),
            )
            return
        except DatabaseError:
            if attempt == tries:
                logger.exception("Could not mark report run %s failed", run_id)
                return
            close_old_connections()
            time.sleep(1)


def report_run_give_up(*, run_id: int, token: str | None, exc: BaseException) -> None:
    """The build task gave up on the run (retries spent, or killed at the time limit): log why
    and mark the run failed, if that task still holds it."""
    logger.error("Report run %s: its build task gave up", run_id, exc_info=exc)
    report_run_fail(run_id=run_id, token=token, message=report_run_failure_message(exc))


def report_run_build_in_thread(run_id: int) -> threading.Thread:
    """Build the run in a thread of this process (no broker): retried with backoff after a
    database hiccup, and failed with the time-limit message if it outlives the limit (the
    thread cannot be stopped, but its files are then discarded: the run is no longer its)."""
    token = uuid.uuid4().hex

    def over_time() -> None:
        # Not left building if the database is busy at that moment, nor queued if the build
        # never got to claim the run.
        message = report_run_failure_message(TimeLimitExceeded())
        report_run_fail(run_id=run_id, token=token, message=message, tries=5, unclaimed=True)

    def build() -> None:
        watchdog = thread_start(
            over_time, name=f"report-run-{run_id}-limit", after=BUILD_TIME_LIMIT
        )
        try:
            for attempt in range(1, THREAD_BUILD_TRIES + 1):
                try:
                    report_run_build(run_id=run_id, token=token)
                    return
                except TRANSIENT_ERRORS as exc:
                    if attempt == THREAD_BUILD_TRIES:
                        report_run_give_up(run_id=run_id, token=token, exc=exc)
                        return
                    close_old_connections()
                    time.sleep(2**attempt)
        finally:
            watchdog.cancel()

    return thread_start(build, name=f"report-run-{run_id}")
