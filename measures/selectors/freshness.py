"""When what a reader sees of measures and progress updates last changed: the API's
Last-Modified (and so its If-Modified-Since answers)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max

from measures.models import Measure
from measures.selectors.progress import progress_update_list, progress_update_list_for
from measures.visibility import user_can_read_internal


@dataclass(frozen=True)
class ListMarker:
    """What the measure list's representations for one audience depend on: when a measure
    last changed as that audience sees it, and how many measures there are (a deletion moves
    no timestamp)."""

    reads_internal: bool
    latest_change: datetime.datetime | None
    measure_count: int


def measure_list_marker(*, user) -> ListMarker:
    """The change marker of every measure as `user` sees them, in one query: of every measure,
    not only of a filtered list, since a measure that left the filter has changed too."""
    marker = Measure.objects.with_visible_progress(user).aggregate(
        latest=Max("visible_changed_at"), count=Count("pk")
    )
    return ListMarker(user_can_read_internal(user), marker["latest"], marker["count"])


def measure_list_changed_at(*, user) -> datetime.datetime | None:
    """The latest change to any measure as `user` sees it."""
    return measure_list_marker(user=user).latest_change


def progress_update_list_changed_at(*, user, measure: Measure | None = None):
    """The latest change to the progress updates `user` may read (on `measure`, if given,
    else on any measure). An update made internal leaves the list without moving any listed
    update's updated_at, but it moves its measure's change marker for this reader (see
    changes.receivers): the measures' markers count too."""
    measures = Measure.objects.with_visible_progress(user)
    if measure is None:
        updates = progress_update_list_for(user=user)
    else:
        updates = progress_update_list(measure=measure, user=user)
        measures = measures.filter(pk=measure.pk)
    moments = (
        updates.aggregate(latest=Max("updated_at"))["latest"],
        measures.aggregate(latest=Max("visible_changed_at"))["latest"],
    )
    return max((moment for moment in moments if moment is not None), default=None)
