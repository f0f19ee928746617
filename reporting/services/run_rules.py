"""When a report run is progressing, and when it is not: the one statement of each rule that
building, "Build again" and the recovery sweep share."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from reporting.models import ReportRun

# Seconds a build may take (the Celery task's hard limit; the soft limit comes first).
BUILD_TIME_LIMIT = settings.REPORT_BUILD_TIME_LIMIT
BUILD_SOFT_TIME_LIMIT = settings.CELERY_TASK_SOFT_TIME_LIMIT
# Seconds a build may stay silent (no heartbeat) before its worker is taken for dead.
BUILD_STALL_SECONDS = settings.REPORT_BUILD_STALL_SECONDS
# Restarts of a lost build before the run is failed with a message instead.
BUILD_MAX_ATTEMPTS = settings.REPORT_BUILD_MAX_ATTEMPTS
# Seconds between heartbeats of a build in progress: several within the stall allowance.
HEARTBEAT_SECONDS = max(1, BUILD_STALL_SECONDS // 4)


def run_building_lost(now: datetime.datetime | None = None) -> Q:
    """Building, but silent for longer than the stall allowance: its worker died."""
    silent_since = (now or timezone.now()) - datetime.timedelta(seconds=BUILD_STALL_SECONDS)
    return Q(state=ReportRun.State.BUILDING) & (
        Q(heartbeat_at__lt=silent_since) | Q(heartbeat_at__isnull=True)
    )


def run_queued_undispatched() -> Q:
    """Queued, but the broker never took its message: building is delayed."""
    return Q(state=ReportRun.State.QUEUED, dispatched_at__isnull=True)


def run_queued_lost(now: datetime.datetime | None = None) -> Q:
    """Queued and handed over, but no worker started it within the time limit: the message
    was lost (a broker restarted without persistence) or no worker is listening."""
    handed_before = (now or timezone.now()) - datetime.timedelta(seconds=BUILD_TIME_LIMIT)
    return Q(state=ReportRun.State.QUEUED, dispatched_at__lt=handed_before)


def run_not_progressing(now: datetime.datetime | None = None) -> Q:
    """Finished, failed, or waiting on something that will not come by itself: such a run may
    be built again."""
    return (
        Q(state__in=[ReportRun.State.DONE, ReportRun.State.FAILED])
        | run_building_lost(now)
        | run_queued_undispatched()
        | run_queued_lost(now)
    )


def report_run_can_rebuild(run: ReportRun, *, now: datetime.datetime | None = None) -> bool:
    """Whether "Build again" may be offered for `run` (see `run_not_progressing`)."""
    return ReportRun.objects.filter(run_not_progressing(now), pk=run.pk).exists()


def report_run_is_delayed(run: ReportRun) -> bool:
    """Queued while the broker could not take its message: it is built once the broker is back."""
    return ReportRun.objects.filter(run_queued_undispatched(), pk=run.pk).exists()
