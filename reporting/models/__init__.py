"""Reporting's models, by concern: rounds and what closing one freezes (rounds), the reports
built from them and the reminders sent while a round is open (runs)."""

from reporting.models.rounds import (
    ClosedRoundError,
    FrozenRow,
    ReportingRound,
    RoundMeasureSnapshot,
    RoundUpdateSnapshot,
)
from reporting.models.runs import (
    Edition,
    Reminder,
    ReportRun,
    report_file_path,
    report_language_codes,
    week_start_of,
)

__all__ = [
    "ClosedRoundError",
    "Edition",
    "FrozenRow",
    "Reminder",
    "ReportRun",
    "ReportingRound",
    "RoundMeasureSnapshot",
    "RoundUpdateSnapshot",
    "report_file_path",
    "report_language_codes",
    "week_start_of",
]
