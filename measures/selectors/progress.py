"""Reads of a measure's progress: its timeline of updates and its history of changes."""

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from measures.history import HistoryChange, HistoryEntry, history_entries
from measures.models import Measure, ProgressUpdate
from measures.permissions import user_can_read_internal, user_can_see_history
from measures.visibility import PROGRESS_FIELDS, audience_of

__all__ = [
    "HistoryChange",
    "HistoryEntry",
    "measure_history",
    "progress_update_list",
    "progress_update_list_for",
]


def progress_update_list(*, measure: Measure, user) -> QuerySet:
    """The measure's updates that `user` may read, newest first (the timeline)."""
    updates = ProgressUpdate.objects.filter(measure=measure).select_related("author")
    return audience_of(user).readable(updates).latest_first()


def progress_update_list_for(*, user) -> QuerySet:
    """Every progress update `user` may read, on every measure, newest first."""
    updates = ProgressUpdate.objects.select_related("measure", "author")
    return audience_of(user).readable(updates).latest_first()


def measure_history(*, measure: Measure, user) -> list[HistoryEntry]:
    """Every recorded change to the measure and to the updates `user` may read, newest first."""
    if not user_can_see_history(user):
        return []
    reads_internal = user_can_read_internal(user)
    # The measure's own status fields follow internal updates too; hide them from those who
    # may not read internal updates (they see the public_* twins change instead).
    hidden = set() if reads_internal else set(PROGRESS_FIELDS)
    entries = history_entries(
        measure.history.select_related("history_user").order_by("history_date", "history_id"),
        Measure._meta,
        subject=lambda record: _("Measure %(code)s") % {"code": record.code},
        hidden=hidden,
    )
    updates = ProgressUpdate.history.filter(measure_id=measure.pk).select_related("history_user")
    if not reads_internal:
        # Each recorded state on its own: an update once internal and later public must not
        # show its internal past.
        updates = updates.filter(visibility=ProgressUpdate.Visibility.PUBLIC)
    entries += history_entries(
        updates.order_by("id", "history_date", "history_id"),
        ProgressUpdate._meta,
        subject=lambda record: (
            _("Progress update of %(date)s") % {"date": date_format(record.reported_on)}
        ),
    )
    return sorted(entries, key=lambda entry: entry.when, reverse=True)
