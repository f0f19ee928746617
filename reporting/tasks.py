"""Celery tasks of reporting: thin, taking ids, each calling one service and owning its retries.

Every task acknowledges late (a worker that dies mid-task leaves the message to be delivered
again) and is safe to run twice: the services they call do nothing a second time. Services
queue them by name (reporting.services.queue), once their transaction commits.
"""

import logging

from celery import Task, shared_task
from celery.signals import worker_ready
from django.db import InterfaceError, OperationalError

from reporting.errors import ReminderDeliveryError
from reporting.services import (
    BUILD_SOFT_TIME_LIMIT,
    BUILD_TIME_LIMIT,
    evaluation_report_ensure,
    report_run_build,
    report_run_give_up,
    report_runs_recover,
    round_reminders_send,
)

logger = logging.getLogger(__name__)


class ReportRunTask(Task):
    """Marks the run failed when the task gives up (retries spent, or killed at the limit),
    if this task is the one building it."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        run_id = args[0] if args else kwargs.get("run_id")
        if run_id is not None:
            report_run_give_up(run_id=run_id, token=task_id, exc=exc)


@shared_task(
    base=ReportRunTask,
    bind=True,
    acks_late=True,
    time_limit=BUILD_TIME_LIMIT,
    soft_time_limit=BUILD_SOFT_TIME_LIMIT,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=3,
    # A worker lost mid-build (its pool child killed) hands the build back: tried again soon,
    # up to max_retries times, so that a report that kills every worker cannot loop for ever.
    retry_on_worker_lost=True,
    default_retry_delay=5,
)
def build_report_run(self, run_id: int) -> str:
    """Build the report run `run_id` (its PDF, XLSX and CSV); a duplicate does nothing."""
    run = report_run_build(run_id=run_id, token=self.request.id)
    return run.state if run is not None else "skipped"


@shared_task(
    acks_late=True,
    time_limit=5 * 60,
    soft_time_limit=4 * 60,
    autoretry_for=(OperationalError, InterfaceError, ReminderDeliveryError),
    retry_backoff=60,
    max_retries=3,
)
def send_round_reminders(round_id: int | None = None) -> int:
    """Weekly: remind coordinators whose measures have no update in the open round (in the
    round `round_id` only, when an evaluator asks for the reminders of that round)."""
    # Those reminded are recorded as they are mailed: a retry mails only the others.
    return len(round_reminders_send(round_id=round_id))


@shared_task(
    acks_late=True,
    time_limit=5 * 60,
    soft_time_limit=4 * 60,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=3,
)
def build_evaluation_report() -> list[int]:
    """Daily: on the plan's evaluation date, close the evaluation round and queue its report."""
    return [run.pk for run in evaluation_report_ensure()]


@shared_task(
    acks_late=True,
    time_limit=2 * 60,
    soft_time_limit=60,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=3,
    # A sweep that waited in the queue is replaced by the next one.
    expires=5 * 60,
)
def recover_report_runs() -> dict[str, list[int]]:
    """Every minute or so (beat) and at every worker's start: hand over, restart or fail the
    report runs that are not progressing by themselves (see reporting.services.run_recovery)."""
    return vars(report_runs_recover())


@worker_ready.connect
def recover_report_runs_at_worker_start(sender=None, **kwargs) -> None:
    """A worker starting after a crash picks up what the crash left behind."""
    try:
        recover_report_runs.delay()
    except Exception:  # the worker still starts; beat sweeps soon
        logger.warning("Could not queue the report-run recovery at worker start", exc_info=True)
