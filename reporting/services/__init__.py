"""Writes for reporting: opening and closing rounds (rounds), requesting and building report
runs (runs), reminding coordinators (reminders) and the evaluation report on the plan's
evaluation date (evaluation).

A `user` of None means the system itself (Celery beat, a management command); every other
caller is checked with `user_can_build_reports` (access).
"""

from reporting.services.evaluation import evaluation_report_ensure
from reporting.services.reminders import round_reminders_request, round_reminders_send
from reporting.services.rounds import round_close, round_open
from reporting.services.run_build import (
    report_file_stem,
    report_run_build,
    report_run_fail,
    report_run_failure_message,
    report_run_give_up,
)
from reporting.services.run_recovery import report_runs_recover
from reporting.services.run_rules import (
    BUILD_SOFT_TIME_LIMIT,
    BUILD_TIME_LIMIT,
    report_run_can_rebuild,
    report_run_is_delayed,
)
from reporting.services.runs import (
    report_round_check_closed,
    report_run_dispatch,
    report_run_rebuild,
    report_run_request,
)

__all__ = [
    "BUILD_SOFT_TIME_LIMIT",
    "BUILD_TIME_LIMIT",
    "evaluation_report_ensure",
    "report_file_stem",
    "report_round_check_closed",
    "report_run_build",
    "report_run_can_rebuild",
    "report_run_dispatch",
    "report_run_fail",
    "report_run_failure_message",
    "report_run_give_up",
    "report_run_is_delayed",
    "report_run_rebuild",
    "report_run_request",
    "report_runs_recover",
    "round_close",
    "round_open",
    "round_reminders_request",
    "round_reminders_send",
]
