"""Reads of a measure's progress: its timeline of updates and its history of changes."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from measures.models import Measure, ProgressUpdate
from measures.permissions import user_can_read_internal, user_can_see_history

HISTORY_HIDDEN_FIELDS = {"id", "version", "updated_at", "created_at", "action_number", "number"}
INTERNAL_PROGRESS_FIELDS = {"implementation_status", "progress_percent", "last_update_at"}
HISTORY_KINDS = {"+": "created", "~": "changed", "-": "deleted"}


def progress_update_list(*, measure: Measure, user) -> QuerySet:
    """The measure's updates that `user` may read, newest first (the timeline)."""
    updates = ProgressUpdate.objects.filter(measure=measure).select_related("author")
    if not user_can_read_internal(user):
        updates = updates.public()
    return updates.latest_first()


def progress_update_list_for(*, user) -> QuerySet:
    """Every progress update `user` may read, on every measure, newest first."""
    updates = ProgressUpdate.objects.select_related("measure", "author")
    if not user_can_read_internal(user):
        updates = updates.public()
    return updates.latest_first()


@dataclass
class HistoryChange:
    field: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    subject: str
    kind: str  # created, changed, deleted
    changes: list[HistoryChange]


def measure_history(*, measure: Measure, user) -> list[HistoryEntry]:
    """Every recorded change to the measure and to the updates `user` may read, newest first."""
    if not user_can_see_history(user):
        return []
    reads_internal = user_can_read_internal(user)
    # The measure's own status fields follow internal updates too; hide them from those who
    # may not read internal updates (they see the public_* twins change instead).
    hidden = set() if reads_internal else INTERNAL_PROGRESS_FIELDS
    entries = _history_entries(
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
    entries += _history_entries(
        updates.order_by("id", "history_date", "history_id"),
        ProgressUpdate._meta,
        subject=lambda record: (
            _("Progress update of %(date)s") % {"date": date_format(record.reported_on)}
        ),
    )
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def _history_entries(records, meta, *, subject, hidden=frozenset()) -> list[HistoryEntry]:
    entries = []
    previous_by_object: dict = {}
    fields = [
        field
        for field in meta.concrete_fields
        if field.name not in HISTORY_HIDDEN_FIELDS | hidden
        and not field.name.endswith("_as_printed")
    ]
    for record in records:
        previous = previous_by_object.get(record.id)
        changes = []
        for field in fields:
            after = _display(record, field)
            before = _display(previous, field) if previous is not None else ""
            if previous is None and record.history_type == "+":
                continue
            if before != after:
                changes.append(HistoryChange(str(field.verbose_name), before, after))
        kind = HISTORY_KINDS[record.history_type]
        if kind == "created" or changes or kind == "deleted":
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=str(record.history_user) if record.history_user else _("the system"),
                    subject=subject(record),
                    kind=kind,
                    changes=changes,
                )
            )
        previous_by_object[record.id] = record
    return entries


def _display(record, field) -> str:
    attname = field.attname
    value = getattr(record, attname, None)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value or ""))
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
