"""Writes for reporting: opening and closing rounds (rounds), requesting and building report
runs (runs), reminding coordinators (reminders) and the evaluation report on the plan's
evaluation date (evaluation).

A `user` of None means the system itself (Celery beat, a management command); every other
caller is checked with `user_can_build_reports` (access).
"""

from reporting.services.evaluation import evaluation_report_ensure
from reporting.services.reminders import round_reminders_request, round_reminders_send
from reporting.services.rounds import round_close, round_open
from reporting.services.runs import (
    report_file_stem,
    report_run_build,
    report_run_can_rebuild,
    report_run_fail,
    report_run_failure_message,
    report_run_give_up,
    report_run_rebuild,
    report_run_request,
)

__all__ = [
    "evaluation_report_ensure",
    "report_file_stem",
    "report_run_build",
    "report_run_can_rebuild",
    "report_run_fail",
    "report_run_failure_message",
    "report_run_give_up",
    "report_run_rebuild",
    "report_run_request",
    "round_close",
    "round_open",
    "round_reminders_request",
    "round_reminders_send",
]
