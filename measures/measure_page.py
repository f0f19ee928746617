"""Reads for a measure's own pages (to join measures.selectors): the measure, one update."""

from measures.models import Measure, ProgressUpdate
from measures.selectors import measure_list_for


def measure_get(*, code: str, user) -> Measure | None:
    """The measure `code` (in the first plan that has it) with its plan data and the progress
    `user` may see; None if there is none."""
    return measure_list_for(user=user).filter(code=code).first()


def progress_update_get(*, measure: Measure, update_id: int) -> ProgressUpdate | None:
    """The update `update_id` of `measure`; None if the measure has no such update."""
    return ProgressUpdate.objects.filter(measure=measure, pk=update_id).first()
