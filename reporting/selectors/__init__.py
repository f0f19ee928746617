"""Reads for reporting: rounds and who still has to report (rounds), a report's content
(report_content) and what changed since the previous report (changes), the frozen budget
totals (budget_totals), and report runs and their files (runs)."""

from reporting.selectors.budget_totals import budget_totals_json, snapshot_budget_totals
from reporting.selectors.changes import (
    ChangeSet,
    MeasureChange,
    UpdateEntry,
    report_changes,
    status_label,
)
from reporting.selectors.report_content import (
    ActionSection,
    Count,
    GroupSummary,
    MeasureEntry,
    PolicyLineSection,
    ReportContent,
    report_content,
)
from reporting.selectors.rounds import (
    ActorMissingUpdates,
    CoordinatorStatus,
    measure_code_key,
    reminder_list,
    round_coordinators_to_remind,
    round_last_closed,
    round_list,
    round_missing_updates,
    round_open_get,
    round_open_progress,
    round_previous,
    round_queryset,
    round_snapshot_count,
    round_updated_measure_ids,
)
from reporting.selectors.runs import (
    REPORT_FILE_TYPES,
    OpenReportFile,
    ReportFileUnavailable,
    report_run_downloads,
    report_run_file_open,
    report_run_list,
    report_run_queryset,
)

__all__ = [
    "REPORT_FILE_TYPES",
    "ActionSection",
    "ActorMissingUpdates",
    "ChangeSet",
    "CoordinatorStatus",
    "Count",
    "GroupSummary",
    "MeasureChange",
    "MeasureEntry",
    "OpenReportFile",
    "PolicyLineSection",
    "ReportContent",
    "ReportFileUnavailable",
    "UpdateEntry",
    "budget_totals_json",
    "measure_code_key",
    "reminder_list",
    "report_changes",
    "report_content",
    "report_run_downloads",
    "report_run_file_open",
    "report_run_list",
    "report_run_queryset",
    "round_coordinators_to_remind",
    "round_last_closed",
    "round_list",
    "round_missing_updates",
    "round_open_get",
    "round_open_progress",
    "round_previous",
    "round_queryset",
    "round_snapshot_count",
    "round_updated_measure_ids",
    "snapshot_budget_totals",
    "status_label",
]
