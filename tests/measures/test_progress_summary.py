"""One group-progress computation for the dashboard and the reports."""

from measures.models import ImplementationStatus
from measures.progress_summary import progress_summary


def test_a_group_counts_its_measures_averages_their_completion_and_counts_each_status():
    summary = progress_summary([("completed", 100), ("on_track", 40), ("on_track", 31)])

    assert (summary.measures, summary.average_percent, summary.completed) == (3, 57, 1)
    assert list(summary.status_counts) == list(ImplementationStatus.values)
    assert summary.status_counts["on_track"] == 2
    assert summary.status_counts["delayed"] == 0


def test_an_empty_group_has_no_average_rather_than_an_error():
    summary = progress_summary([])

    assert (summary.measures, summary.average_percent, summary.completed) == (0, 0, 0)
    assert set(summary.status_counts.values()) == {0}
