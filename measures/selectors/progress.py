"""Reads of a measure's progress: its timeline of updates and its history of changes."""

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from measures.history import (
    FIELD_PHRASES,
    HistoryChange,
    HistoryEntry,
    history_entries,
    history_saves,
    progress_update_save_key,
)
from measures.models import Measure, ProgressUpdate
from measures.permissions import user_can_read_internal, user_can_see_history
from measures.visibility import PROGRESS_FIELDS, PUBLIC_PREFIX, audience_of

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
    """Every recorded save of the measure and of the updates `user` may read, newest first,
    one sentence each."""
    if not user_can_see_history(user):
        return []
    reads_internal = user_can_read_internal(user)
    # The measure's own status fields follow internal updates too; hide them from those who
    # may not read internal updates: they see the public twins change, named as theirs. When
    # the latest update was recorded is said by the update's own entry.
    hidden = {"last_update_at", f"{PUBLIC_PREFIX}last_update_at"}
    phrases = {}
    if not reads_internal:
        hidden |= set(PROGRESS_FIELDS)
        phrases = {f"{PUBLIC_PREFIX}{name}": FIELD_PHRASES[name] for name in PUBLIC_TWINS_NAMED}
    entries = history_entries(
        measure.history.select_related("history_user").order_by("history_date", "history_id"),
        Measure._meta,
        event=_measure_event,
        save_key=lambda record: record.history_change_reason,
        joins_save=True,
        hidden=hidden,
        phrases=phrases,
    )
    updates = ProgressUpdate.history.filter(measure_id=measure.pk).select_related("history_user")
    if not reads_internal:
        # Each recorded state on its own: an update once internal and later public must not
        # show its internal past.
        updates = updates.filter(visibility=ProgressUpdate.Visibility.PUBLIC)
    entries += history_entries(
        updates.order_by("id", "history_date", "history_id"),
        ProgressUpdate._meta,
        event=_update_event,
        save_key=lambda record: progress_update_save_key(record.id),
        hidden={"measure", "author"},
    )
    saves = history_saves(entries)
    if reads_internal:
        for save in saves:
            save.changes = _without_echoed_public_twins(save.changes)
    return saves


def _without_echoed_public_twins(changes: list[HistoryChange]) -> list[HistoryChange]:
    """A public update moves both twins alike: say so once, as the change of its progress."""
    by_name = {change.name: change for change in changes}

    def echoed(change: HistoryChange) -> bool:
        twin = by_name.get(change.name.removeprefix(PUBLIC_PREFIX))
        return (
            change.name.startswith(PUBLIC_PREFIX)
            and twin is not None
            and (twin.before, twin.after) == (change.before, change.after)
        )

    return [change for change in changes if not echoed(change)]


# The public twins of the progress fields a sentence names as "the status", "completion".
PUBLIC_TWINS_NAMED = ("implementation_status", "progress_percent")


def _measure_event(record, kind: str) -> str:
    if kind == "created":
        return _("added the measure")
    if kind == "deleted":
        return _("deleted the measure")
    return ""  # its changed fields say it all


def _update_event(record, kind: str) -> str:
    date = date_format(record.reported_on, "DATE_FORMAT")
    if kind == "created":
        return _("recorded the progress update of %(date)s") % {"date": date}
    if kind == "deleted":
        return _("deleted the progress update of %(date)s") % {"date": date}
    return _("edited the progress update of %(date)s") % {"date": date}
