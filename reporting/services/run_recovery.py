"""The recovery sweep: no report run stays queued or building for ever.

Run by Celery beat every minute or so, at every worker's start, and by
`manage.py recover_report_runs` (for a deployment without beat). It hands over the builds the
broker could not take, and restarts the runs whose message or worker was lost, failing a run
with a message once it has been restarted REPORT_BUILD_MAX_ATTEMPTS times.
"""

import logging
from dataclasses import dataclass, field

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from reporting.models import ReportRun
from reporting.services.run_rules import (
    BUILD_MAX_ATTEMPTS,
    run_building_lost,
    run_queued_lost,
    run_queued_undispatched,
)
from reporting.services.runs import report_run_dispatch

logger = logging.getLogger(__name__)


@dataclass
class RecoveryOutcome:
    """Run ids by what the sweep did with them."""

    dispatched: list[int] = field(default_factory=list)
    delayed: list[int] = field(default_factory=list)
    restarted: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def report_runs_recover() -> RecoveryOutcome:
    """Hand over, restart or fail every run that is not progressing by itself."""
    outcome = RecoveryOutcome()
    now = timezone.now()
    lost = run_building_lost(now) | run_queued_lost(now)
    for run_id in ReportRun.objects.filter(lost).values_list("pk", flat=True):
        if _restart(run_id, lost):
            outcome.restarted.append(run_id)
        elif _fail(run_id, lost):
            outcome.failed.append(run_id)
    for run_id in ReportRun.objects.filter(run_queued_undispatched()).values_list("pk", flat=True):
        handed_over = report_run_dispatch(run_id=run_id)
        (outcome.dispatched if handed_over else outcome.delayed).append(run_id)
    if outcome.restarted or outcome.failed:
        logger.warning(
            "Report runs recovered: restarted %s, failed %s", outcome.restarted, outcome.failed
        )
    return outcome


def _restart(run_id: int, lost) -> bool:
    """Queue the lost run again (undispatched: the loop above hands it over), if it has
    attempts left and is still lost (a worker may have taken it meanwhile)."""
    return bool(
        ReportRun.objects.filter(lost, pk=run_id, restarts__lt=BUILD_MAX_ATTEMPTS).update(
            state=ReportRun.State.QUEUED,
            build_token="",
            progress_percent=0,
            dispatched_at=None,
            heartbeat_at=None,
            started_at=None,
            restarts=F("restarts") + 1,
        )
    )


def _fail(run_id: int, lost) -> bool:
    return bool(
        ReportRun.objects.filter(lost, pk=run_id).update(
            state=ReportRun.State.FAILED,
            finished_at=timezone.now(),
            error_message=_(
                "The build was restarted %(attempts)d times without finishing: its worker "
                "stopped, or no worker took it. Build the report again, or ask a platform "
                "administrator to check the workers."
            )
            % {"attempts": BUILD_MAX_ATTEMPTS},
        )
    )
