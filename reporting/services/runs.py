"""Report runs: requesting one, building it again, and handing its build to a worker.

A run is created queued; its build is handed over once the transaction commits. When the
broker cannot take it, the run stays queued and undispatched ("building is delayed"), and the
recovery sweep (reporting.services.run_recovery) hands it over once the broker is back.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import KombuError

from reporting.models import Edition, ReportingRound, ReportRun, report_language_codes
from reporting.services.access import builder_required, recorded_user
from reporting.services.queue import task_send, tasks_run_eagerly
from reporting.services.run_build import report_run_build_in_thread
from reporting.services.run_rules import run_not_progressing

logger = logging.getLogger(__name__)


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
    report_round_check_closed(reporting_round)
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
        transaction.on_commit(lambda: report_run_dispatch(run_id=run.pk))
    return run, True


def report_round_check_closed(reporting_round: ReportingRound) -> None:
    """Raises ValidationError unless the round is closed: only a closed round has a report."""
    if not reporting_round.is_closed:
        raise ValidationError(_("Close the round before building its report."))


def _report_language(language: str) -> str:
    """`language` as a report language ("nl-be" is "nl"); the active language if empty.
    Raises ValidationError for a language reports are not written in."""
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).lower()
    if code not in report_language_codes():
        code = code.split("-")[0]
    if code not in report_language_codes():
        raise ValidationError({"language": [_("Choose English or Dutch.")]})
    return code


def report_run_rebuild(*, run: ReportRun, requested_by=None, queue: bool = True) -> ReportRun:
    """Queue the run to be built again: after a failure, to rebuild its files, or because it
    is not progressing (see `run_not_progressing`). Its files stay downloadable until the new
    build replaces them."""
    builder_required(requested_by)
    # Conditional, so that two clicks on "Build again" queue one build, not two.
    reset = ReportRun.objects.filter(run_not_progressing(), pk=run.pk).update(
        state=ReportRun.State.QUEUED,
        progress_percent=0,
        error_message="",
        build_token="",
        queued_at=timezone.now(),
        dispatched_at=None,
        heartbeat_at=None,
        started_at=None,
        finished_at=None,
        restarts=0,
    )
    run.refresh_from_db()
    if not reset:
        raise ValidationError(_("This report is being built already."))
    if queue:
        transaction.on_commit(lambda: report_run_dispatch(run_id=run.pk))
    return run


def report_run_dispatch(*, run_id: int) -> bool:
    """Hand the queued run's build to a worker now: to the broker, or without one to a thread
    of this process (REPORT_BUILD_IN_BACKGROUND) or to this very call. Returns whether it was
    handed over; if the broker cannot take it, the run stays queued and undispatched, for the
    recovery sweep to hand over later. Never raises for a broker that is down."""
    handed_over = ReportRun.objects.filter(pk=run_id, state=ReportRun.State.QUEUED)
    if tasks_run_eagerly() and settings.REPORT_BUILD_IN_BACKGROUND:
        handed_over.update(dispatched_at=timezone.now())
        report_run_build_in_thread(run_id)
        return True
    try:
        task_send("build_report_run", run_id)
    except (KombuError, OSError):
        logger.warning(
            "Report run %s: the broker did not take its build; the recovery sweep hands it "
            "over later",
            run_id,
            exc_info=True,
        )
        return False
    # A worker may have claimed it already (no longer queued): nothing to mark then.
    handed_over.update(dispatched_at=timezone.now())
    return True
