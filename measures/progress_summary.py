"""How far a group of measures has come: the one computation behind the dashboard's policy
lines and actions and a report's summary (per policy line and over the whole plan)."""

from collections.abc import Iterable
from dataclasses import dataclass

from measures.models import ImplementationStatus


@dataclass(frozen=True)
class ProgressSummary:
    measures: int
    average_percent: int
    completed: int
    status_counts: dict[str, int]


def progress_summary(progress: Iterable[tuple[str, int]]) -> ProgressSummary:
    """The summary of measures given as (implementation status, percent) pairs: how many,
    their average completion rounded to a whole percent (0 for none), how many are completed
    and how many have each status (every status listed, in the order of the choices)."""
    return progress_summary_of_groups((status, 1, percent) for status, percent in progress)


def progress_summary_of_groups(groups: Iterable[tuple[str, int, int]]) -> ProgressSummary:
    """The same summary from measures counted in the database: (implementation status,
    number of measures, sum of their percents) triples, a status possibly in several."""
    status_counts = dict.fromkeys(ImplementationStatus.values, 0)
    count = total_percent = 0
    for status, measures, percent in groups:
        status_counts[status] = status_counts.get(status, 0) + measures
        count += measures
        total_percent += percent or 0
    return ProgressSummary(
        measures=count,
        average_percent=round(total_percent / count) if count else 0,
        completed=status_counts[ImplementationStatus.COMPLETED],
        status_counts=status_counts,
    )
